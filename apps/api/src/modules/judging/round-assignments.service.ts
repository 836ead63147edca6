import { Injectable } from '@nestjs/common';
import { Actor, DomainError, assignJudges, conflictKey, structuralConflict } from '@app/domain';
import {
  PrismaService,
  assignmentStatuses,
  isUniqueViolation,
  planAssignmentMails,
} from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { AutoAssignDto } from './dto/judging.dto';
import { assertChangeable, removePair } from './round-changes';
import { RoundPanelService } from './round-panel.service';
import { RoundsService } from './rounds.service';

// Which judge scores which project in a round: automatic or one pair at a time.
@Injectable()
export class RoundAssignmentsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
    private readonly panel: RoundPanelService,
    private readonly competitions: CompetitionsService,
  ) {}

  async autoAssign(actor: Actor, roundId: string, dto: AutoAssignDto) {
    const round = await this.rounds.managed(actor, roundId);
    if (round.status === 'CLOSED') throw DomainError.of('ROUND_CLOSED', 'round is CLOSED');
    if (await this.prisma.score.count({ where: { roundId } })) {
      throw DomainError.of(
        'SCORING_STARTED',
        'judges have started scoring this round; change single assignments instead',
      );
    }
    const [projects, judges, conflicts] = await Promise.all([
      this.panel.conflictProfiles(round.heatId),
      this.prisma.roundJudge.findMany({ where: { roundId } }),
      this.panel.declaredConflicts(round),
    ]);
    for (const j of judges)
      for (const p of projects)
        if (structuralConflict({ ...j, id: j.judgeId }, p))
          conflicts.add(conflictKey(j.judgeId, p.id));
    const result = assignJudges({
      projectIds: projects.map((p) => p.id),
      judgeIds: judges.map((j) => j.judgeId),
      judgesPerProject: dto.judgesPerProject,
      conflicts,
    });
    if (!result.ok) {
      const { projectId, ...rest } = result.params ?? {};
      const params = projectId
        ? { ...rest, projectTitle: projects.find((p) => p.id === projectId)?.title ?? '' }
        : rest;
      throw new DomainError(
        'UNPROCESSABLE',
        `Impossible assignment: ${result.reason}`,
        [{ field: 'judgesPerProject', code: result.code, message: result.reason, params }],
        result.code,
        params,
      );
    }
    const timeZone = await this.competitions.timeZoneOf(round.competitionId);
    await this.prisma.$transaction(async (tx) => {
      await assertChangeable(tx, roundId);
      await tx.assignment.deleteMany({ where: { roundId } });
      await tx.assignment.createMany({ data: result.assignments.map((a) => ({ roundId, ...a })) });
      await tx.roundProject.createMany({
        data: projects.map((p) => ({
          roundId,
          projectId: p.id,
          title: p.title,
          organisationName: p.organisationName,
        })),
        skipDuplicates: true,
      });
      await planAssignmentMails(tx, round, timeZone);
    });
    return { assignments: result.assignments.length, loads: result.loads };
  }

  async addAssignment(actor: Actor, roundId: string, judgeId: string, projectId: string) {
    const round = await this.rounds.managed(actor, roundId);
    if (round.status === 'CLOSED') throw DomainError.of('ROUND_CLOSED', 'round is CLOSED');
    const judge = await this.prisma.roundJudge.findUnique({
      where: { roundId_judgeId: { roundId, judgeId } },
    });
    if (!judge)
      throw DomainError.of('JUDGE_NOT_IN_ROUND', 'judge is not in this round', [
        { field: 'judgeId', code: 'JUDGE_NOT_IN_ROUND', message: 'not in the round' },
      ]);
    const project = (await this.panel.conflictProfiles(round.heatId)).find(
      (p) => p.id === projectId,
    );
    if (!project)
      throw DomainError.of('PROJECT_NOT_ELIGIBLE_IN_HEAT', 'not an ELIGIBLE project of this heat', [
        { field: 'projectId', code: 'PROJECT_NOT_ELIGIBLE_IN_HEAT', message: 'not eligible here' },
      ]);
    const declared = (await this.panel.declaredConflicts(round)).has(
      conflictKey(judgeId, projectId),
    );
    const structural = structuralConflict({ ...judge, id: judge.judgeId }, project);
    if (structural === 'OWN_PROJECT')
      throw DomainError.of(
        'JUDGE_OWNS_PROJECT',
        { judgeName: judge.name, projectTitle: project.title },
        'the judge owns this project or is in its team',
      );
    if (declared || structural)
      throw DomainError.of(
        'JUDGE_HAS_CONFLICT',
        { judgeName: judge.name, projectTitle: project.title },
        'the judge has a conflict with this project',
      );
    const timeZone = await this.competitions.timeZoneOf(round.competitionId);
    await this.prisma
      .$transaction(async (tx) => {
        await assertChangeable(tx, roundId);
        await tx.assignment.create({ data: { roundId, judgeId, projectId } });
        await tx.roundProject.createMany({
          data: [
            {
              roundId,
              projectId,
              title: project.title,
              organisationName: project.organisationName,
            },
          ],
          skipDuplicates: true,
        });
        await planAssignmentMails(tx, round, timeZone);
      })
      .catch((e) => {
        if (isUniqueViolation(e))
          throw DomainError.of(
            'ALREADY_ASSIGNED',
            { judgeName: judge.name, projectTitle: project.title },
            'already assigned',
          );
        throw e;
      });
    return { roundId, judgeId, projectId };
  }

  async removeAssignment(actor: Actor, roundId: string, judgeId: string, projectId: string) {
    const round = await this.rounds.managed(actor, roundId);
    if (round.status === 'CLOSED') throw DomainError.of('ROUND_CLOSED', 'round is CLOSED');
    const removed = await this.prisma.$transaction(async (tx) => {
      await assertChangeable(tx, roundId);
      return removePair(tx, round, judgeId, projectId, {
        actorId: actor.id,
        action: 'score.removed-with-assignment',
        reason: null,
      });
    });
    if (!removed.assignment) throw DomainError.notFound('assignment');
    return removed;
  }

  async listAssignments(actor: Actor, roundId: string) {
    await this.rounds.managed(actor, roundId);
    const rows = await assignmentStatuses(this.prisma, { roundId }, 'judgeName');
    const items = rows.map((r) => ({
      judgeId: r.judgeId,
      judgeName: r.judgeName,
      projectId: r.projectId,
      title: r.title,
      scoreStatus: r.scoreStatus,
    }));
    return { items };
  }
}
