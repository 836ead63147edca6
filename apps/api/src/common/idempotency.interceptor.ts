import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { ApiHeader } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { Observable, catchError, from, mergeMap, of, throwError } from 'rxjs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PgService } from '@app/database';
import { DomainError } from '@app/domain';
import type { AuthUser } from './auth.decorators';

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

// `Idempotency-Key` on a create: a client that lost the answer sends the same
// request with the same key again and gets the first answer back (same status
// and body), not a second object. Keys are per user, kept with the answer in
// PostgreSQL for IDEMPOTENCY_TTL_HOURS. The same key with a different request
// is 422; a retry while the first is still running is 409. Errors are not
// kept: nothing was created, so the request may simply run again.
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly pg: PgService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = ctx.switchToHttp().getRequest<{
      headers: Record<string, string | string[] | undefined>;
      method: string;
      url: string;
      body: unknown;
      user?: AuthUser;
    }>();
    const raw = req.headers[IDEMPOTENCY_HEADER];
    if (raw === undefined || !req.user) return next.handle();
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!KEY_PATTERN.test(key)) {
      throw DomainError.badRequest('Idempotency-Key must be 1 to 200 printable ASCII characters', [
        { field: 'Idempotency-Key', message: 'invalid key' },
      ]);
    }
    const userId = req.user.id;
    const hash = createHash('sha256')
      .update(`${req.method} ${req.url.split('?')[0]} ${canonical(req.body ?? null)}`)
      .digest('hex');
    const claimed = await this.pg.pool.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, locked_until, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4), now() + make_interval(hours => $5))
       ON CONFLICT (user_id, key) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, status_code = NULL, response = NULL,
              locked_until = EXCLUDED.locked_until, created_at = now(), expires_at = EXCLUDED.expires_at
        WHERE idempotency_keys.expires_at < now()
           OR (idempotency_keys.status_code IS NULL AND idempotency_keys.locked_until < now()
               AND idempotency_keys.request_hash = EXCLUDED.request_hash)
       RETURNING 1`,
      [userId, key, hash, LOCK_SECONDS, this.config.IDEMPOTENCY_TTL_HOURS],
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
      const status =
        (Reflect.getMetadata(HTTP_CODE_METADATA, ctx.getHandler()) as number | undefined) ??
        (req.method === 'POST' ? 201 : 200);
      return next.handle().pipe(
        mergeMap(async (body: unknown) => {
          await this.pg.pool.query(
            `UPDATE idempotency_keys SET status_code = $3, response = $4::jsonb, locked_until = NULL
              WHERE user_id = $1 AND key = $2`,
            [userId, key, status, JSON.stringify(body ?? null)],
          );
          return body;
        }),
        catchError((error: unknown) =>
          from(
            this.pg.pool
              .query(
                `DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status_code IS NULL`,
                [userId, key],
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
    if (!row) throw DomainError.conflict('this Idempotency-Key changed hands just now; retry');
    if (row.request_hash !== hash) {
      throw DomainError.unprocessable(
        'this Idempotency-Key was already used for a different request; use a new key for a new request',
        [{ field: 'Idempotency-Key', message: 'already used for a different request' }],
      );
    }
    if (row.status_code === null) {
      throw DomainError.conflict(
        'a request with this Idempotency-Key is still being processed; retry in a moment',
      );
    }
    return of(row.response);
  }
}

// For a create route: accepts an Idempotency-Key header (documented in OpenAPI).
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Any unique string (e.g. a UUID) per intended create: a retry with the same key and body answers the first result again instead of creating twice (422 with another body, 409 while the first is still running).',
    }),
  );
