import { Injectable } from '@nestjs/common';
import {
  Actor,
  AwardPlan,
  DomainError,
  TieBreak,
  planAwards,
  validateAwardTiers,
} from '@app/domain';
import { PrismaService, appendAudit } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { RankingsService } from '../judging/rankings.service';
import { RegistrationService } from '../registration/registration.service';
import { AwardTiersDto } from './dto/awards.dto';

// Awards of the final: named tiers with counts, assigned down the final's
// standings. Ties at a tier boundary are surfaced, never broken silently: the
// organiser orders the tied projects with a reason (audited). Assigning
// records the final's results (AWARDED with the tier, or ELIMINATED) like an
// advancement; re-assigning (a resolved tie, a correction) replaces them, and
// the next results release mails only the owners whose outcome changed.
@Injectable()
export class AwardsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly rankings: RankingsService,
    private readonly registration: RegistrationService,
  ) {}

  async setTiers(actor: Actor, heatId: string, dto: AwardTiersDto) {
    const heat = await this.finalHeat(actor, heatId);
    const tiers = dto.tiers.map((t) => ({ name: t.name.trim(), count: t.count }));
    validateAwardTiers(tiers);
    await this.prisma.$transaction(async (tx) => {
      await tx.awardTier.deleteMany({ where: { heatId } });
      await tx.awardTier.createMany({
        data: tiers.map((t, rank) => ({ heatId, competitionId: heat.competitionId, rank, ...t })),
      });
      await appendAudit(tx, {
        competitionId: heat.competitionId,
        actorId: actor.id,
        action: 'heat.award-tiers-set',
        entityType: 'heat',
        entityId: heatId,
        data: { tiers },
      });
    });
    return this.view(heatId);
  }

  async preview(actor: Actor, heatId: string) {
    const { plan, tiers, titles } = await this.plan(actor, heatId, []);
    return { heatId, tiers, ...this.planView(plan, titles) };
  }

  async assign(actor: Actor, heatId: string, tieBreaks: TieBreak[]) {
    const { heat, plan, titles } = await this.plan(actor, heatId, tieBreaks);
    if (plan.ties.length)
      throw DomainError.conflict(
        `ties at a tier boundary need the organiser's decision: ${plan.ties
          .map(
            (t) =>
              `${t.projectIds.map((id) => titles.get(id) ?? id).join(' = ')} (${t.score}, ${t.tiers.join(' / ')})`,
          )
          .join('; ')}; send tieBreaks [{projectIds (best first), reason}]`,
      );
    const awarded = plan.awards.filter((a) => a.tier);
    const notAwarded = plan.awards.filter((a) => !a.tier);
    await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`awards:${heatId}`}))`;
      await tx.heatAdvancement.upsert({
        where: { heatId },
        create: {
          heatId,
          competitionId: heat.competitionId,
          toHeatId: null,
          count: awarded.length,
          decidedById: actor.id,
        },
        update: { count: awarded.length, decidedById: actor.id, decidedAt: new Date() },
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
          decidedById: actor.id,
        })),
      });
      await this.registration.applyFinalOutcome(tx, heatId, {
        awarded: awarded.map((a) => a.projectId),
        notAwarded: notAwarded.map((a) => a.projectId),
      });
      for (const tb of tieBreaks)
        await appendAudit(tx, {
          competitionId: heat.competitionId,
          actorId: actor.id,
          action: 'award.tie-resolved',
          entityType: 'heat',
          entityId: heatId,
          reason: tb.reason,
          data: { order: tb.projectIds },
        });
      await appendAudit(tx, {
        competitionId: heat.competitionId,
        actorId: actor.id,
        action: 'heat.awards-assigned',
        entityType: 'heat',
        entityId: heatId,
        data: {
          awards: awarded.map((a) => ({ projectId: a.projectId, tier: a.tier, score: a.score })),
        },
      });
    });
    return { heatId, ...this.planView(plan, titles) };
  }

  async list(actor: Actor, heatId: string) {
    await this.finalHeat(actor, heatId);
    return this.view(heatId);
  }

  private async view(heatId: string) {
    const [tiers, awards] = await Promise.all([
      this.prisma.awardTier.findMany({ where: { heatId }, orderBy: { rank: 'asc' } }),
      this.prisma.award.findMany({ where: { heatId }, orderBy: [{ score: 'desc' }] }),
    ]);
    const titles = new Map(
      (await this.registration.ownersOf(awards.map((a) => a.projectId))).map((p) => [
        p.id,
        p.title,
      ]),
    );
    return {
      heatId,
      tiers: tiers.map((t) => ({ name: t.name, count: t.count })),
      awards: awards.map((a) => ({
        projectId: a.projectId,
        title: titles.get(a.projectId) ?? '',
        tier: a.tier,
        score: a.score,
        reason: a.reason,
      })),
    };
  }

  private async finalHeat(actor: Actor, heatId: string) {
    const heat = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, heat.competitionId).catch(() => {
      throw DomainError.notFound('heat', heatId);
    });
    if (!(await this.competitions.isFinalStage(heat)))
      throw DomainError.conflict('awards are for the final: this heat is not in the last stage');
    return heat;
  }

  private async plan(actor: Actor, heatId: string, tieBreaks: TieBreak[]) {
    const heat = await this.finalHeat(actor, heatId);
    const tiers = (
      await this.prisma.awardTier.findMany({ where: { heatId }, orderBy: { rank: 'asc' } })
    ).map((t) => ({ name: t.name, count: t.count }));
    if (!tiers.length)
      throw DomainError.conflict('set the award tiers first (PUT /heats/:id/award-tiers)');
    const standings = await this.rankings.standings(actor, heatId);
    if (!standings.final)
      throw DomainError.conflict(
        'every round of the final must be closed (and its final ranking computed) before awards',
      );
    const finalists = await this.registration.finalists(heatId);
    const scoreOf = new Map(standings.entries.map((e) => [e.projectId, e.score]));
    const plan: AwardPlan = planAwards(
      finalists.map((f) => ({ projectId: f.id, score: scoreOf.get(f.id) ?? 0 })),
      tiers,
      tieBreaks,
    );
    return { heat, plan, tiers, titles: new Map(finalists.map((f) => [f.id, f.title])) };
  }

  private planView(plan: AwardPlan, titles: Map<string, string>) {
    return {
      awards: plan.awards.map((a) => ({ ...a, title: titles.get(a.projectId) ?? '' })),
      ties: plan.ties.map((t) => ({
        ...t,
        titles: t.projectIds.map((id) => titles.get(id) ?? ''),
      })),
    };
  }
}
