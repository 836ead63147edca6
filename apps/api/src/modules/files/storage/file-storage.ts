import type { Readable } from 'node:stream';

export const FILE_STORAGE = Symbol('FILE_STORAGE');

// Where file bytes live. `put` consumes a stream and either stores all of it
// under `key` or nothing: a failed or aborted upload leaves no half file (a
// disk temp file is removed, an S3 multipart upload aborted), so a client
// simply sends the file again.
export interface FileStorage {
  readonly kind: 'disk' | 's3';
  put(key: string, body: Readable): Promise<void>;
  /** The bytes, or only `range` (inclusive offsets) of them. */
  get(key: string, range?: { start: number; end: number }): Promise<Readable>;
  delete(key: string): Promise<void>;
  /** Leftovers of uploads a crashed process never finished (disk); S3 leaves that to a lifecycle rule. */
  sweep?(): Promise<number>;
}
