import { AuditAction, RoundLifecycle, reportedTotal } from '@app/domain';
import { Prisma, Tx, appendAudit, lockedRoundStatus, recordChange } from '@app/database';

export type RoundRow = Prisma.RoundGetPayload<object>;

// Takes the round's shared lock and reads its status under it, so a close
// (which holds the lock exclusively) cannot slip between check and change.
export async function assertChangeable(tx: Tx, roundId: string): Promise<void> {
  RoundLifecycle.assertChangeable(await lockedRoundStatus(tx, roundId));
}

// Removes a judge–project pair with its score. A removed SUBMITTED score is
// a decision: audited with who, why and the total it took away. The caller
// has checked, under the round lock, that the round is not CLOSED.
export async function removePair(
  tx: Tx,
  round: { id: string; competitionId: string },
  judgeId: string,
  projectId: string,
  cause: { actorId: string; action: AuditAction; reason: string | null },
) {
  const roundId = round.id;
  const assignment = await tx.assignment.deleteMany({ where: { roundId, judgeId, projectId } });
  const existing = await tx.score.findUnique({
    where: { roundId_judgeId_projectId: { roundId, judgeId, projectId } },
  });
  const score = await tx.score.deleteMany({ where: { roundId, judgeId, projectId } });
  if (existing?.status === 'SUBMITTED') {
    await appendAudit(tx, {
      competitionId: round.competitionId,
      actorId: cause.actorId,
      action: cause.action,
      entityType: 'score',
      entityId: existing.id,
      reason: cause.reason,
      data: { roundId, judgeId, projectId, removedTotal: reportedTotal(existing.total) },
    });
  }
  if (score.count) {
    await recordChange(tx, 'judging.scores-changed', roundId, {
      change: 'REMOVED',
      judgeId,
      projectId,
    });
  }
  return { assignment: assignment.count > 0, score: score.count > 0 };
}
