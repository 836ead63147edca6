import { Injectable } from '@nestjs/common';
import {
  Actor,
  DomainError,
  DoubleMarkingRule,
  arbitrationAllowed,
  conflictKey,
  hasRole,
  doubleMark,
  doubleMarkRanking,
  reportedTotal,
  roundHalfAwayFromZero,
  structuralConflict,
  toleranceOf,
} from '@app/domain';
import { Prisma, PrismaService, appendAudit, appendEvent, recordChange } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { IdentityService } from '../identity/identity.service';
import { DoubleMarkArbitrateDto, DoubleMarkingDto } from './dto/experts-judging.dto';
import { assertChangeable } from './round-changes';
import { RoundPanelService } from './round-panel.service';
import { RoundsService } from './rounds.service';

/** The round's 2+1 rule as stored: the domain rule and the designated chief expert. */
type StoredRule = DoubleMarkingRule & { chiefJudgeId?: string | null };
type Cached = { rule: StoredRule | null };

// Double marking with a tolerance (2+1) in an online-review round: the rule is
// the round's (set while DRAFT); after each submit, a project whose first two
// totals differ by more than the tolerance gets a third judge of the round's
// panel (no conflict, fewest projects, then name) and the judge a mail. The
// results follow libs/domain doubleMarkRanking.
@Injectable()
export class DoubleMarkingService {
  // A round's rule, once it is past DRAFT (when it can no longer change).
  private readonly rules = new Map<string, Cached>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
    private readonly panel: RoundPanelService,
    private readonly competitions: CompetitionsService,
    private readonly identity: IdentityService,
  ) {}

  async set(actor: Actor, roundId: string, dto: DoubleMarkingDto | null) {
    const round = await this.rounds.managed(actor, roundId);
    if (round.kind !== 'EXPERT_REVIEW')
      throw DomainError.of(
        'DOUBLE_MARKING_EXPERT_REVIEW_ONLY',
        'double marking applies to online-review (EXPERT_REVIEW) rounds',
      );
    if (round.status !== 'DRAFT')
      throw DomainError.of(
        'ROUND_NOT_DRAFT',
        { status: round.status },
        `round is ${round.status}; its panel rules change only while DRAFT`,
      );
    const chiefJudgeId = dto?.chiefJudgeId ?? null;
    if (chiefJudgeId) {
      const [chief] = await this.identity.findUsers([chiefJudgeId]);
      if (!chief || !chief.roles.includes('JUDGE'))
        throw DomainError.of(
          'DOUBLE_MARK_CHIEF_NOT_JUDGE',
          'the chief expert must be a judge account',
          [
            {
              field: 'chiefJudgeId',
              code: 'DOUBLE_MARK_CHIEF_NOT_JUDGE',
              message: 'not a judge account',
            },
          ],
        );
    }
    const rule: StoredRule | null = dto
      ? {
          tolerance: dto.tolerance,
          toleranceKind: dto.toleranceKind,
          maxTotal: 100,
          thirdMarkRule: dto.thirdMarkRule,
          pairTieRule: dto.pairTieRule,
          chiefJudgeId,
        }
      : null;
    await this.prisma.$transaction(async (tx) => {
      await tx.round.update({
        where: { id: roundId },
        data: { doubleMarking: rule === null ? Prisma.DbNull : (rule as object) },
      });
      await appendAudit(tx, {
        competitionId: round.competitionId,
        actorId: actor.id,
        action: 'round.double-marking-set',
        entityType: 'round',
        entityId: roundId,
        data: { rule },
      });
    });
    this.rules.delete(roundId);
    return this.results(actor, roundId);
  }

  private async ruleOf(roundId: string): Promise<StoredRule | null> {
    const cached = this.rules.get(roundId);
    if (cached) return cached.rule;
    const round = await this.prisma.round.findUnique({
      where: { id: roundId },
      select: { doubleMarking: true, status: true },
    });
    const rule = (round?.doubleMarking as StoredRule | null) ?? null;
    if (round && round.status !== 'DRAFT') {
      if (this.rules.size > 1000) this.rules.delete(this.rules.keys().next().value!);
      this.rules.set(roundId, { rule });
    }
    return rule;
  }

  // The project's totals in the order its judges were assigned (the first two
  // mark it; a third comes after), submitted ones only.
  private async markers(roundId: string, projectId: string) {
    const [assignments, scores] = await Promise.all([
      this.prisma.assignment.findMany({
        where: { roundId, projectId },
        orderBy: [{ createdAt: 'asc' }, { judgeId: 'asc' }],
      }),
      this.prisma.score.findMany({ where: { roundId, projectId, status: 'SUBMITTED' } }),
    ]);
    const totalOf = new Map(scores.map((s) => [s.judgeId, s.total]));
    return assignments.map((a) => ({ judgeId: a.judgeId, total: totalOf.get(a.judgeId) ?? null }));
  }

  // After a submit: assigns the third judge when the first two differ by more
  // than the tolerance. Serialised per project by an advisory lock, so two
  // submits at once assign one third judge.
  async afterSubmit(roundId: string, projectId: string): Promise<void> {
    const rule = await this.ruleOf(roundId);
    if (!rule) return;
    const first = await this.markers(roundId, projectId);
    if (first.length !== 2 || first.some((m) => m.total === null)) return;
    if (
      !doubleMark(
        first.map((m) => m.total!),
        rule,
      ).needsThird
    )
      return;
    const round = await this.prisma.round.findUniqueOrThrow({ where: { id: roundId } });
    const [profiles, declared, judges] = await Promise.all([
      this.panel.conflictProfiles(round.heatId),
      this.panel.declaredConflicts(round),
      this.prisma.roundJudge.findMany({ where: { roundId } }),
    ]);
    const project = profiles.find((p) => p.id === projectId);
    if (!project) return;
    const timeZone = await this.competitions.timeZoneOf(round.competitionId);
    await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`third:${roundId}:${projectId}`}))`;
      await assertChangeable(tx, roundId);
      const assigned = await tx.assignment.findMany({ where: { roundId, projectId } });
      if (assigned.length !== 2) return;
      const loads = await tx.assignment.groupBy({
        by: ['judgeId'],
        where: { roundId },
        _count: { _all: true },
      });
      const loadOf = new Map(loads.map((l) => [l.judgeId, l._count._all]));
      const taken = new Set(assigned.map((a) => a.judgeId));
      const candidates = judges
        .filter((j) => !taken.has(j.judgeId))
        .filter((j) => !declared.has(conflictKey(j.judgeId, projectId)))
        .filter((j) => !structuralConflict({ ...j, id: j.judgeId }, project))
        .sort(
          (a, b) =>
            (loadOf.get(a.judgeId) ?? 0) - (loadOf.get(b.judgeId) ?? 0) ||
            a.name.localeCompare(b.name) ||
            (a.judgeId < b.judgeId ? -1 : 1),
        );
      const third = candidates[0];
      if (!third) return; // the results show the project waiting for a third
      await tx.assignment.create({ data: { roundId, judgeId: third.judgeId, projectId } });
      await appendAudit(tx, {
        competitionId: round.competitionId,
        actorId: null,
        action: 'round.third-expert-assigned',
        entityType: 'round',
        entityId: roundId,
        data: {
          projectId,
          judgeId: third.judgeId,
          totals: first.map((m) => reportedTotal(m.total!)),
          tolerance: toleranceOf(rule),
        },
      });
      await appendEvent(tx, 'judging.reminder-requested', roundId, {
        competitionId: round.competitionId,
        roundId,
        roundName: round.name,
        heatName: round.heatName,
        closesAt: round.closesAt?.toISOString() ?? null,
        timeZone,
        judges: [
          {
            judge: {
              userId: third.judgeId,
              email: third.email,
              name: third.name,
              locale: third.locale,
            },
            missingTitles: [project.title],
          },
        ],
        purpose: 'THIRD_EXPERT',
      });
    });
  }

  async results(actor: Actor, roundId: string) {
    const round = await this.rounds.managed(actor, roundId);
    const rule = round.doubleMarking as StoredRule | null;
    if (!rule) return { roundId, rule: null, tolerance: null, entries: [] };
    const [assignments, scores, projects, judges, arbitrations] = await Promise.all([
      this.prisma.assignment.findMany({
        where: { roundId },
        orderBy: [{ createdAt: 'asc' }, { judgeId: 'asc' }],
      }),
      this.prisma.score.findMany({ where: { roundId, status: 'SUBMITTED' } }),
      this.prisma.roundProject.findMany({ where: { roundId } }),
      this.prisma.roundJudge.findMany({ where: { roundId } }),
      this.prisma.doubleMarkArbitration.findMany({ where: { roundId } }),
    ]);
    const arbitrationOf = new Map(arbitrations.map((a) => [a.projectId, a]));
    const totalOf = new Map(scores.map((s) => [`${s.judgeId}:${s.projectId}`, s.total]));
    const nameOf = new Map(judges.map((j) => [j.judgeId, j.name]));
    const byProject = new Map<string, { judgeId: string; total: number | null }[]>();
    for (const a of assignments) {
      const list = byProject.get(a.projectId) ?? [];
      list.push({ judgeId: a.judgeId, total: totalOf.get(`${a.judgeId}:${a.projectId}`) ?? null });
      byProject.set(a.projectId, list);
    }
    const ranked = doubleMarkRanking(
      [...byProject].map(([projectId, ms]) => ({
        projectId,
        totals: ms.filter((m) => m.total !== null).map((m) => m.total!),
        arbitration: arbitrationOf.get(projectId)?.total ?? null,
      })),
      rule,
    );
    const titleOf = new Map(projects.map((p) => [p.projectId, p.title]));
    return {
      roundId,
      rule,
      tolerance: roundHalfAwayFromZero(toleranceOf(rule)),
      entries: ranked.map((e) => {
        const ms = byProject.get(e.projectId) ?? [];
        return {
          projectId: e.projectId,
          title: titleOf.get(e.projectId) ?? '',
          rank: e.rank,
          score: e.score,
          status: e.status,
          via: e.via,
          needsThird: e.needsThird,
          thirdAssigned: ms.length >= 3,
          marks: ms.map((m, i) => ({
            judgeId: m.judgeId,
            judgeName: nameOf.get(m.judgeId) ?? '',
            third: i >= 2,
            total: m.total === null ? null : reportedTotal(m.total),
            counted: e.pair ? e.pair.includes(i) : e.status === 'DONE' && e.via !== 'ARBITRATION',
          })),
          arbitration: arbitrationView(arbitrationOf.get(e.projectId)),
        };
      }),
    };
  }

  // The chief expert's arbitration (主评专家仲裁) of a project whose marks call
  // for one: recorded with the reason, audited, and a change for the scoring
  // worker, whose stored ranking then takes the total. The organiser of the
  // round or the judge the rule designates as chief expert; a later entry
  // replaces the earlier one (audited with it).
  async arbitrate(actor: Actor, roundId: string, projectId: string, dto: DoubleMarkArbitrateDto) {
    const round = await this.arbiterRound(actor, roundId);
    const rule = round.doubleMarking as StoredRule | null;
    if (!rule)
      throw DomainError.of(
        'DOUBLE_MARKING_NOT_SET',
        'this round does not use double marking (2+1)',
      );
    const reason = dto.reason.trim();
    if (!reason)
      throw DomainError.of('VALIDATION_FAILED', { fields: ['reason'] }, 'a reason is required', [
        { field: 'reason', code: 'FIELD_REQUIRED', message: 'required' },
      ]);
    const member = await this.prisma.roundProject.findUnique({
      where: { roundId_projectId: { roundId, projectId } },
    });
    if (!member) throw DomainError.notFound('project', projectId);
    const saved = await this.prisma.$transaction(async (tx) => {
      // The third assignment's order: the project's lock, then the round's.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`third:${roundId}:${projectId}`}))`;
      await assertChangeable(tx, roundId);
      const [assignments, scores] = await Promise.all([
        tx.assignment.findMany({
          where: { roundId, projectId },
          orderBy: [{ createdAt: 'asc' }, { judgeId: 'asc' }],
        }),
        tx.score.findMany({ where: { roundId, projectId, status: 'SUBMITTED' } }),
      ]);
      const totalOf = new Map(scores.map((s) => [s.judgeId, s.total]));
      const totals = assignments.flatMap((a) =>
        totalOf.has(a.judgeId) ? [totalOf.get(a.judgeId)!] : [],
      );
      const allowed = arbitrationAllowed(totals, rule);
      if (!allowed.allowed)
        throw DomainError.of(
          'DOUBLE_MARK_ARBITRATION_NOT_NEEDED',
          { because: allowed.because },
          `this project's marks do not call for arbitration (${allowed.because})`,
        );
      const previous = await tx.doubleMarkArbitration.findUnique({
        where: { roundId_projectId: { roundId, projectId } },
      });
      const row = await tx.doubleMarkArbitration.upsert({
        where: { roundId_projectId: { roundId, projectId } },
        create: { roundId, projectId, total: dto.total, reason, decidedById: actor.id },
        update: { total: dto.total, reason, decidedById: actor.id, decidedAt: new Date() },
      });
      await appendAudit(tx, {
        competitionId: round.competitionId,
        actorId: actor.id,
        action: 'round.double-mark-arbitrated',
        entityType: 'round',
        entityId: roundId,
        reason,
        data: {
          projectId,
          total: reportedTotal(dto.total),
          totals: totals.map(reportedTotal),
          previousTotal: previous ? reportedTotal(previous.total) : null,
          asChiefExpert: rule.chiefJudgeId === actor.id,
        },
      });
      await recordChange(tx, 'judging.scores-changed', roundId, {
        change: 'ARBITRATED',
        judgeId: actor.id,
        projectId,
      });
      return { row, totals };
    });
    const outcome = doubleMark(saved.totals, rule, saved.row.total);
    return {
      roundId,
      projectId,
      arbitration: arbitrationView(saved.row)!,
      score: roundHalfAwayFromZero(outcome.result!),
      status: outcome.status,
      via: outcome.via,
    };
  }

  // The organiser (or an admin) of the round, or the judge its rule names
  // chief expert. Another judge of the round's panel is refused; one outside
  // it does not see the round.
  private async arbiterRound(actor: Actor, roundId: string) {
    const round = await this.prisma.round.findUnique({ where: { id: roundId } });
    if (!round) throw DomainError.notFound('round', roundId);
    if (hasRole(actor, 'ORGANISER', 'ADMIN')) return this.rounds.managed(actor, roundId);
    const chief = (round.doubleMarking as StoredRule | null)?.chiefJudgeId ?? null;
    if (chief === actor.id) return round;
    const seated = await this.prisma.roundJudge.findUnique({
      where: { roundId_judgeId: { roundId, judgeId: actor.id } },
    });
    if (!seated) throw DomainError.notFound('round', roundId);
    throw DomainError.of(
      'DOUBLE_MARK_NOT_CHIEF',
      "only the organiser or the round's chief expert arbitrates",
    );
  }
}

function arbitrationView(
  a: { total: number; reason: string; decidedById: string; decidedAt: Date } | undefined,
) {
  return a
    ? {
        total: reportedTotal(a.total),
        reason: a.reason,
        decidedById: a.decidedById,
        decidedAt: a.decidedAt,
      }
    : null;
}
