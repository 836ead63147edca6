import { Tx } from '../outbox.writer';

// Judging's change protocol, written once. Every change to what a round's
// ranking is computed from (a score submitted, reopened or removed; the round
// closed) does two things in its own transaction:
//   - draws the next number of judging_change_seq, which orders changes (a
//     score row keeps the number of its last change; rankings record the
//     highest they read), and
//   - writes its outbox event carrying that number and the writing
//     transaction's id (pg_current_xact_id): a ranking whose stored snapshot
//     sees the transaction includes the change (libs/domain ranking-coverage).
// The score writes do both inside one SQL statement; the other changes call
// recordChange. Both are built from changeEventSql below.

// The SQL expression that draws a change's sequence number.
export const NEXT_CHANGE_SEQ = `nextval('judging_change_seq')`;

type ChangeEvent = 'judging.scores-changed' | 'judging.round-closed';

/**
 * The outbox insert of one change, as SQL (usable as a data-modifying CTE):
 * `roundId` and `seq` are SQL expressions, `fields` the payload's other
 * members as SQL expressions, `from` the FROM/WHERE clause the row comes from.
 */
export function changeEventSql(
  type: ChangeEvent,
  change: { roundId: string; seq: string; fields?: Record<string, string>; from: string },
): string {
  const members = Object.entries({
    roundId: `${change.roundId}::text`,
    seq: `${change.seq}::text`,
    ...change.fields,
    xid: 'pg_current_xact_id()::text',
  })
    .map(([key, sql]) => `'${key}', ${sql}`)
    .join(', ');
  return `INSERT INTO outbox_events (id, type, aggregate_id, payload)
  SELECT gen_random_uuid(), '${type}', ${change.roundId}, jsonb_build_object(${members})
    ${change.from}`;
}

/**
 * Draws a change's sequence number and writes its event in the caller's
 * transaction; returns the number (a changed score row stores it).
 */
export async function recordChange(
  tx: Tx,
  type: ChangeEvent,
  roundId: string,
  fields: Record<string, string> = {},
): Promise<bigint> {
  const params: string[] = [roundId];
  const sqlFields = Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, `$${params.push(value)}::text`]),
  );
  const [row] = await tx.$queryRawUnsafe<{ seq: bigint }[]>(
    `WITH change AS (SELECT ${NEXT_CHANGE_SEQ} AS seq),
     event AS (${changeEventSql(type, { roundId: '$1::uuid', seq: 'change.seq', fields: sqlFields, from: 'FROM change' })})
     SELECT seq FROM change`,
    ...params,
  );
  return row.seq;
}
