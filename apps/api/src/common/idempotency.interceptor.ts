import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  Logger,
  NestInterceptor,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { ApiHeader } from '@nestjs/swagger';
import { ModuleRef } from '@nestjs/core';
import { createHash, randomUUID } from 'node:crypto';
import { Observable, catchError, from, mergeMap, of, throwError } from 'rxjs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PgService } from '@app/database';
import { DomainError, fieldProblem } from '@app/domain';
import type { AuthUser } from './auth.decorators';
import { IdempotentCall, runIdempotent } from './idempotency-store';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
// How long a first request owns its key before a retry may take over (a crash
// between the create and storing its answer).
const LOCK_SECONDS = 60;

// Canonical JSON: the same body with its keys in another order is the same request.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

// Who may have the first answer again: the route's own access rule, checked
// anew on every replay (a co-organiser removed since, a project no longer
// theirs gets the refusal, not the stored body). The role guard has already
// run again by then.
export type ReplayAccess = (
  refs: ModuleRef,
  call: { user: AuthUser; params: Record<string, string>; answer: unknown },
) => Promise<unknown>;

export interface IdempotentOptions {
  // The HTTP body for the service's result, when the route wraps it (`{ user }`).
  answer?: (result: unknown) => unknown;
  replayAccess?: ReplayAccess;
}

const IDEMPOTENT_OPTIONS = 'idempotent:options';

