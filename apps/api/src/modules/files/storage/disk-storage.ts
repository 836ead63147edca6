import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
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

  async get(key: string): Promise<Readable> {
    const stream = createReadStream(this.path(key));
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
}
