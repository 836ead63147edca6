import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DomainError } from '@app/domain';
import { FileStorage } from './file-storage';

// The embedded default: files under FILES_DIR (.data/files). A file is written
// to tmp/ and renamed into place once complete (rename is atomic on one file
// system), so a reader never sees a half file and a failed write leaves none.
export class DiskStorage implements FileStorage {
  readonly kind = 'disk' as const;
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  private path(key: string): string {
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + '/')) throw new Error(`storage key outside the store: ${key}`);
    return path;
  }

  async put(key: string, body: Readable): Promise<void> {
    const final = this.path(key);
    const tmp = join(this.root, 'tmp', `${randomUUID()}.part`);
    await mkdir(dirname(tmp), { recursive: true });
    await mkdir(dirname(final), { recursive: true });
    try {
      await pipeline(body, createWriteStream(tmp, { flags: 'wx' }));
      await rename(tmp, final);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const stream = createReadStream(this.path(key), range);
    await new Promise<void>((ok, fail) => {
      stream.once('open', () => ok());
      stream.once('error', (e: NodeJS.ErrnoException) =>
        fail(e.code === 'ENOENT' ? DomainError.notFound('file', key) : e),
      );
    });
    return stream;
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  // Temp files of uploads a crashed process never finished: removed at start
  // once a day old (a live upload's temp file is younger).
  async sweep(olderThanMs = 24 * 3600 * 1000): Promise<number> {
    const dir = join(this.root, 'tmp');
    const names = await readdir(dir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const path = join(dir, name);
      const info = await stat(path).catch(() => null);
      if (info && Date.now() - info.mtimeMs > olderThanMs) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }
}