// `Idempotency-Key` on a create: a client that lost the answer sends the same
// request with the same key again and gets the first answer back (same status
// and body), not a second object. Keys are per user, kept with the answer in
// PostgreSQL for IDEMPOTENCY_TTL_HOURS. The answer is written by the create's
// own transaction (recordIdempotentAnswer, idempotency-store.ts): the object
// and its answer commit together, so no crash or lost connection between
// commit and reply can let a retry create twice. The same key with a
// different request is 422; a retry while the first is still running is 409
// (after LOCK_SECONDS a retry may take over a key whose first attempt died
// before committing; if that attempt still commits it is refused and rolls
// back). Errors are not kept: nothing was created, so the request may run again.
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly pg: PgService,
    private readonly refs: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = ctx.switchToHttp().getRequest<{
      headers: Record<string, string | string[] | undefined>;
      method: string;
      url: string;
      body: unknown;
      params?: Record<string, string>;
      user?: AuthUser;
    }>();
    const raw = req.headers[IDEMPOTENCY_HEADER];
    if (raw === undefined || !req.user) return next.handle();
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!KEY_PATTERN.test(key)) {
      throw DomainError.of(
        'IDEMPOTENCY_KEY_INVALID',
        'Idempotency-Key must be 1 to 200 printable ASCII characters',
        [fieldProblem('Idempotency-Key', 'IDEMPOTENCY_KEY_INVALID', 'invalid key')],
      );
    }
    const options =
      (Reflect.getMetadata(IDEMPOTENT_OPTIONS, ctx.getHandler()) as
        IdempotentOptions | undefined) ?? {};
    const user = req.user;
    const userId = user.id;
    const hash = createHash('sha256')
      .update(`${req.method} ${req.url.split('?')[0]} ${canonical(req.body ?? null)}`)
      .digest('hex');
    const claimId = randomUUID();
    const claimed = await this.pg.pool.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, claim_id, locked_until, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5), now() + make_interval(hours => $6))
       ON CONFLICT (user_id, key) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, status_code = NULL, response = NULL,
              claim_id = EXCLUDED.claim_id, locked_until = EXCLUDED.locked_until,
              created_at = now(), expires_at = EXCLUDED.expires_at
        WHERE idempotency_keys.expires_at < now()
           OR (idempotency_keys.status_code IS NULL AND idempotency_keys.locked_until < now()
               AND idempotency_keys.request_hash = EXCLUDED.request_hash)
       RETURNING 1`,
      [userId, key, hash, claimId, LOCK_SECONDS, this.config.IDEMPOTENCY_TTL_HOURS],
    );
    if (claimed.rowCount === 1) {
      // Expired keys are reused on conflict; the rest are swept now and then.
      if (Math.random() < 0.01) {
        void this.pg.pool
          .query(
            `DELETE FROM idempotency_keys WHERE ctid IN
               (SELECT ctid FROM idempotency_keys WHERE expires_at < now() LIMIT 1000)`,
          )
          .catch(() => undefined);
      }
      const call: IdempotentCall = {
        userId,
        key,
        claimId,
        status:
          (Reflect.getMetadata(HTTP_CODE_METADATA, ctx.getHandler()) as number | undefined) ??
          (req.method === 'POST' ? 201 : 200),
        answer: options.answer ?? ((result) => result),
        recorded: false,
      };
      // The handler runs inside the call's context, so that its transaction
      // can store the answer (the handler starts when this is subscribed to).
      const handled = new Observable<unknown>((subscriber) =>
        runIdempotent(call, () => next.handle().subscribe(subscriber)),
      );
      return handled.pipe(
        mergeMap(async (body: unknown) => {
          if (!call.recorded) {
            // A route marked @Idempotent whose create did not store its answer:
            // stored now, without the one-transaction guarantee.
            this.logger.error(
              { route: `${req.method} ${req.url.split('?')[0]}` },
              'idempotent route did not record its answer in its transaction',
            );
            await this.pg.pool.query(
              `UPDATE idempotency_keys SET status_code = $3, response = $4::jsonb, locked_until = NULL
                WHERE user_id = $1 AND key = $2 AND claim_id = $5`,
              [userId, key, call.status, JSON.stringify(body ?? null), claimId],
            );
          }
          return body;
        }),
        catchError((error: unknown) =>
          // Frees the key unless the create committed (its answer is stored);
          // waits for a COMMIT still in flight on the row, then sees its answer.
          from(
            this.pg.pool
              .query(
                `DELETE FROM idempotency_keys
                  WHERE user_id = $1 AND key = $2 AND claim_id = $3 AND status_code IS NULL`,
                [userId, key, claimId],
              )
              .catch(() => undefined),
          ).pipe(mergeMap(() => throwError(() => error))),
        ),
      );
    }
    const { rows } = await this.pg.pool.query<{
      request_hash: string;
      status_code: number | null;
      response: unknown;
    }>(
      `SELECT request_hash, status_code, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    );
    const row = rows[0];
    if (!row)
      throw DomainError.of(
        'IDEMPOTENCY_KEY_RACE',
        'this Idempotency-Key changed hands just now; retry',
      );
    if (row.request_hash !== hash) {
      throw DomainError.of(
        'IDEMPOTENCY_KEY_REUSED',
        'this Idempotency-Key was already used for a different request; use a new key for a new request',
        [
          fieldProblem(
            'Idempotency-Key',
            'IDEMPOTENCY_KEY_REUSED',
            'already used for a different request',
          ),
        ],
      );
    }
    if (row.status_code === null) {
      throw DomainError.of(
        'IDEMPOTENCY_KEY_IN_FLIGHT',
        'a request with this Idempotency-Key is still being processed; retry in a moment',
      );
    }
    if (options.replayAccess)
      await options.replayAccess(this.refs, {
        user,
        params: req.params ?? {},
        answer: row.response,
      });
    return of(row.response);
  }
}

// For a create route: accepts an Idempotency-Key header (documented in
// OpenAPI). The route's service must call recordIdempotentAnswer in the
// create's transaction.
export const Idempotent = (options: IdempotentOptions = {}) =>
  applyDecorators(
    SetMetadata(IDEMPOTENT_OPTIONS, options),
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Any unique string (e.g. a UUID) per intended create: a retry with the same key and body answers the first result again instead of creating twice (422 with another body, 409 while the first is still running), to the same user only and only while they still have access.',
    }),
  );
