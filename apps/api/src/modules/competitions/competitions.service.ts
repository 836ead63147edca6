import { Injectable } from '@nestjs/common';
import {
  Actor,
  Criterion,
  DEFAULT_TIME_ZONE,
  DomainError,
  ResourceName,
  fieldProblem,
  rubricRefusal,
  canonicalTimeZone,
  hasRole,
  validateRubric,
} from '@app/domain';
import { Prisma, PrismaService, appendAudit } from '@app/database';
import { CreateCompetitionDto, CreateHeatDto, CreateRubricDto } from './dto/competition.dto';

export interface RegistrationContext {
  id: string;
  name: string;
  opensAt: Date;
  closesAt: Date;
  timeZone: string;
  trackCodes: string[];
}

const competitionInclude = {
  tracks: { select: { code: true, name: true }, orderBy: { code: 'asc' } },
  stages: { select: { code: true, name: true, order: true }, orderBy: { order: 'asc' } },
} as const;

@Injectable()
export class CompetitionsService {
  constructor(private readonly prisma: PrismaService) {}

  async create(actor: Actor, dto: CreateCompetitionDto) {
    const opensAt = new Date(dto.registrationOpensAt);
    const closesAt = new Date(dto.registrationClosesAt);
    if (closesAt <= opensAt) {
      throw DomainError.of(
        'DATES_OUT_OF_ORDER',
        { start: 'registrationOpensAt', end: 'registrationClosesAt' },
        'registrationClosesAt must be after registrationOpensAt',
        [
          fieldProblem(
            'registrationClosesAt',
            'FIELD_MUST_BE_AFTER',
            'must be after registrationOpensAt',
            { other: 'registrationOpensAt' },
          ),
        ],
      );
    }
    this.assertUnique(
      dto.tracks.map((t) => t.code),
      'tracks',
    );
    this.assertUnique(
      dto.stages.map((s) => s.code),
      'stages',
    );
    this.assertUnique(
      dto.stages.map((s) => String(s.order)),
      'stages',
      'order',
    );
    return this.prisma.competition.create({
      data: {
        name: dto.name,
        registrationOpensAt: opensAt,
        registrationClosesAt: closesAt,
        timeZone: canonicalTimeZone(dto.timeZone ?? DEFAULT_TIME_ZONE) ?? DEFAULT_TIME_ZONE,
        createdById: actor.id,
        organisers: { create: [{ userId: actor.id }] },
        tracks: { create: dto.tracks },
        stages: { create: dto.stages },
      },
      include: competitionInclude,
    });
  }

  // Competitions are public calls for projects: every signed-in user may list them.
  list() {
    return this.prisma.competition.findMany({
      include: competitionInclude,
      orderBy: { createdAt: 'desc' },
    });
  }

