import { Injectable } from '@nestjs/common';
import {
  Actor,
  DomainError,
  Criterion,
  RoundLifecycle,
  assertClosable,
  assertSignedOff,
  assertDoubleMarksDecided,
  DoubleMarkingRule,
  undecidedDoubleMarks,
  assertRoundEditable,
  changedFields,
  assertSameScale,
} from '@app/domain';
import {
  Prisma,
  PrismaService,
  appendAudit,
  lockRoundExclusive,
  closeRound,
  openRound,
  Tx,
} from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { CloseRoundDto, CreateRoundDto, UpdateRoundDto } from './dto/judging.dto';
import { RoundRow } from './round-changes';
import { signOffGaps } from './sign-off.store';
import { doubleMarkEntries } from './double-mark.store';

type DraftRow = { judgeId: string; projectId: string; judgeName: string; projectTitle: string };

// A round's lifecycle: create, edit, open and close, and what other contexts
// ask of rounds (heat renames, rubric edits, whether judging has started).
// Its panel is RoundPanelService's, its assignments RoundAssignmentsService's,
// its progress RoundProgressService's.
@Injectable()
export class RoundsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
  ) {}

  // Names of a set of rounds, for pages that name what they list (the audit log).
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.prisma.round.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true },
    });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  // A competition with a round keeps it (the season's record): asked inside
  // the deleting transaction, after the competition row is locked.
  async assertNoRoundIn(tx: Prisma.TransactionClient, competitionId: string) {
    const rounds = await tx.round.count({ where: { competitionId } });
    if (rounds > 0)
      throw DomainError.of(
        'COMPETITION_HAS_ROUNDS',
        { count: rounds },
        `the competition has ${rounds} round(s); it stays`,
      );
  }

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
        materialsViewOnly: dto.materialsViewOnly ?? false,
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

  // The record of a heat's rounds for the evidence pack (docs/verifiable-draws.md):
  // each round as stored (rubric frozen in it, method, draw seed and order) and
  // its timing log (pitch_timer_actions), in the order they were taken.
  async recordOf(heatId: string) {
    const rounds = await this.prisma.round.findMany({
      where: { heatId },
      orderBy: { createdAt: 'asc' },
    });
    const actions = await this.prisma.pitchTimerAction.findMany({
      where: { roundId: { in: rounds.map((r) => r.id) } },
      orderBy: { id: 'asc' },
    });
    return rounds.map((round) => ({
      round,
      timing: actions
        .filter((a) => a.roundId === round.id)
        .map((a) => ({
          id: Number(a.id),
          projectId: a.projectId,
          kind: a.kind,
          minutes: a.minutes,
          at: a.at.toISOString(),
          actorId: a.actorId,
        })),
    }));
  }

  // The round, for a caller already authorised (a judge reading their own sheet).
  async byId(roundId: string): Promise<RoundRow> {
    const round = await this.prisma.round.findUnique({ where: { id: roundId } });
    if (!round) throw DomainError.notFound('round', roundId);
    return round;
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

  // Opening mails each judge with projects once, with the link to their list.
  async open(actor: Actor, roundId: string) {
    const round = await this.managed(actor, roundId);
    RoundLifecycle.open(round.status);
    const timeZone = await this.competitions.timeZoneOf(round.competitionId);
    if (!(await this.prisma.$transaction((tx) => openRound(tx, roundId, timeZone))))
      throw DomainError.of(
        'CHANGED_MEANWHILE',
        { resource: 'round' },
        'the round changed meanwhile; reload it',
      );
    return this.prisma.round.findUniqueOrThrow({ where: { id: roundId } });
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
      // 签字确认: a roadshow round that requires it closes once every judge
      // signed their sheet and every objection is decided, or by force.
      const settings = await tx.roundRoadshowSettings.findUnique({
        where: { roundId },
        select: { signOffRequired: true },
      });
      const gaps =
        round.kind === 'ROADSHOW' && settings?.signOffRequired
          ? await signOffGaps(tx, roundId)
          : { unsignedJudges: [], pendingObjections: [] };
      const forcedPastSignOff = assertSignedOff(gaps, dto);
      // 2+1: a project awaiting its third mark or the chief expert's arbitration
      // would end the round with a provisional score in its final ranking.
      const rule = round.doubleMarking as DoubleMarkingRule | null;
      const entries = rule ? await doubleMarkEntries(tx, roundId) : [];
      const undecided = rule ? undecidedDoubleMarks(entries, rule) : [];
      const titleOf = new Map(entries.map((e) => [e.projectId, e.title]));
      const undecidedTitles = undecided.map((id) => titleOf.get(id) ?? id);
      const forcedPastDoubleMarks = assertDoubleMarksDecided(undecidedTitles, dto);
      if (!(await closeRound(tx, roundId))) return false;
      if (drafts.length || forcedPastSignOff || forcedPastDoubleMarks)
        await appendAudit(tx, {
          competitionId: round.competitionId,
          actorId: actor.id,
          action: 'round.force-closed',
          entityType: 'round',
          entityId: roundId,
          reason: dto.reason!.trim(),
          data: {
            drafts,
            ...(forcedPastSignOff && {
              unsignedJudges: gaps.unsignedJudges,
              pendingObjections: gaps.pendingObjections,
            }),
            ...(forcedPastDoubleMarks && { undecidedDoubleMarks: undecided }),
          },
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
    // The name, and forbidding or allowing downloads of the materials, may
    // change while the round runs; everything else only in a DRAFT.
    if (changes.some((c) => c.field !== 'name' && c.field !== 'materialsViewOnly'))
      assertRoundEditable(round.status);
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
  // The round of the heat that has started judging (opened, or assigned the project), or null.
  async judgingStartedFor(
    heatId: string,
    projectId: string,
  ): Promise<{ roundName: string; why: 'OPEN' | 'CLOSED' | 'ASSIGNED' } | null> {
    const rounds = await this.prisma.round.findMany({
      where: { heatId },
      select: { id: true, name: true, status: true },
    });
    const opened = rounds.find((r) => r.status !== 'DRAFT');
    if (opened) return { roundName: opened.name, why: opened.status as 'OPEN' | 'CLOSED' };
    const assigned = await this.prisma.assignment.findFirst({
      where: { projectId, roundId: { in: rounds.map((r) => r.id) } },
    });
    return assigned
      ? { roundName: rounds.find((r) => r.id === assigned.roundId)!.name, why: 'ASSIGNED' }
      : null;
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

  // Who judges in these competitions' rounds: what an organiser may see of users.
  async judgeIdsInCompetitions(competitionIds: string[]): Promise<string[]> {
    if (!competitionIds.length) return [];
    const rows = await this.prisma.$queryRaw<{ judge_id: string }[]>`
      SELECT DISTINCT j.judge_id FROM round_judges j JOIN rounds r ON r.id = j.round_id
       WHERE r.competition_id = ANY(${competitionIds}::uuid[])`;
    return rows.map((r) => r.judge_id);
  }
}
