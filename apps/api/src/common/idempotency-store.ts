import { AsyncLocalStorage } from 'node:async_hooks';
import type { Tx } from '@app/database';
import { DomainError } from '@app/domain';

// Where an Idempotency-Key's answer is kept: `idempotency_keys`, one row per
// (user, key), claimed before the handler runs and completed INSIDE the
// create's own transaction, so the object and the answer that names it commit
// together or not at all. A retry after a lost answer (a crash between commit
// and reply, a connection lost on COMMIT) finds the answer; a create that
// rolled back leaves no answer and may run again.

export interface IdempotentCall {
  userId: string;
  key: string;
  // This attempt's claim on the key (a retry that took over an expired lock has another).
  claimId: string;
  status: number;
  // The HTTP body for the service's result (e.g. `{ user }` around a user).
  answer: (result: unknown) => unknown;
  recorded: boolean;
}

const calls = new AsyncLocalStorage<IdempotentCall>();

export function runIdempotent<T>(call: IdempotentCall, fn: () => T): T {
  return calls.run(call, fn);
}

/**
 * Stores the answer of the create that `tx` is committing, when the request
 * carries an Idempotency-Key (a no-op otherwise). Call it once, in the create's
 * transaction, with what the handler will return.
 */
export async function recordIdempotentAnswer(tx: Tx, result: unknown): Promise<void> {
  const call = calls.getStore();
  if (!call || call.recorded) return;
  const body = JSON.stringify(call.answer(result) ?? null);
  const stored = await tx.$executeRaw`
    UPDATE idempotency_keys
       SET status_code = ${call.status}, response = ${body}::jsonb, locked_until = NULL
     WHERE user_id = ${call.userId}::uuid AND key = ${call.key}
       AND claim_id = ${call.claimId}::uuid AND status_code IS NULL`;
  // A retry took the key over after this attempt's lock expired: it creates
  // the object, this one rolls back.
  if (stored !== 1)
    throw DomainError.of(
      'IDEMPOTENCY_KEY_TAKEN_OVER',
      'a retry with this Idempotency-Key took over while this request was still running; retry to get its result',
    );
  call.recorded = true;
}
