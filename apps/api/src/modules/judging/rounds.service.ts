import { Injectable } from '@nestjs/common';
import {
  Actor,
  DomainError,
  Criterion,
  RoundLifecycle,
  assertClosable,
  assertRoundEditable,
  changedFields,
  assertSameScale,
  assignJudges,
  conflictHoldsIn,
  reportedTotal,
  conflictKey,
  structuralConflict,
} from '@app/domain';
import {
  Prisma,
  PrismaService,
  appendAudit,
  appendEvent,
  lockRoundExclusive,
  closeRound,
  isUniqueViolation,
  lockRoundShared,
  missingScores,
  nextChange,
  requestReminder,
  Tx,
} from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { IdentityService } from '../identity/identity.service';
import { RegistrationService } from '../registration/registration.service';
import {
  AutoAssignDto,
  CloseRoundDto,
  CreateRoundDto,
  DeclareConflictDto,
  UpdateRoundDto,
} from './dto/judging.dto';

type RoundRow = Prisma.RoundGetPayload<object>;
type DraftRow = { judgeId: string; projectId: string; judgeName: string; projectTitle: string };

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
    await this.competitions.assertCanManage(actor, heat.competitionId, {
      resource: 'heat',
      id: heatId,
    });
    const rubric = await this.competitions.getRubric(heat.competitionId, dto.rubricId);
    if (dto.opensAt && dto.closesAt && new Date(dto.closesAt) <= new Date(dto.opensAt)) {
      throw DomainError.of(
        'DATES_OUT_OF_ORDER',
        { start: 'opensAt', end: 'closesAt' },
        'closesAt must be after opensAt',
        [
          {
            field: 'closesAt',
            code: 'FIELD_MUST_BE_AFTER',
            message: 'must be after opensAt',
            params: { other: 'opensAt' },
          },
        ],
      );
    }
    assertSameScale(
      dto.method,
      await this.prisma.round.findMany({
        where: { heatId },
        select: { name: true, method: true },
      }),
    );
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
        blind: dto.blind ?? false,
        peerScoresVisible: dto.peerScoresVisible ?? false,
      },
    });
  }

  async listForHeat(actor: Actor, heatId: string) {
    const heat = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, heat.competitionId, {
      resource: 'heat',
      id: heatId,
    });
    return this.prisma.round.findMany({ where: { heatId }, orderBy: { createdAt: 'asc' } });
  }

  // The round, if the caller organises its competition; 404 otherwise.
  async managed(actor: Actor, roundId: string): Promise<RoundRow> {
    const round = await this.prisma.round.findUnique({ where: { id: roundId } });
    if (!round) throw DomainError.notFound('round', roundId);
    await this.competitions.assertCanManage(actor, round.competitionId, {
      resource: 'round',
      id: roundId,
    });
    return round;
  }

  async open(actor: Actor, roundId: string) {
    const round = await this.managed(actor, roundId);
    const next = RoundLifecycle.open(round.status);
    const updated = await this.prisma.round.updateManyAndReturn({
      where: { id: roundId, status: 'DRAFT' },
      data: { status: next, openedAt: new Date() },
    });
    if (updated.length !== 1)
      throw DomainError.of(
        'CHANGED_MEANWHILE',
        { resource: 'round' },
        'the round changed meanwhile; reload it',
      );
    return updated[0];
  }

  // Unsubmitted drafts block the close (409 listing them) unless the organiser
  // forces it with a reason, which is audited; the drafts stay drafts either
  // way and never count in the ranking. Checked under the round's exclusive
  // lock, so no score changes between the check and the close.
  async close(actor: Actor, roundId: string, dto: CloseRoundDto = {}) {
    const round = await this.managed(actor, roundId);
    RoundLifecycle.close(round.status);
    const closed = await this.prisma.$transaction(async (tx) => {
      await lockRoundExclusive(tx, roundId);
      // Named as the organiser knows them: the refusal lists judges and projects.
      const drafts = await tx.$queryRaw<DraftRow[]>`
        SELECT s.judge_id AS "judgeId", s.project_id AS "projectId",
               COALESCE(j.name, '') AS "judgeName", COALESCE(rp.title, '') AS "projectTitle"
          FROM scores s
          LEFT JOIN round_judges j ON j.round_id = s.round_id AND j.judge_id = s.judge_id
          LEFT JOIN round_projects rp ON rp.round_id = s.round_id AND rp.project_id = s.project_id
         WHERE s.round_id = ${roundId}::uuid AND s.status = 'DRAFT'
         ORDER BY s.judge_id, s.project_id`;
      assertClosable(drafts, dto);
      if (!(await closeRound(tx, roundId))) return false;
      if (drafts.length)
        await appendAudit(tx, {
          competitionId: round.competitionId,
          actorId: actor.id,
          action: 'round.force-closed',
          entityType: 'round',
          entityId: roundId,
          reason: dto.reason!.trim(),
          data: { drafts },
        });
      return true;
    });
    if (!closed)
      throw DomainError.of(
        'CHANGED_MEANWHILE',
        { resource: 'round' },
        'the round changed meanwhile; reload it',
      );
    return this.prisma.round.findUniqueOrThrow({ where: { id: roundId } });
  }

  // PATCH /rounds/:id: only a DRAFT round's rules and times change (409
  // otherwise: judges may have scored under them); its name always may.
  // Every change is audited old → new.
  async update(actor: Actor, roundId: string, dto: UpdateRoundDto) {
    const round = await this.managed(actor, roundId);
    const { rubricId, opensAt, closesAt, ...rest } = dto;
    const patch: Record<string, unknown> = {
      ...rest,
      opensAt: opensAt === undefined ? undefined : new Date(opensAt),
      closesAt: closesAt === undefined ? undefined : new Date(closesAt),
      rubricId,
    };
    const changes = changedFields(round as unknown as Record<string, unknown>, patch);
    if (changes.some((c) => c.field !== 'name')) assertRoundEditable(round.status);
    const nextOpens = (patch.opensAt as Date | undefined) ?? round.opensAt;
    const nextCloses = (patch.closesAt as Date | undefined) ?? round.closesAt;
    if (nextOpens && nextCloses && nextCloses <= nextOpens)
      throw DomainError.of(
        'DATES_OUT_OF_ORDER',
        { start: 'opensAt', end: 'closesAt' },
        'closesAt must be after opensAt',
        [
          {
            field: 'closesAt',
            code: 'FIELD_MUST_BE_AFTER',
            message: 'must be after opensAt',
            params: { other: 'opensAt' },
          },
        ],
      );
    if (dto.method && dto.method !== round.method)
      assertSameScale(
        dto.method,
        await this.prisma.round.findMany({
          where: { heatId: round.heatId, id: { not: roundId } },
          select: { name: true, method: true },
        }),
      );
    const rubric =
      rubricId && rubricId !== round.rubricId
        ? await this.competitions.getRubric(round.competitionId, rubricId)
        : null;
    return this.prisma.$transaction(async (tx) => {
      const updated = await tx.round.updateManyAndReturn({
        where: { id: roundId, status: round.status },
        data: {
          ...(patch as Prisma.RoundUpdateManyMutationInput),
          ...(rubric && { criteria: rubric.criteria as unknown as Prisma.InputJsonValue }),
        },
      });
      if (updated.length !== 1)
        throw DomainError.of(
          'CHANGED_MEANWHILE',
          { resource: 'round' },
          'the round changed meanwhile; reload it',
        );
      if (changes.length)
        await appendAudit(tx, {
          competitionId: round.competitionId,
          actorId: actor.id,
          action: 'round.edited',
          entityType: 'round',
          entityId: roundId,
          data: { changes: changes as unknown as Prisma.InputJsonValue },
        });
      return updated[0];
    });
  }

  // Whether a heat's judging has reached a project: a round of the heat is
  // opened, or the project is assigned in one. Names the round, or null.
  async judgingStartedFor(heatId: string, projectId: string): Promise<string | null> {
    const rounds = await this.prisma.round.findMany({
      where: { heatId },
      select: { id: true, name: true, status: true },
    });
    const opened = rounds.find((r) => r.status !== 'DRAFT');
    if (opened) return `${opened.name}: ${opened.status}`;
    const assigned = await this.prisma.assignment.findFirst({
      where: { projectId, roundId: { in: rounds.map((r) => r.id) } },
    });
    return assigned ? `${rounds.find((r) => r.id === assigned.roundId)!.name}: assigned` : null;
  }

  // For the heat's PATCH: rounds keep a copy of the heat's name for mails.
  renameHeat(tx: Tx, heatId: string, name: string) {
    return tx.round.updateMany({ where: { heatId }, data: { heatName: name } });
  }

  // Rounds using a rubric that have opened (scores were given against it).
  openedRoundsUsing(tx: Tx, rubricId: string) {
    return tx.round.findMany({
      where: { rubricId, status: { not: 'DRAFT' } },
      select: { name: true, status: true },
    });
  }

  // DRAFT rounds using an edited rubric take its new criteria.
  async followRubric(tx: Tx, rubricId: string, criteria: Criterion[]): Promise<number> {
    const r = await tx.round.updateMany({
      where: { rubricId, status: 'DRAFT' },
      data: { criteria: criteria as unknown as Prisma.InputJsonValue },
    });
    return r.count;
  }

  // Conflicts declared for this round or any earlier round of its competition
  // (libs/domain conflictHoldsIn), as judge:project keys.
  async declaredConflicts(round: RoundRow): Promise<Set<string>> {
    const rounds = await this.prisma.round.findMany({
      where: { competitionId: round.competitionId },
      select: { id: true, competitionId: true, createdAt: true },
    });
    const holding = rounds.filter((r) => conflictHoldsIn(r, round)).map((r) => r.id);
    const declared = await this.prisma.conflict.findMany({
      where: { roundId: { in: holding } },
      select: { judgeId: true, projectId: true },
    });
    return new Set(declared.map((c) => conflictKey(c.judgeId, c.projectId)));
  }

  async addJudges(actor: Actor, roundId: string, judgeIds: string[]) {
    const round = await this.managed(actor, roundId);
    if (round.status === 'CLOSED') throw DomainError.of('ROUND_CLOSED', 'round is CLOSED');
    const users = await this.identity.findUsers([...new Set(judgeIds)]);
    const judges = users.filter((u) => u.roles.includes('JUDGE'));
    const bad = judgeIds.filter((id) => !judges.some((j) => j.id === id));
    if (bad.length) {
      throw DomainError.of(
        'NOT_JUDGES',
        { count: bad.length },
        `not judges: ${bad.join(', ')}`,
        bad.map((id) => ({
          field: 'judgeIds',
          code: 'NOT_JUDGES' as const,
          message: `${id} is not a judge`,
          params: { count: 1 },
        })),
      );
    }
    await this.prisma.$transaction(async (tx) => {
      await this.assertChangeable(tx, roundId);
      await tx.roundJudge.createMany({
        data: judges.map((j) => ({
          roundId,
          judgeId: j.id,
          name: j.name,
          email: j.email,
          locale: j.locale,
          affiliation: j.affiliation,
        })),
        skipDuplicates: true,
      });
    });
    return this.listJudges(actor, roundId);
  }

  // Who judges in these competitions' rounds: what an organiser may see of users.
  async judgeIdsInCompetitions(competitionIds: string[]): Promise<string[]> {
    if (!competitionIds.length) return [];
    const rows = await this.prisma.$queryRaw<{ judge_id: string }[]>`
      SELECT DISTINCT j.judge_id FROM round_judges j JOIN rounds r ON r.id = j.round_id
       WHERE r.competition_id = ANY(${competitionIds}::uuid[])`;
    return rows.map((r) => r.judge_id);
  }

  async listJudges(actor: Actor, roundId: string) {
    await this.managed(actor, roundId);
    const items = await this.prisma.roundJudge.findMany({
      where: { roundId },
      orderBy: { name: 'asc' },
    });
    return { items };
  }

  // Organisers declare for anyone; a judge declares for itself. A conflict
  // found after assignment removes that assignment and any score with it.
  async declareConflict(actor: Actor, roundId: string, dto: DeclareConflictDto) {
    const round = await this.prisma.round.findUnique({ where: { id: roundId } });
    if (!round) throw DomainError.notFound('round', roundId);
    const organiser = await this.competitions.assertCanManage(actor, round.competitionId).then(
      () => true,
      (e: unknown) => {
        if (DomainError.isNotFound(e)) return false;
        throw e;
      },
    );
    if (!organiser) {
      const inPool = await this.prisma.roundJudge.count({ where: { roundId, judgeId: actor.id } });
      if (!inPool) throw DomainError.notFound('round', roundId);
      if (dto.judgeId !== actor.id)
        throw DomainError.of('CONFLICT_ONLY_SELF', 'a judge may declare conflicts only for itself');
    }
    if (!(await this.prisma.roundJudge.count({ where: { roundId, judgeId: dto.judgeId } }))) {
      throw DomainError.of('JUDGE_NOT_IN_ROUND', 'judge is not in this round', [
        { field: 'judgeId', code: 'JUDGE_NOT_IN_ROUND', message: 'not in the round' },
      ]);
    }
    if (round.status === 'CLOSED') RoundLifecycle.assertChangeable(round.status);
    return this.prisma
      .$transaction(async (tx) => {
        await this.assertChangeable(tx, roundId);
        const conflict = await tx.conflict.create({
          data: {
            roundId,
            judgeId: dto.judgeId,
            projectId: dto.projectId,
            reason: dto.reason,
            declaredById: actor.id,
          },
        });
        const removed = await this.removePair(tx, round, dto.judgeId, dto.projectId, {
          actorId: actor.id,
          action: 'score.removed-by-conflict',
          reason: dto.reason,
        });
        // The conflict holds in every later round of the competition too.
        const later = await tx.round.findMany({
          where: {
            competitionId: round.competitionId,
            id: { not: roundId },
            status: { not: 'CLOSED' },
          },
          select: { id: true, competitionId: true, createdAt: true },
        });
        for (const r of later.filter((r) => conflictHoldsIn(round, r)))
          await this.removePair(tx, r, dto.judgeId, dto.projectId, {
            actorId: actor.id,
            action: 'score.removed-by-conflict',
            reason: dto.reason,
          });
        return { conflict, removedAssignment: removed.assignment, removedScore: removed.score };
      })
      .catch((e) => {
        if (isUniqueViolation(e))
          throw DomainError.of('CONFLICT_ALREADY_DECLARED', 'this conflict is already declared');
        throw e;
      });
  }

  async autoAssign(actor: Actor, roundId: string, dto: AutoAssignDto) {
    const round = await this.managed(actor, roundId);
    if (round.status === 'CLOSED') throw DomainError.of('ROUND_CLOSED', 'round is CLOSED');
    if (await this.prisma.score.count({ where: { roundId } })) {
      throw DomainError.of(
        'SCORING_STARTED',
        'judges have started scoring this round; change single assignments instead',
      );
    }
    const [projects, judges, conflicts] = await Promise.all([
      this.conflictProfiles(round.heatId),
      this.prisma.roundJudge.findMany({ where: { roundId } }),
      this.declaredConflicts(round),
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
      await this.assertChangeable(tx, roundId);
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
      await appendEvent(tx, 'judging.judges-assigned', roundId, {
        competitionId: round.competitionId,
        roundId,
        roundName: round.name,
        heatName: round.heatName,
        closesAt: round.closesAt?.toISOString() ?? null,
        timeZone,
        judges: judges
          .filter((j) => result.loads[j.judgeId] > 0)
          .map((j) => ({
            judge: { userId: j.judgeId, email: j.email, name: j.name, locale: j.locale },
            projectCount: result.loads[j.judgeId],
          })),
      });
    });
    return { assignments: result.assignments.length, loads: result.loads };
  }

  async addAssignment(actor: Actor, roundId: string, judgeId: string, projectId: string) {
    const round = await this.managed(actor, roundId);
    if (round.status === 'CLOSED') throw DomainError.of('ROUND_CLOSED', 'round is CLOSED');
    const judge = await this.prisma.roundJudge.findUnique({
      where: { roundId_judgeId: { roundId, judgeId } },
    });
    if (!judge)
      throw DomainError.of('JUDGE_NOT_IN_ROUND', 'judge is not in this round', [
        { field: 'judgeId', code: 'JUDGE_NOT_IN_ROUND', message: 'not in the round' },
      ]);
    const project = (await this.conflictProfiles(round.heatId)).find((p) => p.id === projectId);
    if (!project)
      throw DomainError.of('PROJECT_NOT_ELIGIBLE_IN_HEAT', 'not an ELIGIBLE project of this heat', [
        { field: 'projectId', code: 'PROJECT_NOT_ELIGIBLE_IN_HEAT', message: 'not eligible here' },
      ]);
    const declared = (await this.declaredConflicts(round)).has(conflictKey(judgeId, projectId));
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
        await this.assertChangeable(tx, roundId);
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
        await appendEvent(tx, 'judging.judges-assigned', roundId, {
          competitionId: round.competitionId,
          roundId,
          roundName: round.name,
          heatName: round.heatName,
          closesAt: round.closesAt?.toISOString() ?? null,
          timeZone,
          judges: [
            {
              judge: {
                userId: judge.judgeId,
                email: judge.email,
                name: judge.name,
                locale: judge.locale,
              },
              projectCount: 1,
            },
          ],
        });
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
    const round = await this.managed(actor, roundId);
    if (round.status === 'CLOSED') throw DomainError.of('ROUND_CLOSED', 'round is CLOSED');
    const removed = await this.prisma.$transaction(async (tx) => {
      await this.assertChangeable(tx, roundId);
      return this.removePair(tx, round, judgeId, projectId, {
        actorId: actor.id,
        action: 'score.removed-with-assignment',
        reason: null,
      });
    });
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
    return {
      assignments,
      submitted,
      missing: missing.map((m) => ({ judgeId: m.judge.userId, projectIds: m.projectIds })),
    };
  }

  async remind(actor: Actor, roundId: string) {
    const round = await this.managed(actor, roundId);
    if (round.status !== 'OPEN')
      throw DomainError.of(
        'ROUND_NOT_OPEN',
        { status: round.status },
        `round is ${round.status}; reminders are for OPEN rounds`,
      );
    const timeZone = await this.competitions.timeZoneOf(round.competitionId);
    const judges = await this.prisma.$transaction((tx) =>
      requestReminder(tx, round, round.heatName, timeZone),
    );
    return { remindedJudges: judges };
  }

  // Takes the round's shared lock and reads its status under it, so a close
  // (which holds the lock exclusively) cannot slip between check and change.
  private async assertChangeable(tx: Tx, roundId: string): Promise<void> {
    await lockRoundShared(tx, roundId);
    const { status } = await tx.round.findUniqueOrThrow({
      where: { id: roundId },
      select: { status: true },
    });
    RoundLifecycle.assertChangeable(status);
  }

  // The eligible projects of a heat with what the structural conflict rules
  // need: organisation, owner and the team's emails.
  private async conflictProfiles(heatId: string) {
    const projects = await this.registration.eligibleProjects(heatId);
    const owners = await this.identity.findUsers([...new Set(projects.map((p) => p.ownerId))]);
    const emailOf = new Map(owners.map((u) => [u.id, u.email]));
    return projects.map((p) => ({ ...p, ownerEmail: emailOf.get(p.ownerId) ?? null }));
  }

  // Removes a judge–project pair with its score. A removed SUBMITTED score is
  // a decision: audited with who, why and the total it took away. The caller
  // has checked, under the round lock, that the round is not CLOSED.
  private async removePair(
    tx: Tx,
    round: { id: string; competitionId: string },
    judgeId: string,
    projectId: string,
    cause: { actorId: string; action: string; reason: string | null },
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
      const { seq, xid } = await nextChange(tx);
      await appendEvent(tx, 'judging.scores-changed', roundId, {
        roundId,
        seq: seq.toString(),
        xid,
        change: 'REMOVED',
        judgeId,
        projectId,
      });
    }
    return { assignment: assignment.count > 0, score: score.count > 0 };
  }
}
