import { AwardPlan, AwardTierSpec, TieBreak, planAwards, validateAwardTiers } from '@app/domain';
import { Prisma, appendAudit } from '@app/database';

// The writes behind PUT /heats/:id/award-tiers and POST /heats/:id/awards, as
// functions over a transaction: AwardsService runs them, and the demo seed
// runs the same ones, so a seeded final's awards follow the api's rules.

type Tx = Prisma.TransactionClient;

export interface FinalHeat {
  id: string;
  competitionId: string;
}

export async function writeAwardTiers(
  tx: Tx,
  heat: FinalHeat,
  actorId: string,
  input: AwardTierSpec[],
): Promise<AwardTierSpec[]> {
  const tiers = input.map((t) => ({ name: t.name.trim(), count: t.count }));
  validateAwardTiers(tiers);
  await tx.awardTier.deleteMany({ where: { heatId: heat.id } });
  await tx.awardTier.createMany({
    data: tiers.map((t, rank) => ({
      heatId: heat.id,
      competitionId: heat.competitionId,
      rank,
      ...t,
    })),
  });
  await appendAudit(tx, {
    competitionId: heat.competitionId,
    actorId,
    action: 'heat.award-tiers-set',
    entityType: 'heat',
    entityId: heat.id,
    data: { tiers },
  });
  return tiers;
}

// The tiers assigned down the final's standings; a finalist the standings do
// not rank (never scored) counts as 0.
export function planFinalAwards(
  tiers: AwardTierSpec[],
  standings: { projectId: string; score: number }[],
  finalists: { id: string }[],
  tieBreaks: TieBreak[],
): AwardPlan {
  const scoreOf = new Map(standings.map((e) => [e.projectId, e.score]));
  return planAwards(
    finalists.map((f) => ({ projectId: f.id, score: scoreOf.get(f.id) ?? 0 })),
    tiers,
    tieBreaks,
  );
}

// Records a plan without unresolved ties as the final's results: AWARDED with
// the tier or ELIMINATED (like an advancement), replacing an earlier
// assignment; registration applies the outcome to the projects.
export async function recordAwards(
  tx: Tx,
  heat: FinalHeat,
  actorId: string,
  plan: AwardPlan,
  tieBreaks: TieBreak[],
  applyFinalOutcome: (
    tx: Tx,
    heatId: string,
    outcome: { awarded: string[]; notAwarded: string[] },
  ) => Promise<void>,
): Promise<void> {
  if (plan.ties.length) throw new Error('recordAwards: the plan still has unresolved ties');
  const heatId = heat.id;
  const awarded = plan.awards.filter((a) => a.tier);
  const notAwarded = plan.awards.filter((a) => !a.tier);
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`awards:${heatId}`}))`;
  await tx.heatAdvancement.upsert({
    where: { heatId },
    create: {
      heatId,
      competitionId: heat.competitionId,
      toHeatId: null,
      count: awarded.length,
      decidedById: actorId,
    },
    update: { count: awarded.length, decidedById: actorId, decidedAt: new Date() },
  });
  await tx.advancementResult.deleteMany({ where: { heatId } });
  await tx.advancementResult.createMany({
    data: plan.awards.map((a) => ({
      heatId,
      projectId: a.projectId,
      competitionId: heat.competitionId,
      result: a.tier ? ('AWARDED' as const) : ('ELIMINATED' as const),
      score: a.score,
      reason: a.reason,
      override: null,
    })),
  });
  await tx.award.deleteMany({ where: { heatId } });
  await tx.award.createMany({
    data: awarded.map((a) => ({
      heatId,
      projectId: a.projectId,
      competitionId: heat.competitionId,
      tier: a.tier!,
      score: a.score,
      reason: a.reason,
      decidedById: actorId,
    })),
  });
  await applyFinalOutcome(tx, heatId, {
    awarded: awarded.map((a) => a.projectId),
    notAwarded: notAwarded.map((a) => a.projectId),
  });
  for (const tb of tieBreaks)
    await appendAudit(tx, {
      competitionId: heat.competitionId,
      actorId,
      action: 'award.tie-resolved',
      entityType: 'heat',
      entityId: heatId,
      reason: tb.reason,
      data: { order: tb.projectIds },
    });
  await appendAudit(tx, {
    competitionId: heat.competitionId,
    actorId,
    action: 'heat.awards-assigned',
    entityType: 'heat',
    entityId: heatId,
    data: {
      awards: awarded.map((a) => ({ projectId: a.projectId, tier: a.tier, score: a.score })),
    },
  });
}
