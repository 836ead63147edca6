import { Recipient } from '@app/events';
import { appendEvent, Tx } from './outbox.writer';

// Judging statements shared by the api (organiser actions) and the worker
// (scheduled opens, closes and reminders), so both change rounds the same way.

// Score changers hold the round's advisory lock shared, recomputes and closes
// hold it exclusively: a recompute then sees every change whose sequence
// number was drawn before it, and no score slips in while a round closes.
export async function lockRoundShared(tx: Tx, roundId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtext(${roundId}))`;
}

export async function lockRoundExclusive(tx: Tx, roundId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${roundId}))`;
}

export async function nextChangeSeq(tx: Tx): Promise<bigint> {
  const [row] = await tx.$queryRaw<{ seq: bigint }[]>`SELECT nextval('judging_change_seq') AS seq`;
  return row.seq;
}

// OPEN → CLOSED with its event; false when the round was not OPEN.
export async function closeRound(tx: Tx, roundId: string): Promise<boolean> {
  await lockRoundExclusive(tx, roundId);
  const closed = await tx.round.updateMany({ where: { id: roundId, status: 'OPEN' }, data: { status: 'CLOSED', closedAt: new Date() } });
  if (closed.count !== 1) return false;
  const seq = await nextChangeSeq(tx);
  await appendEvent(tx, 'judging.round-closed', roundId, { roundId, seq: seq.toString() });
  return true;
}

export interface MissingScores {
  judge: Recipient;
  projectIds: string[];
  titles: string[];
}

// Judges of the round with assigned projects that have no submitted score.
export async function missingScores(tx: Pick<Tx, '$queryRaw'>, roundId: string): Promise<MissingScores[]> {
  const rows = await tx.$queryRaw<
    { judge_id: string; name: string; email: string; locale: string; project_id: string; title: string }[]
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
  round: { id: string; name: string; closesAt: Date | null },
  heatName: string,
): Promise<number> {
  const missing = await missingScores(tx, round.id);
  if (missing.length === 0) return 0;
  await appendEvent(tx, 'judging.reminder-requested', round.id, {
    roundId: round.id,
    roundName: round.name,
    heatName,
    closesAt: round.closesAt?.toISOString() ?? null,
    judges: missing.map((m) => ({ judge: m.judge, missingTitles: m.titles })),
  });
  return missing.length;
}
