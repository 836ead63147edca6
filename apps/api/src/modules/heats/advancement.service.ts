import { Injectable } from '@nestjs/common';
import { Actor, AdvancementPlan, DomainError, fieldProblem, planAdvancement } from '@app/domain';
import { PrismaService, appendAudit, isUniqueViolation } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { RankingsService } from '../judging/rankings.service';
import { RegistrationService } from '../registration/registration.service';
import { AdvanceDto } from './dto/advance.dto';

const alreadyAdvanced = (heatName: string) =>
  DomainError.of('HEAT_ALREADY_ADVANCED', { heatName }, 'this heat has already advanced');

@Injectable()
export class AdvancementService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly registration: RegistrationService,
    private readonly rankings: RankingsService,
  ) {}

  async preview(actor: Actor, heatId: string, count?: number) {
    const { heat, plan, titles } = await this.plan(actor, heatId, { count });
    return { heatId: heat.id, count: count ?? heat.advanceQuota ?? 0, ...this.view(plan, titles) };
  }

  // Records the results and moves the projects; mails nobody: owners learn
  // their results from the heat's release (ResultsReleaseService).
  async advance(actor: Actor, heatId: string, dto: AdvanceDto) {
    // The plan reads standings and entrants outside the transaction: a concurrent
    // press that commits in between moves the entrants on, and the plan may then
    // refuse them. That press won; this one is the "already advanced" 409.
    const { heat, plan, titles } = await this.plan(actor, heatId, dto).catch(async (e) => {
      if (await this.advancementOf(heatId)) {
        const { name } = await this.competitions.getHeat(heatId);
        throw alreadyAdvanced(name);
      }
      throw e;
    });
    const target = await this.competitions.nextStageHeat(heat, dto.toHeatId);
    const awarded = target === null;
    const result = (r: 'ADVANCED' | 'ELIMINATED') => (r === 'ADVANCED' && awarded ? 'AWARDED' : r);
    try {
      await this.prisma.$transaction(async (tx) => {
        // The primary key makes this happen once: a second press, even a concurrent one, fails here.
        await tx.heatAdvancement.create({
          data: {
            heatId,
            competitionId: heat.competitionId,
            toHeatId: target?.id ?? null,
            count: dto.count ?? heat.advanceQuota ?? 0,
            decidedById: actor.id,
          },
        });
        const decisions = [...plan.advanced, ...plan.eliminated];
        await tx.advancementResult.createMany({
          data: decisions.map((d) => ({
            heatId,
            projectId: d.projectId,
            competitionId: heat.competitionId,
            result: result(d.result),
            score: d.score,
            reason: d.reason,
            override: d.override,
          })),
        });
        await this.registration.applyAdvancement(tx, heatId, {
          advanced: plan.advanced.map((d) => d.projectId),
          eliminated: plan.eliminated.map((d) => d.projectId),
          toHeatId: target?.id ?? null,
        });
        await appendAudit(tx, {
          competitionId: heat.competitionId,
          actorId: actor.id,
          action: awarded ? 'heat.awarded' : 'heat.advanced',
          entityType: 'heat',
          entityId: heatId,
          reason: null,
          data: {
            toHeatId: target?.id ?? null,
            count: dto.count ?? heat.advanceQuota,
            advanced: plan.advanced.map((d) => d.projectId),
            tiedAtCutoff: plan.tiedAtCutoff,
            overrides: decisions
              .filter((d) => d.override)
              .map((d) => ({ projectId: d.projectId, override: d.override, reason: d.reason })),
          },
        });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw alreadyAdvanced(heat.name);
      throw e;
    }
    const view = this.view(plan, titles);
    if (awarded) for (const d of view.advanced) d.result = 'AWARDED';
    return { heatId, toHeatId: target?.id ?? null, ...view };
  }

  // The regional (first-stage) heat a project entered through, whatever heat it is in now.
  async entryHeat(projectId: string, currentHeatId: string) {
    const results = await this.prisma.advancementResult.findMany({
      where: { projectId },
      select: { heatId: true },
    });
    return this.competitions.earliestHeat([currentHeatId, ...results.map((r) => r.heatId)]);
  }

  // When the heat's result was last released to each of these projects' owners
  // (the due-process context's appeal window starts there).
  async releasesOf(heatId: string, projectIds: string[]) {
    const rows = await this.prisma.resultRelease.findMany({
      where: { heatId, projectId: { in: projectIds } },
      select: { projectId: true, releasedAt: true },
    });
    return new Map(rows.map((r) => [r.projectId, r.releasedAt]));
  }

  // The final's awards: the tier each project won.
  async awardsOf(heatId: string): Promise<Map<string, string>> {
    const rows = await this.prisma.award.findMany({ where: { heatId } });
    return new Map(rows.map((r) => [r.projectId, r.tier]));
  }

  async advancementOf(heatId: string) {
    return this.prisma.heatAdvancement.findUnique({ where: { heatId } });
  }

  async heatResults(heatId: string) {
    return this.prisma.advancementResult.findMany({ where: { heatId } });
  }

  async resultsOf(competitionId: string) {
    return this.prisma.advancementResult.findMany({ where: { competitionId } });
  }

  // The denominator of the signing rate: projects that advanced from some heat or won the final.
  async advancedOrAwardedCount(competitionId: string): Promise<number> {
    const rows = await this.prisma.advancementResult.findMany({
      where: { competitionId, result: { in: ['ADVANCED', 'AWARDED'] } },
      distinct: ['projectId'],
      select: { projectId: true },
    });
    return rows.length;
  }

  private async plan(
    actor: Actor,
    heatId: string,
    req: {
      count?: number;
      include?: string[];
      exclude?: { projectId: string; reason: string }[];
      includeReason?: string;
    },
  ) {
    const heat = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, heat.competitionId, {
      resource: 'heat',
      id: heatId,
    });
    if (await this.prisma.heatAdvancement.findUnique({ where: { heatId } }))
      throw alreadyAdvanced(heat.name);
    const standings = await this.rankings.standings(actor, heatId);
    if (!standings.final) {
      throw DomainError.of(
        'HEAT_ROUNDS_NOT_CLOSED',
        { heatName: heat.name },
        'every round of the heat must be closed (and its final ranking computed) before advancement',
      );
    }
    const entrants = await this.registration.eligibleProjects(heatId);
    const count = req.count ?? heat.advanceQuota;
    if (count == null)
      throw DomainError.of(
        'ADVANCE_COUNT_REQUIRED',
        { heatName: heat.name },
        'give a count: the heat has no advanceQuota',
        [fieldProblem('count', 'FIELD_REQUIRED', 'required')],
      );
    const plan: AdvancementPlan = planAdvancement(
      standings.entries,
      entrants.map((e) => e.id),
      { count, include: req.include, exclude: req.exclude },
      req.includeReason,
    );
    const titles = new Map(entrants.map((e) => [e.id, e.title]));
    return { heat, plan, titles, entrants };
  }

  private view(plan: AdvancementPlan, titles: Map<string, string>) {
    const row = (d: AdvancementPlan['advanced'][number]) => ({
      projectId: d.projectId,
      title: titles.get(d.projectId) ?? '',
      score: d.score,
      result: d.result as string,
      reason: d.reason,
      override: d.override,
    });
    return {
      advanced: plan.advanced.map(row),
      eliminated: plan.eliminated.map(row),
      tiedAtCutoff: plan.tiedAtCutoff,
      cutoffScore: plan.cutoffScore,
    };
  }
}
