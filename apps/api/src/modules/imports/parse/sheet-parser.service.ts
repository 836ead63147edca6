import { Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  DomainError,
  DomainErrorKind,
  ERROR_CODES,
  ErrorCode,
  FieldProblem,
  IMPORT_LIMITS,
  ImportLimitProblem,
} from '@app/domain';
import type { ReadSheet } from './spreadsheet-reader';

export interface ParseRequest {
  bytes: Uint8Array;
  fileName: string;
}

export type ParseReply =
  | { ok: true; sheet: ReadSheet }
  | { ok: false; limit: ImportLimitProblem }
  | {
      ok: false;
      domain: {
        kind: DomainErrorKind;
        code: ErrorCode;
        params?: Record<string, unknown>;
        message: string;
        details: FieldProblem[];
      };
    }
  | { ok: false; unexpected: string };

// A refusal for a limit, as the HTTP answer carries it: the status of its
// kind (413, 422 or 503) and the code with its numbers in `details`.
export function limitRefusal(problem: ImportLimitProblem): DomainError {
  // The catalogue gives each limit code the status IMPORT_LIMIT_STATUS names.
  return new DomainError(
    ERROR_CODES[problem.code].kind,
    problem.message,
    [{ field: 'file', code: problem.code, message: problem.message, params: problem.params }],
    problem.code,
    problem.params,
  );
}

const WORKER_FILE = path.join(__dirname, 'sheet-parse.worker.js');

// Reads uploads off the request path: each parse runs in its own worker
// thread with a capped heap and a time limit, so a file built to inflate
// costs that thread, never the api (judges' score saves go on). One parse
// runs at a time per process; a few uploads wait their turn in order (an
// organiser expects a second upload to be slower, not refused), and past
// that queue the upload is answered 503 with Retry-After.
@Injectable()
export class SheetParser {
  private running = false;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly logger: PinoLogger) {
    this.logger.setContext('SheetParser');
  }

  async parse(bytes: Buffer, fileName: string, limits = IMPORT_LIMITS): Promise<ReadSheet> {
    await this.turn(limits);
    try {
      return await this.inWorker(bytes, fileName, limits);
    } finally {
      this.next();
    }
  }

  private turn(limits: typeof IMPORT_LIMITS): Promise<void> {
    if (!this.running) {
      this.running = true;
      return Promise.resolve();
    }
    if (this.waiting.length >= limits.parseQueue)
      throw limitRefusal({
        code: 'IMPORT_BUSY',
        message: `other spreadsheets are being read; send this one again in ${limits.retryAfterSeconds} seconds`,
        params: { retryAfterSeconds: limits.retryAfterSeconds },
      });
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private next(): void {
    const resolve = this.waiting.shift();
    if (resolve) resolve();
    else this.running = false;
  }

  private inWorker(bytes: Buffer, fileName: string, limits: typeof IMPORT_LIMITS) {
    return new Promise<ReadSheet>((resolve, reject) => {
      const request: ParseRequest = { bytes: new Uint8Array(bytes), fileName };
      const worker = new Worker(WORKER_FILE, {
        workerData: request,
        resourceLimits: {
          maxOldGenerationSizeMb: limits.workerHeapMb,
          maxYoungGenerationSizeMb: 16,
          stackSizeMb: 4,
        },
      });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        fn();
        void worker.terminate();
      };
      const overLimit = (why: string) => {
        this.logger.warn({ fileName, why }, 'spreadsheet parse stopped at its limit');
        settle(() =>
          reject(
            limitRefusal({
              code: 'IMPORT_PARSE_LIMIT',
              message: `the file needs more memory or time than an import may use (${limits.workerHeapMb} MB, ${limits.workerTimeoutMs / 1000} s)`,
              params: { memoryMb: limits.workerHeapMb, seconds: limits.workerTimeoutMs / 1000 },
            }),
          ),
        );
      };
      const timer = setTimeout(() => overLimit('timeout'), limits.workerTimeoutMs);
      worker.once('message', (reply: ParseReply) =>
        settle(() => {
          if (reply.ok) return resolve(reply.sheet);
          if ('limit' in reply) {
            this.logger.info({ fileName, code: reply.limit.code }, 'spreadsheet refused');
            return reject(limitRefusal(reply.limit));
          }
          if ('domain' in reply)
            return reject(
              new DomainError(
                reply.domain.kind,
                reply.domain.message,
                reply.domain.details,
                reply.domain.code,
                reply.domain.params,
              ),
            );
          reject(new Error(`spreadsheet parse failed: ${reply.unexpected}`));
        }),
      );
      worker.once('error', (err: Error & { code?: string }) =>
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? overLimit('out of memory')
          : settle(() => reject(err)),
      );
      worker.once('exit', (code) =>
        settle(() => reject(new Error(`spreadsheet parse worker exited with ${code}`))),
      );
    });
  }
}
