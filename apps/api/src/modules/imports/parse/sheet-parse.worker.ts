import { parentPort, workerData } from 'node:worker_threads';
import { DomainError, ImportLimitExceeded } from '@app/domain';
import { readSpreadsheet } from './spreadsheet-reader';
import type { ParseReply, ParseRequest } from './sheet-parser.service';

// The body of the parse worker (see SheetParser): reads one upload and posts
// the sheet, or the refusal, back. Its heap is capped by the parent; if a
// file still outgrows it, only this thread dies.
const { bytes, fileName } = workerData as ParseRequest;

function reply(message: ParseReply): void {
  parentPort!.postMessage(message);
}

readSpreadsheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), fileName).then(
  (sheet) => reply({ ok: true, sheet }),
  (e: unknown) => {
    if (e instanceof ImportLimitExceeded) reply({ ok: false, limit: e.problem });
    else if (e instanceof DomainError)
      reply({
        ok: false,
        domain: {
          kind: e.kind,
          code: e.code,
          params: e.params,
          message: e.message,
          details: e.details,
        },
      });
    else reply({ ok: false, unexpected: String(e) });
  },
);