  // Names of a set of competitions, for pages that name what they list (the audit log).
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.prisma.competition.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true },
    });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  // Names of a set of heats (the audit log).
  async heatNamesOf(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.prisma.heat.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true },
    });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async get(id: string) {
    const competition = await this.prisma.competition.findUnique({
      where: { id },
      include: competitionInclude,
    });
    if (!competition) throw DomainError.notFound('competition', id);
    return competition;
  }

  /**
   * Deletes a competition created by mistake: its tracks, stages, heats,
   * rubrics and organisers go with it (foreign keys cascade). What may keep it
   * (a project, a round: those carry the season's record) lives in the
   * contexts that own them, so the caller passes `assertNothingDepends`, run
   * inside the transaction after the row is locked: a registration or a round
   * cannot slip in between the check and the delete. The audit entry stays.
   */
  async delete(
    actor: Actor,
    competitionId: string,
    assertNothingDepends: (tx: Prisma.TransactionClient, competitionId: string) => Promise<void>,
  ): Promise<{ id: string; name: string }> {
    await this.assertCanManage(actor, competitionId);
    return this.prisma.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ name: string }[]>`
        SELECT name FROM competitions WHERE id = ${competitionId}::uuid FOR UPDATE`;
      if (!row) throw DomainError.notFound('competition', competitionId);
      await assertNothingDepends(tx, competitionId);
      await tx.competition.delete({ where: { id: competitionId } });
      await appendAudit(tx, {
        competitionId,
        actorId: actor.id,
        action: 'competition.deleted',
        entityType: 'competition',
        entityId: competitionId,
        reason: null,
        data: { name: row.name },
      });
      return { id: competitionId, name: row.name };
    });
  }

  // The zone human-facing times of this competition are shown in.
  async timeZoneOf(competitionId: string): Promise<string> {
    const c = await this.prisma.competition.findUnique({
      where: { id: competitionId },
      select: { timeZone: true },
    });
    if (!c) throw DomainError.notFound('competition', competitionId);
    return c.timeZone;
  }

  // The one access rule: organisers manage only the competitions they
  // organise; to anyone else the object does not exist (404 naming `as`, the
  // object asked for: a heat, a round… of that competition). Only a refusal is
  // a 404: any other failure (the database unreachable) passes through as it is.
  async assertCanManage(
    actor: Actor,
    competitionId: string,
    as: { resource: ResourceName; id: string } = { resource: 'competition', id: competitionId },
  ): Promise<void> {
    if (hasRole(actor, 'ADMIN')) {
      if (!(await this.prisma.competition.count({ where: { id: competitionId } }))) {
        throw DomainError.notFound(as.resource, as.id);
      }
      return;
    }
    const membership = hasRole(actor, 'ORGANISER')
      ? await this.prisma.competitionOrganiser.findUnique({
          where: { competitionId_userId: { competitionId, userId: actor.id } },
        })
      : null;
    if (!membership) throw DomainError.notFound(as.resource, as.id);
  }

  async managedCompetitionIds(actor: Actor): Promise<string[] | 'all'> {
    if (hasRole(actor, 'ADMIN')) return 'all';
    if (!hasRole(actor, 'ORGANISER')) return [];
    const rows = await this.prisma.competitionOrganiser.findMany({ where: { userId: actor.id } });
    return rows.map((r) => r.competitionId);
  }

  // Everyone who organises at least one of these competitions.
  async organiserIdsOf(competitionIds: string[]): Promise<string[]> {
    if (!competitionIds.length) return [];
    const rows = await this.prisma.competitionOrganiser.findMany({
      where: { competitionId: { in: competitionIds } },
      select: { userId: true },
      distinct: ['userId'],
    });
    return rows.map((r) => r.userId);
  }

  async createHeat(actor: Actor, competitionId: string, dto: CreateHeatDto) {
    await this.assertCanManage(actor, competitionId);
    const stage = await this.prisma.stage.findUnique({
      where: { competitionId_code: { competitionId, code: dto.stageCode } },
    });
    if (!stage) {
      throw DomainError.of(
        'STAGE_UNKNOWN',
        { stageCode: dto.stageCode },
        `no stage ${dto.stageCode} in this competition`,
        [
          fieldProblem('stageCode', 'FIELD_UNKNOWN_REFERENCE', 'unknown stage code', {
            resource: 'stage',
          }),
        ],
      );
    }
    const { stageCode: _stageCode, startsAt, ...rest } = dto;
    const heat = await this.prisma.heat.create({
      data: {
        ...rest,
        startsAt: startsAt ? new Date(startsAt) : null,
        competitionId,
        stageId: stage.id,
      },
    });
    return this.heatView(heat, stage);
  }

  async listHeats(competitionId: string) {
    await this.get(competitionId);
    const heats = await this.prisma.heat.findMany({
      where: { competitionId },
      include: { stage: true },
      orderBy: [{ stage: { order: 'asc' } }, { createdAt: 'asc' }],
    });
    return heats.map((h) => this.heatView(h, h.stage));
  }

  // The heat a project registers into must exist in its competition and belong to stage 1.
  async findEntryHeat(competitionId: string, heatId: string) {
    const heat = await this.prisma.heat.findFirst({
      where: { id: heatId, competitionId },
      include: { stage: true },
    });
    if (!heat)
      return {
        ok: false as const,
        refusal: DomainError.of('ENTRY_HEAT_INVALID', 'heatId: no such heat in this competition', [
          fieldProblem('heatId', 'FIELD_UNKNOWN_REFERENCE', 'no such heat', { resource: 'heat' }),
        ]),
      };
    const first = await this.prisma.stage.findFirst({
      where: { competitionId },
      orderBy: { order: 'asc' },
    });
    if (heat.stageId !== first?.id) {
      const message = `heat belongs to stage ${heat.stage.code}, not the first stage`;
      const params = { heatName: heat.name, stageName: heat.stage.name };
      return {
        ok: false as const,
        refusal: DomainError.of('ENTRY_HEAT_NOT_FIRST_STAGE', params, `heatId: ${message}`, [
          fieldProblem('heatId', 'ENTRY_HEAT_NOT_FIRST_STAGE', message, params),
        ]),
      };
    }
    return { ok: true as const, heat };
  }

  async getHeat(heatId: string) {
    const heat = await this.prisma.heat.findUnique({
      where: { id: heatId },
      include: { stage: true },
    });
    if (!heat) throw DomainError.notFound('heat', heatId);
    return heat;
  }

  // The heat a heat's projects advance into: a heat of the very next stage,
  // or null when `heat` is in the last stage (then `toHeatId` must be absent).
  async nextStageHeat(
    heat: { name: string; competitionId: string; stage: { order: number } },
    toHeatId?: string,
  ) {
    const next = await this.prisma.stage.findFirst({
      where: { competitionId: heat.competitionId, order: { gt: heat.stage.order } },
      orderBy: { order: 'asc' },
    });
    if (!next) {
      if (toHeatId)
        throw DomainError.of(
          'FINAL_HAS_NO_NEXT_HEAT',
          { heatName: heat.name },
          'this is the final stage: omit toHeatId to mark the awarded projects',
          [fieldProblem('toHeatId', 'FIELD_UNKNOWN', 'not allowed for the final')],
        );
      return null;
    }
    if (!toHeatId)
      throw DomainError.of(
        'NEXT_HEAT_REQUIRED',
        { stageName: next.name },
        `toHeatId is required: a heat of stage ${next.code}`,
        [fieldProblem('toHeatId', 'FIELD_REQUIRED', 'required')],
      );
    const target = await this.prisma.heat.findFirst({
      where: { id: toHeatId, competitionId: heat.competitionId, stageId: next.id },
    });
    if (!target)
      throw DomainError.of(
        'NEXT_HEAT_INVALID',
        { stageName: next.name },
        `toHeatId must be a heat of stage ${next.code} in this competition`,
        [
          fieldProblem('toHeatId', 'FIELD_UNKNOWN_REFERENCE', 'not a heat of the next stage', {
            resource: 'heat',
          }),
        ],
      );
    return target;
  }

  // Whether the heat belongs to the competition's last stage (the final).
  async isFinalStage(heat: { competitionId: string; stage: { order: number } }) {
    const later = await this.prisma.stage.count({
      where: { competitionId: heat.competitionId, order: { gt: heat.stage.order } },
    });
    return later === 0;
  }

  // The earliest-stage heat among these.
  async earliestHeat(heatIds: string[]) {
    const heats = await this.prisma.heat.findMany({
      where: { id: { in: heatIds } },
      include: { stage: true },
    });
    return heats.sort((a, b) => a.stage.order - b.stage.order)[0];
  }

  async getRubric(competitionId: string, rubricId: string) {
    const rubric = await this.prisma.rubric.findFirst({ where: { id: rubricId, competitionId } });
    if (!rubric) {
      throw DomainError.of('RUBRIC_UNKNOWN', 'no such rubric in this competition', [
        fieldProblem('rubricId', 'FIELD_UNKNOWN_REFERENCE', 'unknown rubric', {
          resource: 'rubric',
        }),
      ]);
    }
    return { ...rubric, criteria: rubric.criteria as unknown as Criterion[] };
  }

  async registrationContext(competitionId: string): Promise<RegistrationContext> {
    const c = await this.get(competitionId);
    return {
      id: c.id,
      name: c.name,
      opensAt: c.registrationOpensAt,
      closesAt: c.registrationClosesAt,
      timeZone: c.timeZone,
      trackCodes: c.tracks.map((t) => t.code),
    };
  }

  async createRubric(actor: Actor, competitionId: string, dto: CreateRubricDto) {
    await this.assertCanManage(actor, competitionId);
    const criteria: Criterion[] = dto.criteria.map((c) => ({
      code: c.code,
      name: c.name,
      weight: c.weight,
      maxScore: c.maxScore,
    }));
    const problems = validateRubric(criteria);
    if (problems.length) throw rubricRefusal(problems);
    return this.prisma.rubric.create({
      data: {
        competitionId,
        name: dto.name,
        criteria: criteria as unknown as Prisma.InputJsonValue,
      },
    });
  }

  async listRubrics(actor: Actor, competitionId: string) {
    await this.assertCanManage(actor, competitionId);
    return this.prisma.rubric.findMany({ where: { competitionId }, orderBy: { createdAt: 'asc' } });
  }

  private heatView<H extends { stageId: string }>(heat: H, stage: { code: string; order: number }) {
    const { stage: _stage, ...rest } = heat as H & { stage?: unknown };
    return { ...(rest as H), stageCode: stage.code, stageOrder: stage.order };
  }

  private assertUnique(values: string[], field: string, key = 'code'): void {
    const dupes = values.filter((v, i) => values.indexOf(v) !== i);
    if (dupes.length) {
      const values = [...new Set(dupes)];
      throw DomainError.of(
        'DUPLICATE_VALUES',
        { field, values },
        `duplicate ${field} ${key}: ${values.join(', ')}`,
        [
          fieldProblem(field, 'FIELD_DUPLICATE', `duplicate ${key} ${dupes[0]}`, {
            value: dupes[0],
          }),
        ],
      );
    }
  }
}
