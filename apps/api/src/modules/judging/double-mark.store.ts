import { DoubleMarkEntry } from '@app/domain';
import { Tx } from '@app/database';

/**
 * A 2+1 round's marks per project as the rule reads them: each project's
 * submitted totals in the order its experts were assigned (the first two,
 * then the third), with the chief expert's arbitration where one is stored.
 * Read in the caller's transaction (the close reads it under the round's lock).
 */
export async function doubleMarkEntries(
  tx: Tx,
  roundId: string,
): Promise<(DoubleMarkEntry & { title: string })[]> {
  const [assignments, scores, projects, arbitrations] = await Promise.all([
    tx.assignment.findMany({
      where: { roundId },
      orderBy: [{ createdAt: 'asc' }, { judgeId: 'asc' }],
      select: { judgeId: true, projectId: true },
    }),
    tx.score.findMany({
      where: { roundId, status: 'SUBMITTED' },
      select: { judgeId: true, projectId: true, total: true },
    }),
    tx.roundProject.findMany({ where: { roundId }, select: { projectId: true, title: true } }),
    tx.doubleMarkArbitration.findMany({
      where: { roundId },
      select: { projectId: true, total: true },
    }),
  ]);
  const totalOf = new Map(scores.map((s) => [`${s.judgeId}:${s.projectId}`, s.total]));
  const titleOf = new Map(projects.map((p) => [p.projectId, p.title]));
  const arbitrationOf = new Map(arbitrations.map((a) => [a.projectId, a.total]));
  const totals = new Map<string, number[]>();
  for (const a of assignments) {
    const total = totalOf.get(`${a.judgeId}:${a.projectId}`);
    const list = totals.get(a.projectId) ?? [];
    if (total !== undefined && total !== null) list.push(Number(total));
    totals.set(a.projectId, list);
  }
  return [...totals].map(([projectId, list]) => ({
    projectId,
    title: titleOf.get(projectId) ?? projectId,
    totals: list,
    arbitration: arbitrationOf.has(projectId) ? Number(arbitrationOf.get(projectId)) : null,
  }));
}
