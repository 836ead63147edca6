import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Actor,
  CheckedItem,
  ChecklistItem,
  DiligenceStatus,
  DomainError,
  decideDiligence,
  fieldProblem,
} from '@app/domain';
import { Prisma, PrismaService, appendAudit, appendEvent } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { AdvancementService } from '../heats/advancement.service';
import { IdentityService } from '../identity/identity.service';
import { RegistrationService } from '../registration/registration.service';
import { AssignDiligenceDto, DecideDiligenceDto } from './dto/due-process.dto';
import type { EvidenceSection } from '../record/record.public';
import { PlacesService } from './places.service';
import { PublicityService } from './publicity.service';

type CheckRow = Prisma.DiligenceCheckGetPayload<object>;

// 尽职调查 (docs/due-process.md): projects on a heat's list are checked
// against the competition's checklist by a handler; a fail or a refusal
// withdraws the project and its place passes on (递补).
@Injectable()
export class DiligenceService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly advancement: AdvancementService,
    private readonly registration: RegistrationService,
    private readonly identity: IdentityService,
    private readonly publicity: PublicityService,
    private readonly places: PlacesService,
  ) {}

  async assign(actor: Actor, heatId: string, dto: AssignDiligenceDto) {
    const heat = await this.managedHeat(actor, heatId);
    const organisers = await this.competitions.organiserIdsOf([heat.competitionId]);
    if (!organisers.includes(dto.handlerId))
      throw DomainError.of(
        'VALIDATION_FAILED',
        { fields: ['handlerId'] },
        'the handler must organise the competition',
        [fieldProblem('handlerId', 'FIELD_INVALID', 'not an organiser of the competition')],
      );
    const results = await this.advancement.heatResults(heatId);
    const inHeat = new Set(results.map((r) => r.projectId));
    const missing = dto.projectIds.filter((id) => !inHeat.has(id));
    if (missing.length) throw DomainError.notFound('result', missing[0]);
    const checklist = (await this.publicity.settingsOf(heat.competitionId)).diligenceChecklist;
    const titles = await this.registration.titlesOf(dto.projectIds);
    await this.prisma.$transaction(async (tx) => {
      for (const projectId of [...new Set(dto.projectIds)]) {
        const exists = await tx.diligenceCheck.findUnique({
          where: { heatId_projectId: { heatId, projectId } },
        });
        if (exists)
          throw DomainError.of('DILIGENCE_EXISTS', { projectTitle: titles.get(projectId) ?? '' });
        const id = randomUUID();
        await tx.diligenceCheck.create({
          data: {
            id,
            heatId,
            projectId,
            competitionId: heat.competitionId,
            handlerId: dto.handlerId,
            checklist: checklist as unknown as Prisma.InputJsonValue,
            status: 'PENDING',
          },
        });
        await appendAudit(tx, {
          competitionId: heat.competitionId,
          actorId: actor.id,
          action: 'diligence.assigned',
          entityType: 'diligence',
          entityId: id,
          data: { heatId, projectId, handlerId: dto.handlerId },
        });
      }
    });
    return this.list(actor, heatId);
  }

  async list(actor: Actor, heatId: string) {
    await this.managedHeat(actor, heatId);
    const rows = await this.prisma.diligenceCheck.findMany({
      where: { heatId },
      orderBy: { createdAt: 'asc' },
    });
    const titles = await this.registration.titlesOf(rows.map((r) => r.projectId));
    return { items: rows.map((r) => view(r, titles.get(r.projectId) ?? '')) };
  }

  /** The heat's due-diligence checks with their findings, for the evidence pack's `due-diligence/` folder. */
  evidenceSection(): EvidenceSection {
    return {
      name: 'due-diligence',
      files: async (heat) => {
        const rows = await this.prisma.diligenceCheck.findMany({
          where: { heatId: heat.id },
          orderBy: { createdAt: 'asc' },
        });
        const titles = await this.registration.titlesOf(rows.map((r) => r.projectId));
        const items = rows.map((r) => ({
          ...view(r, titles.get(r.projectId) ?? ''),
          assignedAt: r.createdAt.toISOString(),
          decidedById: r.decidedById,
        }));
        return [{ path: 'checks.json', content: JSON.stringify({ items }, null, 2) + '\n' }];
      },
      auditEntityIds: async (heat) =>
        (
          await this.prisma.diligenceCheck.findMany({
            where: { heatId: heat.id },
            select: { id: true },
          })
        ).map((c) => c.id),
    };
  }

  async decide(actor: Actor, checkId: string, dto: DecideDiligenceDto) {
    const check = await this.prisma.diligenceCheck.findUnique({ where: { id: checkId } });
    if (!check) throw DomainError.notFound('diligence', checkId);
    await this.competitions.assertCanManage(actor, check.competitionId, {
      resource: 'diligence',
      id: checkId,
    });
    const { status, withdraws } = decideDiligence(
      check.status as DiligenceStatus,
      dto.outcome,
      check.checklist as unknown as ChecklistItem[],
      dto.items,
      dto.findings,
    );
    const findings = dto.findings.trim();
    const heat = await this.competitions.getHeat(check.heatId);
    const competition = await this.competitions.get(check.competitionId);
    const [project] = await this.registration.ownersOf([check.projectId]);
    const [owner] = project ? await this.identity.findUsers([project.ownerId]) : [];
    const record = async (tx: Prisma.TransactionClient) => {
      const done = await tx.diligenceCheck.updateMany({
        where: { id: checkId, status: 'PENDING' },
        data: {
          status,
          findings,
          checklist: (check.checklist as unknown as ChecklistItem[]).map((c) => ({
            ...c,
            ...(dto.items.find((i: CheckedItem) => i.code === c.code) ?? { ok: false }),
          })),
          decidedById: actor.id,
          decidedAt: new Date(),
        },
      });
      if (done.count !== 1)
        throw DomainError.of('DILIGENCE_ALREADY_DECIDED', { status: 'DECIDED' });
      await appendAudit(tx, {
        competitionId: check.competitionId,
        actorId: actor.id,
        action: 'diligence.decided',
        entityType: 'diligence',
        entityId: checkId,
        reason: findings,
        data: { projectId: check.projectId, outcome: status, items: dto.items },
      });
      if (owner)
        await appendEvent(tx, 'due-process.diligence-decided', checkId, {
          competitionId: check.competitionId,
          competitionName: competition.name,
          heatName: heat.name,
          owner: { userId: owner.id, email: owner.email, name: owner.name, locale: owner.locale },
          title: project?.title ?? '',
          outcome: status,
          findings,
        });
    };
    // A fail or a refusal withdraws the project: the place it holds (on the
    // 公示 list, or its ADVANCED result without one) is lost in the decision's
    // own transaction, so the two never part.
    const holdsPlace =
      withdraws &&
      (!!(await this.publicity.placeOf(check.heatId, check.projectId)) ||
        (await this.advancement.heatResults(check.heatId)).find(
          (r) => r.projectId === check.projectId,
        )?.result === 'ADVANCED');
    if (holdsPlace)
      await this.places.vacate(
        check.heatId,
        check.projectId,
        status === 'REFUSED' ? 'REFUSED_DILIGENCE' : 'FAILED_DILIGENCE',
        findings,
        actor.id,
        record,
      );
    else await this.prisma.$transaction(record);
    const row = await this.prisma.diligenceCheck.findUniqueOrThrow({ where: { id: checkId } });
    return view(row, project?.title ?? '');
  }

  private async managedHeat(actor: Actor, heatId: string) {
    const heat = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, heat.competitionId, {
      resource: 'heat',
      id: heatId,
    });
    return heat;
  }
}

const view = (r: CheckRow, title: string) => {
  const checklist = r.checklist as unknown as (ChecklistItem & Partial<CheckedItem>)[];
  return {
    id: r.id,
    heatId: r.heatId,
    projectId: r.projectId,
    title,
    handlerId: r.handlerId,
    checklist: checklist.map((c) => ({ code: c.code, label: c.label })),
    items: checklist
      .filter((c) => c.ok !== undefined)
      .map((c) => ({ code: c.code, ok: !!c.ok, ...(c.note ? { note: c.note } : {}) })),
    status: r.status,
    findings: r.findings,
    decidedAt: r.decidedAt?.toISOString() ?? null,
  };
};
