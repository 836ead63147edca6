import { Injectable } from '@nestjs/common';
import { Actor, AwardPlan, DomainError, TieBreak } from '@app/domain';
import { Prisma, PrismaService, appendAudit } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { RankingsService } from '../judging/rankings.service';
import { RegistrationService } from '../registration/registration.service';
import { planFinalAwards, recordAwards, writeAwardTiers } from './award-assignment';
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
    await this.prisma.$transaction((tx) => writeAwardTiers(tx, heat, actor.id, dto.tiers));
    return this.view(heatId);
  }

  async preview(actor: Actor, heatId: string) {
    const { plan, tiers, titles } = await this.plan(actor, heatId, []);
    return { heatId, tiers, ...this.planView(plan, titles) };
  }

  async assign(actor: Actor, heatId: string, tieBreaks: TieBreak[]) {
    const { heat, plan, titles } = await this.plan(actor, heatId, tieBreaks);
    if (plan.ties.length)
      throw DomainError.of(
        'AWARD_TIES',
        {
          ties: plan.ties.map((t) => ({
            projects: t.projectIds.map((id) => titles.get(id) ?? ''),
            score: t.score,
            tiers: t.tiers,
          })),
        },
        `ties at a tier boundary need the organiser's decision: ${plan.ties
          .map(
            (t) =>
              `${t.projectIds.map((id) => titles.get(id) ?? id).join(' = ')} (${t.score}, ${t.tiers.join(' / ')})`,
          )
          .join('; ')}; send tieBreaks [{projectIds (best first), reason}]`,
      );
    await this.prisma.$transaction((tx) =>
      recordAwards(tx, heat, actor.id, plan, tieBreaks, (t, id, outcome) =>
        this.registration.applyFinalOutcome(t, id, outcome),
      ),
    );
    return { heatId, ...this.planView(plan, titles) };
  }

  /**
   * A winner's written withdrawal from the final's published award list
   * (弃赛, docs/due-process.md), inside the caller's transaction: the award is
   * vacated and not offered on (re-assigning the awards passes it down the
   * standings, the withdrawn project no longer among the finalists), the
   * final's result becomes ELIMINATED and the project WITHDRAWN, audited as a
   * result change. A project no longer AWARDED (the awards re-assigned since
   * the list was published) is left as it is: false.
   */
  async withdrawWinnerIn(
    tx: Prisma.TransactionClient,
    c: {
      heatId: string;
      projectId: string;
      competitionId: string;
      actorId: string;
      reason: string;
    },
  ): Promise<boolean> {
    const { heatId, projectId } = c;
    const changed = await tx.advancementResult.updateMany({
      where: { heatId, projectId, result: 'AWARDED' },
      data: { result: 'ELIMINATED', reason: c.reason, override: 'EXCLUDED' },
    });
    if (changed.count !== 1) return false;
    const award = await tx.award.findUnique({ where: { heatId_projectId: { heatId, projectId } } });
    await tx.award.deleteMany({ where: { heatId, projectId } });
    await this.registration.withdrawWinnerIn(tx, heatId, projectId);
    await appendAudit(tx, {
      competitionId: c.competitionId,
      actorId: c.actorId,
      action: 'heat.result-changed',
      entityType: 'heat',
      entityId: heatId,
      reason: c.reason,
      data: {
        projectId,
        from: 'AWARDED',
        to: 'ELIMINATED',
        projectStatus: 'WITHDRAWN',
        tier: award?.tier ?? null,
      },
    });
    return true;
  }

  async list(actor: Actor, heatId: string) {
    await this.finalHeat(actor, heatId);
    return this.view(heatId);
  }

  private async view(heatId: string) {
    const [tiers, awards] = await Promise.all([
      this.prisma.awardTier.findMany({ where: { heatId }, orderBy: { rank: 'asc' } }),
      this.prisma.award.findMany({ where: { heatId } }),
    ]);
    // Best tier first, then by score: projects on one score are listed in a
    // fixed order (the database returns ties in any order).
    const rank = new Map(tiers.map((t) => [t.name, t.rank]));
    awards.sort(
      (a, b) =>
        (rank.get(a.tier) ?? tiers.length) - (rank.get(b.tier) ?? tiers.length) ||
        b.score - a.score ||
        (a.projectId < b.projectId ? -1 : 1),
    );
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
    await this.competitions.assertCanManage(actor, heat.competitionId, {
      resource: 'heat',
      id: heatId,
    });
    if (!(await this.competitions.isFinalStage(heat)))
      throw DomainError.of(
        'AWARDS_NOT_FINAL',
        { heatName: heat.name },
        'awards are for the final: this heat is not in the last stage',
      );
    return heat;
  }

  private async plan(actor: Actor, heatId: string, tieBreaks: TieBreak[]) {
    const heat = await this.finalHeat(actor, heatId);
    const tiers = (
      await this.prisma.awardTier.findMany({ where: { heatId }, orderBy: { rank: 'asc' } })
    ).map((t) => ({ name: t.name, count: t.count }));
    if (!tiers.length)
      throw DomainError.of(
        'AWARD_TIERS_MISSING',
        { heatName: heat.name },
        'set the award tiers first (PUT /heats/:id/award-tiers)',
      );
    const standings = await this.rankings.standings(actor, heatId);
    if (!standings.final)
      throw DomainError.of(
        'FINAL_ROUNDS_NOT_CLOSED',
        { heatName: heat.name },
        'every round of the final must be closed (and its final ranking computed) before awards',
      );
    const finalists = await this.registration.finalists(heatId);
    const plan: AwardPlan = planFinalAwards(tiers, standings.entries, finalists, tieBreaks);
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
