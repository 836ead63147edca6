import { Injectable } from '@nestjs/common';
import {
  Actor,
  DomainError,
  DoubleMarkingRule,
  conflictKey,
  doubleMark,
  doubleMarkRanking,
  reportedTotal,
  roundHalfAwayFromZero,
  structuralConflict,
  toleranceOf,
} from '@app/domain';
import { Prisma, PrismaService, appendAudit, appendEvent } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { DoubleMarkingDto } from './dto/experts-judging.dto';
import { assertChangeable } from './round-changes';
import { RoundPanelService } from './round-panel.service';
import { RoundsService } from './rounds.service';

type Cached = { rule: DoubleMarkingRule | null };

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
    const rule: DoubleMarkingRule | null = dto
      ? {
          tolerance: dto.tolerance,
          toleranceKind: dto.toleranceKind,
          maxTotal: 100,
          thirdMarkRule: dto.thirdMarkRule,
          pairTieRule: dto.pairTieRule,
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

  private async ruleOf(roundId: string): Promise<DoubleMarkingRule | null> {
    const cached = this.rules.get(roundId);
    if (cached) return cached.rule;
    const round = await this.prisma.round.findUnique({
      where: { id: roundId },
      select: { doubleMarking: true, status: true },
    });
    const rule = (round?.doubleMarking as DoubleMarkingRule | null) ?? null;
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
      });
    });
  }

  async results(actor: Actor, roundId: string) {
    const round = await this.rounds.managed(actor, roundId);
    const rule = round.doubleMarking as DoubleMarkingRule | null;
    if (!rule) return { roundId, rule: null, tolerance: null, entries: [] };
    const [assignments, scores, projects, judges] = await Promise.all([
      this.prisma.assignment.findMany({
        where: { roundId },
        orderBy: [{ createdAt: 'asc' }, { judgeId: 'asc' }],
      }),
      this.prisma.score.findMany({ where: { roundId, status: 'SUBMITTED' } }),
      this.prisma.roundProject.findMany({ where: { roundId } }),
      this.prisma.roundJudge.findMany({ where: { roundId } }),
    ]);
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
        };
      }),
    };
  }
}
