import { Recipient } from '@app/events';
import { appendEvent, Tx } from './outbox.writer';

// Judging statements shared by the api (organiser actions) and the worker
// (scheduled opens, closes and reminders), so both change rounds the same way.

// Score writers lock the round's row FOR KEY SHARE (shared among writers,
// and what their foreign key to rounds takes anyway); closing locks it FOR
// UPDATE, which waits out the writers in flight and makes later ones see
// CLOSED, so no score slips in while a round closes. Ranking recomputes take
// neither: they read a snapshot and never stall a score write.
export async function lockRoundShared(tx: Tx, roundId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM rounds WHERE id = ${roundId}::uuid FOR KEY SHARE`;
}

export async function lockRoundExclusive(tx: Tx, roundId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM rounds WHERE id = ${roundId}::uuid FOR UPDATE`;
}

export async function nextChangeSeq(tx: Tx): Promise<bigint> {
  return (await nextChange(tx)).seq;
}

// A change's sequence number and its transaction's id: a ranking whose stored
// snapshot sees the transaction includes the change (see ranking-coverage).
export async function nextChange(tx: Tx): Promise<{ seq: bigint; xid: string }> {
  const [row] = await tx.$queryRaw<{ seq: bigint; xid: string }[]>`
    SELECT nextval('judging_change_seq') AS seq, pg_current_xact_id()::text AS xid`;
  return row;
}

// OPEN → CLOSED with its event; false when the round was not OPEN.
export async function closeRound(tx: Tx, roundId: string): Promise<boolean> {
  await lockRoundExclusive(tx, roundId);
  const closed = await tx.round.updateMany({
    where: { id: roundId, status: 'OPEN' },
    data: { status: 'CLOSED', closedAt: new Date() },
  });
  if (closed.count !== 1) return false;
  const { seq, xid } = await nextChange(tx);
  await appendEvent(tx, 'judging.round-closed', roundId, { roundId, seq: seq.toString(), xid });
  return true;
}

export interface MissingScores {
  judge: Recipient;
  projectIds: string[];
  titles: string[];
}

// Judges of the round with assigned projects that have no submitted score.
export async function missingScores(
  tx: Pick<Tx, '$queryRaw'>,
  roundId: string,
): Promise<MissingScores[]> {
  const rows = await tx.$queryRaw<
    {
      judge_id: string;
      name: string;
      email: string;
      locale: string;
      project_id: string;
      title: string;
    }[]
  >`
    SELECT a.judge_id, j.name, j.email, j.locale, a.project_id, rp.title
      FROM assignments a
      JOIN round_judges j ON j.round_id = a.round_id AND j.judge_id = a.judge_id
      JOIN round_projects rp ON rp.round_id = a.round_id AND rp.project_id = a.project_id
      LEFT JOIN scores s ON s.round_id = a.round_id AND s.judge_id = a.judge_id AND s.project_id = a.project_id
     WHERE a.round_id = ${roundId}::uuid AND (s.status IS NULL OR s.status <> 'SUBMITTED')
     ORDER BY a.judge_id, rp.title, a.project_id`;
  const byJudge = new Map<string, MissingScores>();
  for (const r of rows) {
    const entry = byJudge.get(r.judge_id) ?? {
      judge: { userId: r.judge_id, email: r.email, name: r.name, locale: r.locale },
      projectIds: [],
      titles: [],
    };
    entry.projectIds.push(r.project_id);
    entry.titles.push(r.title);
    byJudge.set(r.judge_id, entry);
  }
  return [...byJudge.values()];
}

// Writes the reminder event for a round's missing scores; returns how many judges it reaches.
export async function requestReminder(
  tx: Tx,
  round: { id: string; competitionId: string; name: string; closesAt: Date | null },
  heatName: string,
  timeZone: string,
): Promise<number> {
  const missing = await missingScores(tx, round.id);
  if (missing.length === 0) return 0;
  await appendEvent(tx, 'judging.reminder-requested', round.id, {
    competitionId: round.competitionId,
    roundId: round.id,
    roundName: round.name,
    heatName,
    closesAt: round.closesAt?.toISOString() ?? null,
    timeZone,
    judges: missing.map((m) => ({ judge: m.judge, missingTitles: m.titles })),
  });
  return missing.length;
}
