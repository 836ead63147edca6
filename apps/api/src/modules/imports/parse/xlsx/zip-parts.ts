import { StringDecoder } from 'node:string_decoder';
import yauzl, { Entry, ZipFile } from 'yauzl';
import {
  IMPORT_LIMITS,
  ImportLimitExceeded,
  partCountProblem,
  zipDirectoryProblem,
} from '@app/domain';
import { XmlHandler, XmlScanner } from './xml-scanner';

// A workbook's zip, opened from the uploaded bytes. The central directory is
// read and checked against IMPORT_LIMITS before any part is inflated; a part
// is then inflated as a stream into an XmlScanner, and yauzl stops it with
// an error if it inflates to more than its declared (already checked) size.
export class ZipParts {
  private constructor(
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
  ) {}

  static async open(bytes: Buffer, limits = IMPORT_LIMITS): Promise<ZipParts> {
    const zip = await new Promise<ZipFile>((resolve, reject) =>
      yauzl.fromBuffer(
        bytes,
        { lazyEntries: true, validateEntrySizes: true, strictFileNames: false },
        (err, z) => (err ? reject(err) : resolve(z)),
      ),
    );
    // The count is in the end-of-directory record: refuse before listing them.
    const tooMany = partCountProblem(zip.entryCount, limits);
    if (tooMany) {
      zip.close();
      throw new ImportLimitExceeded(tooMany);
    }
    const entries = await new Promise<Entry[]>((resolve, reject) => {
      const all: Entry[] = [];
      zip.on('entry', (e: Entry) => {
        all.push(e);
        zip.readEntry();
      });
      zip.once('end', () => resolve(all));
      zip.once('error', reject);
      zip.readEntry();
    });
    const problem = zipDirectoryProblem(
      entries.map((e) => ({
        name: e.fileName,
        compressedSize: e.compressedSize,
        uncompressedSize: e.uncompressedSize,
      })),
      limits,
    );
    if (problem) {
      zip.close();
      throw new ImportLimitExceeded(problem);
    }
    return new ZipParts(zip, new Map(entries.map((e) => [e.fileName.replace(/^\//, ''), e])));
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  // Streams one part through `handler`; `stop()` from a handler (by throwing
  // StopReading) ends the inflation early without an error.
  async scan(name: string, handler: XmlHandler): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`the workbook has no part ${name}`);
    const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
      this.zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))),
    );
    const scanner = new XmlScanner(handler);
    const decoder = new StringDecoder('utf8');
    try {
      for await (const chunk of stream) scanner.feed(decoder.write(chunk));
      scanner.feed(decoder.end());
      scanner.end();
    } catch (e) {
      if (e instanceof StopReading) return;
      // yauzl stops a part that inflates past its declared size.
      if (/too many bytes in the stream/.test(String((e as Error)?.message)))
        throw new ImportLimitExceeded({
          code: 'IMPORT_PART_TOO_LARGE',
          message: `the workbook part ${name} inflates to more than the ${entry.uncompressedSize} bytes it declares`,
          params: { part: name, bytes: entry.uncompressedSize },
        });
      throw e;
    } finally {
      (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
    }
  }

  close(): void {
    this.zip.close();
  }
}

// Thrown by a handler that has read all it needs.
export class StopReading extends Error {}
