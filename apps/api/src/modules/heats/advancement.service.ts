import { Injectable } from '@nestjs/common';
import {
  Actor,
  AdvancementRule,
  DomainError,
  RulePlan,
  fieldProblem,
  planAdvancementByRule,
  validateAdvancementRule,
} from '@app/domain';
import { Prisma, PrismaService, appendAudit, isUniqueViolation } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { RankingsService } from '../judging/rankings.service';
import { RoomsService } from '../judging/rooms.service';
import { RegistrationFormService } from '../registration/form/registration-form.service';
import { RegistrationService } from '../registration/registration.service';
import { AdvanceDto, AdvancementRuleDto } from './dto/advance.dto';

interface PlanRequest {
  count?: number;
  include?: string[];
  includeReason?: string;
  exclude?: { projectId: string; reason: string }[];
  wildcards?: { projectId: string; reason: string }[];
}

const storedRule = (json: unknown): AdvancementRule | null =>
  json && typeof json === 'object' ? json : null;

const alreadyAdvanced = (heatName: string) =>
  DomainError.of('HEAT_ALREADY_ADVANCED', { heatName }, 'this heat has already advanced');

@Injectable()
export class AdvancementService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly registration: RegistrationService,
    private readonly rankings: RankingsService,
    private readonly forms: RegistrationFormService,
    private readonly rooms: RoomsService,
  ) {}

  async preview(actor: Actor, heatId: string, req: PlanRequest = {}) {
    const { heat, plan, labels, count, rooms } = await this.plan(actor, heatId, req);
    return { heatId: heat.id, count, rooms, ...this.view(plan, labels) };
  }

  /** The heat's stored advancement rule, with the groups and tracks it may name. */
  async rule(actor: Actor, heatId: string) {
    const heat = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, heat.competitionId, {
      resource: 'heat',
      id: heatId,
    });
    const [row, labels] = await Promise.all([
      this.prisma.heatAdvancementRule.findUnique({ where: { heatId } }),
      this.labels(heat.competitionId),
    ]);
    return {
      heatId,
      rule: row ? (storedRule(row.rule) as AdvancementRuleDto) : null,
      advanceQuota: heat.advanceQuota ?? null,
      groups: labels.groups,
      tracks: labels.tracks,
      updatedAt: row?.updatedAt ?? null,
    };
  }

  /** Stores the heat's rule before its decision; audited old → new. */
  async setRule(actor: Actor, heatId: string, dto: AdvancementRuleDto) {
    const heat = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, heat.competitionId, {
      resource: 'heat',
      id: heatId,
    });
    if (await this.advancementOf(heatId)) throw alreadyAdvanced(heat.name);
    const rule: AdvancementRule = {
      count: dto.count ?? null,
      quotas: (dto.quotas ?? []).map((q) => ({
        groupKey: q.groupKey || null,
        trackCode: q.trackCode || null,
        quota: q.quota,
      })),
      unitCap: dto.unitCap ?? null,
      wildcards: dto.wildcards ?? 0,
    };
    validateAdvancementRule(rule);
    const labels = await this.labels(heat.competitionId);
    const groups = new Set(labels.groups.map((g) => g.key));
    const tracks = new Set(labels.tracks.map((t) => t.code));
    const unknown = (rule.quotas ?? []).flatMap((q, i) => [
      ...(q.groupKey && !groups.has(q.groupKey)
        ? [fieldProblem(`quotas.${i}.groupKey`, 'ADVANCE_RULE_INVALID', 'no such group')]
        : []),
      ...(q.trackCode && !tracks.has(q.trackCode)
        ? [fieldProblem(`quotas.${i}.trackCode`, 'ADVANCE_RULE_INVALID', 'no such track')]
        : []),
    ]);
    if (unknown.length)
      throw DomainError.of(
        'ADVANCE_RULE_INVALID',
        'the rule names unknown groups or tracks',
        unknown,
      );
    await this.prisma.$transaction(async (tx) => {
      const before = await tx.heatAdvancementRule.findUnique({ where: { heatId } });
      const json = rule as unknown as Prisma.InputJsonValue;
      await tx.heatAdvancementRule.upsert({
        where: { heatId },
        create: { heatId, competitionId: heat.competitionId, rule: json, updatedById: actor.id },
        update: { rule: json, updatedById: actor.id, updatedAt: new Date() },
      });
      await appendAudit(tx, {
        competitionId: heat.competitionId,
        actorId: actor.id,
        action: 'heat.advancement-rule-set',
        entityType: 'heat',
        entityId: heatId,
        data: { before: before?.rule ?? null, after: rule },
      });
    });
    return this.rule(actor, heatId);
  }

  /** The rule in force for a heat (stored, or null for the plain top N). */
  async ruleOf(heatId: string): Promise<AdvancementRule | null> {
    const row = await this.prisma.heatAdvancementRule.findUnique({ where: { heatId } });
    return row ? storedRule(row.rule) : null;
  }

  // Records the results and moves the projects; mails nobody: owners learn
  // their results from the heat's release (ResultsReleaseService).
  async advance(actor: Actor, heatId: string, dto: AdvanceDto) {
    // The plan reads standings and entrants outside the transaction: a concurrent
    // press that commits in between moves the entrants on, and the plan may then
    // refuse them. That press won; this one is the "already advanced" 409.
    const { heat, plan, labels, count, rule, rooms } = await this.plan(actor, heatId, dto).catch(
      async (e) => {
        if (await this.advancementOf(heatId)) {
          const { name } = await this.competitions.getHeat(heatId);
          throw alreadyAdvanced(name);
        }
        throw e;
      },
    );
    if (plan.blockedWildcards.length)
      throw DomainError.of(
        'ADVANCE_WILDCARD_BLOCKED',
        { count: plan.blockedWildcards.length, cap: rule.unitCap ?? 0 },
        'a wildcard belongs to a unit at its cap',
        [
          fieldProblem('wildcards', 'ADVANCE_WILDCARD_BLOCKED', 'unit at its cap', {
            count: plan.blockedWildcards.length,
            cap: rule.unitCap ?? 0,
          }),
        ],
      );
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
            count,
            rule: rule as unknown as Prisma.InputJsonValue,
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
            basis: d.basis,
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
            count,
            rule,
            rooms,
            advanced: plan.advanced.map((d) => d.projectId),
            tiedAtCutoff: plan.tiedAtCutoff,
            wildcards: plan.advanced
              .filter((d) => d.basis.code === 'WILDCARD')
              .map((d) => ({ projectId: d.projectId, reason: d.reason })),
            stopped: plan.eliminated
              .filter((d) => d.basis.code !== 'QUOTA_FULL' && d.basis.code !== 'NO_QUOTA')
              .map((d) => ({ projectId: d.projectId, basis: d.basis })),
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
    const view = this.view(plan, labels);
    if (awarded) for (const d of view.advanced) d.result = 'AWARDED';
    return { heatId, toHeatId: target?.id ?? null, rooms, ...view };
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

  private async plan(actor: Actor, heatId: string, req: PlanRequest) {
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
    const [entrants, stored, labels, rooms] = await Promise.all([
      this.registration.eligibleProjects(heatId),
      this.ruleOf(heatId),
      this.labels(heat.competitionId),
      // 分会场: a round of the heat with rooms decides by the rooms' combined result.
      this.rooms.heatRoomsAdvancement(heatId),
    ]);
    const byQuota = !!stored?.quotas?.length;
    const count = req.count ?? stored?.count ?? heat.advanceQuota;
    if (count == null && !byQuota && !rooms)
      throw DomainError.of(
        'ADVANCE_COUNT_REQUIRED',
        { heatName: heat.name },
        'give a count: the heat has no advanceQuota',
        [fieldProblem('count', 'FIELD_REQUIRED', 'required')],
      );
    const inHeat = new Set(entrants.map((e) => e.id));
    for (const [field, ids] of [
      ['include', req.include ?? []],
      ['exclude', (req.exclude ?? []).map((e) => e.projectId)],
    ] as const) {
      const unknown = ids.filter((id) => !inHeat.has(id));
      if (unknown.length)
        throw DomainError.of(
          'ADVANCE_NOT_IN_HEAT',
          { field, count: unknown.length },
          `${field}: not projects of this heat`,
          [
            {
              field,
              code: 'ADVANCE_NOT_IN_HEAT',
              message: 'not in this heat',
              params: { field, count: unknown.length },
            },
          ],
        );
    }
    // `include` (one reason for all) is the older form of wildcards: without a
    // stored rule it adds as many places as it names, as it always did.
    const included = (req.include ?? []).map((projectId) => ({
      projectId,
      reason: req.includeReason ?? 'included by the organisers',
    }));
    const wildcards = [...(req.wildcards ?? []), ...included];
    // With rooms, the rooms' quotas (or the normalised places) replace the
    // heat's count and group quotas; its unit cap and wildcards still apply.
    const rule: AdvancementRule = rooms
      ? {
          count: null,
          quotas: rooms.quotas,
          unitCap: stored?.unitCap ?? null,
          wildcards: stored ? (stored.wildcards ?? 0) : wildcards.length,
        }
      : stored
        ? { ...stored, count: byQuota ? null : count }
        : { count, wildcards: wildcards.length };
    const scoreOf = new Map(standings.entries.map((s) => [s.projectId, s.score]));
    const plan = planAdvancementByRule(
      entrants.map((e) => {
        const inRoom = rooms?.standings.get(e.id);
        return {
          projectId: e.id,
          score: rooms ? (inRoom?.score ?? 0) : (scoreOf.get(e.id) ?? 0),
          groupKey: e.groupKey ?? null,
          trackCode: e.trackCode,
          unit: e.organisationName,
          room: inRoom?.roomId ?? null,
        };
      }),
      rule,
      { wildcards, exclude: req.exclude },
    );
    const projects = new Map(entrants.map((e) => [e.id, e]));
    const quotaSum = (rule.quotas ?? []).reduce((n, q) => n + q.quota, 0);
    return {
      heat,
      plan,
      rule,
      count: rooms || byQuota ? quotaSum : (count ?? 0),
      rooms: rooms
        ? {
            roundId: rooms.roundId,
            roundName: rooms.roundName,
            rule: rooms.rule,
            advance: rooms.advance,
          }
        : null,
      labels: {
        ...labels,
        projects,
        rooms: new Map((rooms?.rooms ?? []).map((r) => [r.id, r.name])),
      },
    };
  }

  private async labels(competitionId: string) {
    const [form, competition] = await Promise.all([
      this.forms.formOf(competitionId),
      this.competitions.get(competitionId),
    ]);
    return {
      groups: (form.groups ?? []).map((g) => ({
        key: g.key,
        label: g.label.zh,
        labelEn: g.label.en,
      })),
      tracks: competition.tracks.map((t) => ({ code: t.code, name: t.name })),
    };
  }

  private view(
    plan: RulePlan,
    labels: {
      groups: { key: string; label: string }[];
      tracks: { code: string; name: string }[];
      projects: Map<
        string,
        { title: string; organisationName: string; groupKey: string | null; trackCode: string }
      >;
      rooms?: Map<string, string>;
    },
  ) {
    const row = (d: RulePlan['advanced'][number]) => {
      const p = labels.projects.get(d.projectId);
      return {
        projectId: d.projectId,
        title: p?.title ?? '',
        score: d.score,
        result: d.result as string,
        reason: d.reason,
        override: d.override,
        basis: d.basis,
        unit: p?.organisationName ?? '',
        groupKey: p?.groupKey ?? null,
        trackCode: p?.trackCode ?? '',
      };
    };
    const group = new Map(labels.groups.map((g) => [g.key, g.label]));
    const track = new Map(labels.tracks.map((t) => [t.code, t.name]));
    return {
      advanced: plan.advanced.map(row),
      eliminated: plan.eliminated.map(row),
      tiedAtCutoff: plan.tiedAtCutoff,
      cutoffScore: plan.cutoffScore,
      buckets: plan.buckets.map((b) => ({
        ...b,
        groupLabel: b.groupKey ? (group.get(b.groupKey) ?? b.groupKey) : null,
        trackName: b.trackCode ? (track.get(b.trackCode) ?? b.trackCode) : null,
        roomNames: b.rooms ? b.rooms.map((id) => labels.rooms?.get(id) ?? id) : null,
      })),
      blockedWildcards: plan.blockedWildcards,
      unusedWildcards: plan.unusedWildcards,
    };
  }
}
