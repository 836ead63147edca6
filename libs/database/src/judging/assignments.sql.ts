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

export interface RoundForMail {
  id: string;
  competitionId: string;
  name: string;
  heatName: string;
  closesAt: Date | null;
}

// The assignment mails due now: one per judge per round, and only once the
// round is OPEN (a DRAFT round's assignments may still change; its judges
// hear of it when it opens). Marks each judge it plans for, so reassigning,
// adding projects or redelivering never mails a judge twice for a round.
// Runs under the round's lock (open holds it exclusively, assignment changes
// shared), so an assignment racing the opening is mailed by one of the two.
// Returns how many judges it plans a mail for.
export async function planAssignmentMails(
  tx: Tx,
  round: RoundForMail,
  timeZone: string,
): Promise<number> {
  const judges = await tx.$queryRaw<
    { judgeId: string; name: string; email: string; locale: string; projects: bigint }[]
  >`
    UPDATE round_judges j SET assignment_mailed_at = now()
      FROM rounds r
     WHERE j.round_id = ${round.id}::uuid AND r.id = j.round_id AND r.status = 'OPEN'
       AND j.assignment_mailed_at IS NULL
       AND EXISTS (SELECT 1 FROM assignments a WHERE a.round_id = j.round_id AND a.judge_id = j.judge_id)
    RETURNING j.judge_id AS "judgeId", j.name, j.email, j.locale,
              (SELECT count(*) FROM assignments a
                WHERE a.round_id = j.round_id AND a.judge_id = j.judge_id) AS projects`;
  if (judges.length === 0) return 0;
  judges.sort((a, b) => a.name.localeCompare(b.name) || a.judgeId.localeCompare(b.judgeId));
  await appendEvent(tx, 'judging.judges-assigned', round.id, {
    competitionId: round.competitionId,
    roundId: round.id,
    roundName: round.name,
    heatName: round.heatName,
    closesAt: round.closesAt?.toISOString() ?? null,
    timeZone,
    judges: judges.map((j) => ({
      judge: { userId: j.judgeId, email: j.email, name: j.name, locale: j.locale },
      projectCount: Number(j.projects),
    })),
  });
  return judges.length;
}
