import { Injectable } from '@nestjs/common';
import { Actor, DomainError, RoundLifecycle, RoundStatus, assignJudges, conflictKey, sameUnit } from '@app/domain';
import {
  Prisma,
  PrismaService,
  appendEvent,
  closeRound,
  isUniqueViolation,
  lockRoundShared,
  missingScores,
  nextChangeSeq,
  requestReminder,
  Tx,
} from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { IdentityService } from '../identity/identity.service';
import { RegistrationService } from '../registration/registration.service';
import { AutoAssignDto, CreateRoundDto, DeclareConflictDto } from './dto/judging.dto';

type RoundRow = Prisma.RoundGetPayload<object>;

@Injectable()
export class RoundsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly registration: RegistrationService,
    private readonly identity: IdentityService,
  ) {}

  async create(actor: Actor, heatId: string, dto: CreateRoundDto) {
    const heat = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, heat.competitionId).catch(() => {
      throw DomainError.notFound('heat', heatId);
    });
    const rubric = await this.competitions.getRubric(heat.competitionId, dto.rubricId);
    if (dto.opensAt && dto.closesAt && new Date(dto.closesAt) <= new Date(dto.opensAt)) {
      throw DomainError.unprocessable('closesAt must be after opensAt', [{ field: 'closesAt', message: 'must be after opensAt' }]);
    }
    return this.prisma.round.create({
      data: {
        competitionId: heat.competitionId,
        heatId,
        heatName: heat.name,
        name: dto.name,
        kind: dto.kind,
        rubricId: rubric.id,
        criteria: rubric.criteria as unknown as Prisma.InputJsonValue,
        method: dto.method,
        trim: dto.trim ?? 1,
        weight: dto.weight ?? 1,
        opensAt: dto.opensAt ? new Date(dto.opensAt) : null,
        closesAt: dto.closesAt ? new Date(dto.closesAt) : null,
      },
    });
  }

  async listForHeat(actor: Actor, heatId: string) {
    const heat = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, heat.competitionId).catch(() => {
      throw DomainError.notFound('heat', heatId);
    });
    return this.prisma.round.findMany({ where: { heatId }, orderBy: { createdAt: 'asc' } });
  }

  // The round, if the caller organises its competition; 404 otherwise.
  async managed(actor: Actor, roundId: string): Promise<RoundRow> {
    const round = await this.prisma.round.findUnique({ where: { id: roundId } });
    if (!round) throw DomainError.notFound('round', roundId);
    await this.competitions.assertCanManage(actor, round.competitionId).catch(() => {
      throw DomainError.notFound('round', roundId);
    });
    return round;
  }

  async open(actor: Actor, roundId: string) {
    const round = await this.managed(actor, roundId);
    const next = RoundLifecycle.open(round.status as RoundStatus);
    const updated = await this.prisma.round.updateManyAndReturn({
      where: { id: roundId, status: 'DRAFT' },
      data: { status: next, openedAt: new Date() },
    });
    if (updated.length !== 1) throw DomainError.conflict('the round changed meanwhile; reload it');
    return updated[0];
  }

  async close(actor: Actor, roundId: string) {
    const round = await this.managed(actor, roundId);
    RoundLifecycle.close(round.status as RoundStatus);
    const closed = await this.prisma.$transaction((tx) => closeRound(tx, roundId));
    if (!closed) throw DomainError.conflict('the round changed meanwhile; reload it');
    return this.prisma.round.findUniqueOrThrow({ where: { id: roundId } });
  }

  async addJudges(actor: Actor, roundId: string, judgeIds: string[]) {
    const round = await this.managed(actor, roundId);
    if (round.status === 'CLOSED') throw DomainError.conflict('round is CLOSED');
    const users = await this.identity.findUsers([...new Set(judgeIds)]);
    const judges = users.filter((u) => u.roles.includes('JUDGE'));
    const bad = judgeIds.filter((id) => !judges.some((j) => j.id === id));
    if (bad.length) {
      throw DomainError.unprocessable(`not judges: ${bad.join(', ')}`, bad.map((id) => ({ field: 'judgeIds', message: `${id} is not a judge` })));
    }
    await this.prisma.roundJudge.createMany({
      data: judges.map((j) => ({ roundId, judgeId: j.id, name: j.name, email: j.email, locale: j.locale, affiliation: j.affiliation })),
      skipDuplicates: true,
    });
    return this.listJudges(actor, roundId);
  }

  async listJudges(actor: Actor, roundId: string) {
    await this.managed(actor, roundId);
    const items = await this.prisma.roundJudge.findMany({ where: { roundId }, orderBy: { name: 'asc' } });
    return { items };
  }

  // Organisers declare for anyone; a judge declares for itself. A conflict
  // found after assignment removes that assignment and any score with it.
  async declareConflict(actor: Actor, roundId: string, dto: DeclareConflictDto) {
    const round = await this.prisma.round.findUnique({ where: { id: roundId } });
    if (!round) throw DomainError.notFound('round', roundId);
    const organiser = await this.competitions.assertCanManage(actor, round.competitionId).then(() => true, () => false);
    if (!organiser) {
      const inPool = await this.prisma.roundJudge.count({ where: { roundId, judgeId: actor.id } });
      if (!inPool) throw DomainError.notFound('round', roundId);
      if (dto.judgeId !== actor.id) throw DomainError.forbidden('a judge may declare conflicts only for itself');
    }
    if (!(await this.prisma.roundJudge.count({ where: { roundId, judgeId: dto.judgeId } }))) {
      throw DomainError.unprocessable('judge is not in this round', [{ field: 'judgeId', message: 'not in the round' }]);
    }
    return this.prisma.$transaction(async (tx) => {
      const conflict = await tx.conflict.create({
        data: { roundId, judgeId: dto.judgeId, projectId: dto.projectId, reason: dto.reason, declaredById: actor.id },
      });
      const removed = await this.removePair(tx, roundId, dto.judgeId, dto.projectId);
      return { conflict, removedAssignment: removed.assignment, removedScore: removed.score };
    }).catch((e) => {
      if (isUniqueViolation(e)) throw DomainError.conflict('this conflict is already declared');
      throw e;
    });
  }

  async autoAssign(actor: Actor, roundId: string, dto: AutoAssignDto) {
    const round = await this.managed(actor, roundId);
    if (round.status === 'CLOSED') throw DomainError.conflict('round is CLOSED');
    if (await this.prisma.score.count({ where: { roundId } })) {
      throw DomainError.conflict('judges have started scoring this round; change single assignments instead');
    }
    const [projects, judges, declared] = await Promise.all([
      this.registration.eligibleProjects(round.heatId),
      this.prisma.roundJudge.findMany({ where: { roundId } }),
      this.prisma.conflict.findMany({ where: { roundId } }),
    ]);
    const conflicts = new Set(declared.map((c) => conflictKey(c.judgeId, c.projectId)));
    for (const j of judges) for (const p of projects) if (sameUnit(j.affiliation, p.organisationName)) conflicts.add(conflictKey(j.judgeId, p.id));
    const result = assignJudges({ projectIds: projects.map((p) => p.id), judgeIds: judges.map((j) => j.judgeId), judgesPerProject: dto.judgesPerProject, conflicts });
    if (!result.ok) throw DomainError.unprocessable(`Impossible assignment: ${result.reason}`, [{ field: 'judgesPerProject', message: result.reason }]);
    await this.prisma.$transaction(async (tx) => {
      await tx.assignment.deleteMany({ where: { roundId } });
      await tx.assignment.createMany({ data: result.assignments.map((a) => ({ roundId, ...a })) });
      await tx.roundProject.createMany({
        data: projects.map((p) => ({ roundId, projectId: p.id, title: p.title, organisationName: p.organisationName })),
        skipDuplicates: true,
      });
      await appendEvent(tx, 'judging.judges-assigned', roundId, {
        roundId,
        roundName: round.name,
        heatName: round.heatName,
        closesAt: round.closesAt?.toISOString() ?? null,
        judges: judges
          .filter((j) => result.loads[j.judgeId] > 0)
          .map((j) => ({ judge: { userId: j.judgeId, email: j.email, name: j.name, locale: j.locale }, projectCount: result.loads[j.judgeId] })),
      });
    });
    return { assignments: result.assignments.length, loads: result.loads };
  }

  async addAssignment(actor: Actor, roundId: string, judgeId: string, projectId: string) {
    const round = await this.managed(actor, roundId);
    if (round.status === 'CLOSED') throw DomainError.conflict('round is CLOSED');
    const judge = await this.prisma.roundJudge.findUnique({ where: { roundId_judgeId: { roundId, judgeId } } });
    if (!judge) throw DomainError.unprocessable('judge is not in this round', [{ field: 'judgeId', message: 'not in the round' }]);
    const project = (await this.registration.eligibleProjects(round.heatId)).find((p) => p.id === projectId);
    if (!project) throw DomainError.unprocessable('not an ELIGIBLE project of this heat', [{ field: 'projectId', message: 'not eligible here' }]);
    const declared = await this.prisma.conflict.count({ where: { roundId, judgeId, projectId } });
    if (declared || sameUnit(judge.affiliation, project.organisationName)) throw DomainError.conflict('the judge has a conflict with this project');
    await this.prisma.$transaction(async (tx) => {
      await tx.assignment.create({ data: { roundId, judgeId, projectId } });
      await tx.roundProject.createMany({ data: [{ roundId, projectId, title: project.title, organisationName: project.organisationName }], skipDuplicates: true });
      await appendEvent(tx, 'judging.judges-assigned', roundId, {
        roundId,
        roundName: round.name,
        heatName: round.heatName,
        closesAt: round.closesAt?.toISOString() ?? null,
        judges: [{ judge: { userId: judge.judgeId, email: judge.email, name: judge.name, locale: judge.locale }, projectCount: 1 }],
      });
    }).catch((e) => {
      if (isUniqueViolation(e)) throw DomainError.conflict('already assigned');
      throw e;
    });
    return { roundId, judgeId, projectId };
  }

  async removeAssignment(actor: Actor, roundId: string, judgeId: string, projectId: string) {
    const round = await this.managed(actor, roundId);
    if (round.status === 'CLOSED') throw DomainError.conflict('round is CLOSED');
    const removed = await this.prisma.$transaction((tx) => this.removePair(tx, roundId, judgeId, projectId));
    if (!removed.assignment) throw DomainError.notFound('assignment');
    return removed;
  }

  async listAssignments(actor: Actor, roundId: string) {
    await this.managed(actor, roundId);
    const items = await this.prisma.$queryRaw`
      SELECT a.judge_id AS "judgeId", j.name AS "judgeName", a.project_id AS "projectId", rp.title,
             COALESCE(s.status::text, 'NOT_STARTED') AS "scoreStatus"
        FROM assignments a
        JOIN round_judges j ON j.round_id = a.round_id AND j.judge_id = a.judge_id
        JOIN round_projects rp ON rp.round_id = a.round_id AND rp.project_id = a.project_id
        LEFT JOIN scores s ON s.round_id = a.round_id AND s.judge_id = a.judge_id AND s.project_id = a.project_id
       WHERE a.round_id = ${roundId}::uuid
       ORDER BY j.name, rp.title`;
    return { items };
  }

  async progress(actor: Actor, roundId: string) {
    await this.managed(actor, roundId);
    const [assignments, submitted, missing] = await Promise.all([
      this.prisma.assignment.count({ where: { roundId } }),
      this.prisma.score.count({ where: { roundId, status: 'SUBMITTED' } }),
      missingScores(this.prisma, roundId),
    ]);
    return { assignments, submitted, missing: missing.map((m) => ({ judgeId: m.judge.userId, projectIds: m.projectIds })) };
  }

  async remind(actor: Actor, roundId: string) {
    const round = await this.managed(actor, roundId);
    if (round.status !== 'OPEN') throw DomainError.conflict(`round is ${round.status}; reminders are for OPEN rounds`);
    const judges = await this.prisma.$transaction((tx) => requestReminder(tx, round, round.heatName));
    return { remindedJudges: judges };
  }

  private async removePair(tx: Tx, roundId: string, judgeId: string, projectId: string) {
    await lockRoundShared(tx, roundId);
    const assignment = await tx.assignment.deleteMany({ where: { roundId, judgeId, projectId } });
    const score = await tx.score.deleteMany({ where: { roundId, judgeId, projectId } });
    if (score.count) {
      const seq = await nextChangeSeq(tx);
      await appendEvent(tx, 'judging.scores-changed', roundId, { roundId, seq: seq.toString(), change: 'REMOVED', judgeId, projectId });
    }
    return { assignment: assignment.count > 0, score: score.count > 0 };
  }
}
