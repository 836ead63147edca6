import { Recipient } from '@app/events';
import { Prisma } from '../generated/prisma/client';
import { appendEvent, Tx } from '../outbox.writer';

// The panel aggregate's reads: assignments with their judge, project and score.

type Db = Pick<Tx, '$queryRaw'>;

export interface AssignmentStatus {
  roundId: string;
  roundName: string;
  heatName: string;
  roundStatus: string;
  closesAt: Date | null;
  judgeId: string;
  judgeName: string;
  judgeEmail: string;
  judgeLocale: string;
  projectId: string;
  title: string;
  scoreStatus: 'NOT_STARTED' | 'DRAFT' | 'SUBMITTED';
  total: number | null;
}

const ORDER = {
  // The organiser's list of a round.
  judgeName: Prisma.sql`j.name, rp.title`,
  // Grouping per judge (reminders).
  judgeId: Prisma.sql`a.judge_id, rp.title, a.project_id`,
  // A judge's own list across rounds.
  round: Prisma.sql`r.created_at, rp.title`,
};

// The one join of assignments with the round, the judge's pool entry, the
// project's snapshot and the score (if any), for one round or one judge.
export function assignmentStatuses(
  db: Db,
  where: { roundId: string; judgeId?: never } | { judgeId: string; roundId?: never },
  order: keyof typeof ORDER,
): Promise<AssignmentStatus[]> {
  const filter =
    where.roundId !== undefined
      ? Prisma.sql`a.round_id = ${where.roundId}::uuid`
      : Prisma.sql`a.judge_id = ${where.judgeId}::uuid`;
  return db.$queryRaw<AssignmentStatus[]>`
    SELECT a.round_id AS "roundId", r.name AS "roundName", r.heat_name AS "heatName",
           r.status::text AS "roundStatus", r.closes_at AS "closesAt",
           a.judge_id AS "judgeId", j.name AS "judgeName", j.email AS "judgeEmail", j.locale AS "judgeLocale",
           a.project_id AS "projectId", rp.title,
           COALESCE(s.status::text, 'NOT_STARTED') AS "scoreStatus", s.total
      FROM assignments a
      JOIN rounds r ON r.id = a.round_id
      JOIN round_judges j ON j.round_id = a.round_id AND j.judge_id = a.judge_id
      JOIN round_projects rp ON rp.round_id = a.round_id AND rp.project_id = a.project_id
      LEFT JOIN scores s ON s.round_id = a.round_id AND s.judge_id = a.judge_id AND s.project_id = a.project_id
     WHERE ${filter}
     ORDER BY ${ORDER[order]}`;
}

// How many judges are assigned to each project of the round.
export async function assignedJudgeCounts(
  db: Pick<Tx, 'assignment'>,
  roundId: string,
): Promise<Map<string, number>> {
  const rows = await db.assignment.groupBy({
    by: ['projectId'],
    where: { roundId },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.projectId, r._count._all]));
}

export interface MissingScores {
  judge: Recipient;
  projectIds: string[];
  titles: string[];
}

// Judges of the round with assigned projects that have no submitted score.
export async function missingScores(db: Db, roundId: string): Promise<MissingScores[]> {
  const rows = await assignmentStatuses(db, { roundId }, 'judgeId');
  const byJudge = new Map<string, MissingScores>();
  for (const r of rows.filter((r) => r.scoreStatus !== 'SUBMITTED')) {
    const entry = byJudge.get(r.judgeId) ?? {
      judge: { userId: r.judgeId, email: r.judgeEmail, name: r.judgeName, locale: r.judgeLocale },
      projectIds: [],
      titles: [],
    };
    entry.projectIds.push(r.projectId);
    entry.titles.push(r.title);
    byJudge.set(r.judgeId, entry);
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
