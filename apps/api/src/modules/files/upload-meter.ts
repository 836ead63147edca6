import { createHash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';

// file-type is an ES module (loaded by require() on Node 20.19+); loaded on
// the first upload, so code that only lists the routes (tests) never needs it.
let fileType: Promise<typeof import('file-type')> | undefined;
const sniffer = () => (fileType ??= import('file-type'));

// Enough of the start of a file for the sniffer: magic numbers, and the first
// entries of a ZIP (docx/xlsx/pptx name their kind in [Content_Types].xml).
const HEAD_BYTES = 64 * 1024;

export interface Sniffed {
  mime: string | null;
  empty: boolean;
}

// The one pass an upload's bytes make on their way to storage: counted (the
// field's cap ends it as soon as it is passed), hashed (SHA-256), and held
// back only until the head is sniffed; `check` refuses a wrong type there, so
// a renamed .exe is stopped after 64 KiB, before storage has kept anything.
// Nothing more than the head is ever held in memory.
export class UploadMeter extends Transform {
  // Not `size`: the S3 SDK reads a body's `size` as its length (0 at the start).
  bytesSeen = 0;
  sniffed: Sniffed | null = null;
  private readonly hash = createHash('sha256');
  private head: Buffer[] = [];
  private headSize = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly tooLarge: () => Error,
    private readonly check: (sniffed: Sniffed) => void,
  ) {
    super();
  }

  private digest?: string;

  /** The SHA-256 of every byte, once the stream has ended. */
  get sha256(): string {
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytesSeen += chunk.length;
    if (this.bytesSeen > this.maxBytes) return done(this.tooLarge());
    this.hash.update(chunk);
    if (this.sniffed) return done(null, chunk);
    this.head.push(chunk);
    this.headSize += chunk.length;
    if (this.headSize < HEAD_BYTES) return done();
    this.release(done);
  }

  override _flush(done: TransformCallback): void {
    if (this.sniffed) return done();
    this.release(done);
  }

  private release(done: TransformCallback): void {
    const head = Buffer.concat(this.head);
    this.head = [];
    sniffer()
      .then(({ fileTypeFromBuffer }) => fileTypeFromBuffer(head))
      .then(
        (type) => {
          this.sniffed = { mime: type?.mime ?? null, empty: head.length === 0 };
          try {
            this.check(this.sniffed);
          } catch (error) {
            return done(error as Error);
          }
          done(null, head);
        },
        (error: Error) => done(error),
      );
  }
}
