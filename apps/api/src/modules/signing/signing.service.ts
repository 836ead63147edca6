import { recordIdempotentAnswer } from '../../common/idempotency-store';
import { Injectable } from '@nestjs/common';
import {
  Actor,
  DomainError,
  SigningStatus,
  isLandingOverdue,
  signingStats,
  transitionSigning,
} from '@app/domain';
import { PrismaService, appendAudit, appendEvent, isUniqueViolation } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { AdvancementService } from '../heats/advancement.service';
import { IdentityService } from '../identity/identity.service';
import { RegistrationService } from '../registration/registration.service';
import { CreateSigningDto, TransitionDto } from './dto/signing.dto';

const NO_ENCLAVE = '（无飞地）';

@Injectable()
export class SigningService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly registration: RegistrationService,
    private readonly advancement: AdvancementService,
    private readonly identity: IdentityService,
  ) {}

  // The project each of a set of signings is about (the audit log names it).
  async projectIdsOf(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.prisma.signing.findMany({
      where: { id: { in: ids } },
      select: { id: true, projectId: true },
    });
    return new Map(rows.map((r) => [r.id, r.projectId]));
  }

  async create(actor: Actor, competitionId: string, dto: CreateSigningDto) {
    await this.competitions.assertCanManage(actor, competitionId);
    const project = await this.registration.projectSummary(dto.projectId);
    if (!project || project.competitionId !== competitionId) {
      throw DomainError.of('PROJECT_NOT_IN_COMPETITION', 'not a project of this competition', [
        { field: 'projectId', code: 'PROJECT_NOT_IN_COMPETITION', message: 'unknown project' },
      ]);
    }
    const heat = await this.advancement.entryHeat(project.id, project.heatId);
    const [owner] = await this.identity.findUsers([project.ownerId]);
    try {
      return await this.prisma.$transaction(async (tx) => {
        const signing = await tx.signing.create({
          data: {
            competitionId,
            projectId: project.id,
            projectTitle: project.title,
            ownerId: project.ownerId,
            heatName: heat?.name ?? '',
            trackCode: project.trackCode,
            host: dto.host.trim(),
            enclave: dto.enclave?.trim() || heat?.enclave || null,
            investmentAmount: dto.investmentAmount ?? null,
            landingDeadline: dto.landingDeadline ? new Date(dto.landingDeadline) : null,
            createdById: actor.id,
          },
        });
        await appendAudit(tx, {
          competitionId,
          actorId: actor.id,
          action: 'signing.created',
          entityType: 'signing',
          entityId: signing.id,
          data: { projectId: project.id, host: signing.host },
        });
        if (owner) {
          await appendEvent(tx, 'signing.status-changed', signing.id, {
            competitionId: signing.competitionId,
            signingId: signing.id,
            projectTitle: project.title,
            host: signing.host,
            from: null,
            to: 'INTENT',
            message: null,
            owner: { userId: owner.id, email: owner.email, name: owner.name, locale: owner.locale },
          });
        }
        const view = this.view(signing);
        await recordIdempotentAnswer(tx, view);
        return view;
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw DomainError.of(
          'SIGNING_ALREADY_OPEN',
          { projectTitle: project.title, host: dto.host.trim() },
          'this project already has an open signing with this host',
        );
      throw e;
    }
  }

  async transition(actor: Actor, signingId: string, dto: TransitionDto) {
    const signing = await this.prisma.signing.findUnique({ where: { id: signingId } });
    if (!signing) throw DomainError.notFound('signing', signingId);
    await this.competitions.assertCanManage(actor, signing.competitionId, {
      resource: 'signing',
      id: signingId,
    });
    const from = signing.status;
    const to = transitionSigning(from, dto.to, dto);
    const at = dto.at ? new Date(dto.at) : new Date();
    const [owner] = await this.identity.findUsers([signing.ownerId]);
    return this.prisma.$transaction(async (tx) => {
      const updated = await tx.signing.updateManyAndReturn({
        where: { id: signingId, status: from },
        data: {
          status: to,
          ...(to === 'SIGNED' && { signedAt: at }),
          ...(to === 'LANDED' && {
            landedAt: at,
            companyName: dto.companyName!.trim(),
            registrationNo: dto.registrationNo!.trim(),
          }),
          ...(to === 'CANCELLED' && { cancelledAt: at }),
        },
      });
      if (updated.length !== 1)
        throw DomainError.of(
          'CHANGED_MEANWHILE',
          { resource: 'signing' },
          'the signing changed meanwhile; reload it',
        );
      await tx.signingTransition.create({
        data: {
          signingId,
          from,
          to,
          note: dto.note ?? null,
          message: dto.message?.trim() || null,
          at,
          actorId: actor.id,
        },
      });
      await appendAudit(tx, {
        competitionId: signing.competitionId,
        actorId: actor.id,
        action: 'signing.transitioned',
        entityType: 'signing',
        entityId: signingId,
        reason: dto.note ?? null,
        data: {
          from,
          to,
          at: at.toISOString(),
          companyName: dto.companyName ?? null,
          registrationNo: dto.registrationNo ?? null,
          message: dto.message?.trim() || null,
        },
      });
      if (owner) {
        await appendEvent(tx, 'signing.status-changed', signingId, {
          competitionId: signing.competitionId,
          signingId,
          projectTitle: signing.projectTitle,
          host: signing.host,
          from,
          to,
          message: dto.message?.trim() || null,
          owner: { userId: owner.id, email: owner.email, name: owner.name, locale: owner.locale },
        });
      }
      return this.view(updated[0]);
    });
  }

  async get(actor: Actor, signingId: string) {
    const signing = await this.prisma.signing.findUnique({
      where: { id: signingId },
      include: { transitions: { orderBy: { createdAt: 'asc' } } },
    });
    if (!signing) throw DomainError.notFound('signing', signingId);
    await this.competitions.assertCanManage(actor, signing.competitionId, {
      resource: 'signing',
      id: signingId,
    });
    return { ...this.view(signing), transitions: signing.transitions };
  }

  async list(actor: Actor, competitionId: string, status?: SigningStatus) {
    await this.competitions.assertCanManage(actor, competitionId);
    const rows = await this.prisma.signing.findMany({
      where: { competitionId, ...(status && { status }) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map((r) => this.view(r));
  }

  async stats(actor: Actor, competitionId: string) {
    const rows = await this.list(actor, competitionId);
    const denominator = await this.advancement.advancedOrAwardedCount(competitionId);
    const stats = signingStats(
      rows.map((r) => ({
        status: r.status as SigningStatus,
        heat: r.heatName,
        track: r.trackCode,
        enclave: r.enclave ?? NO_ENCLAVE,
      })),
      denominator,
    );
    const { timeZone } = await this.competitions.get(competitionId);
    const now = new Date();
    const overdue = rows
      .filter((r) => isLandingOverdue(r.landingDeadline, r.status as SigningStatus, now, timeZone))
      .map((r) => ({
        id: r.id,
        projectId: r.projectId,
        projectTitle: r.projectTitle,
        host: r.host,
        status: r.status,
        landingDeadline: r.landingDeadline,
      }));
    return { ...stats, advancedOrAwarded: denominator, overdue };
  }

  // Distinct projects signed (SIGNED or LANDED) and landed, for the funnel.
  async countsFor(competitionId: string) {
    return this.prisma.signing.findMany({
      where: { competitionId, status: { in: ['SIGNED', 'LANDED'] } },
      select: { projectId: true, status: true },
    });
  }

  private view(s: {
    id: string;
    competitionId: string;
    projectId: string;
    projectTitle: string;
    heatName: string;
    trackCode: string;
    host: string;
    enclave: string | null;
    investmentAmount: unknown;
    landingDeadline: Date | null;
    status: string;
    companyName: string | null;
    registrationNo: string | null;
    createdAt: Date;
    signedAt: Date | null;
    landedAt: Date | null;
    cancelledAt: Date | null;
  }) {
    return {
      id: s.id,
      competitionId: s.competitionId,
      projectId: s.projectId,
      projectTitle: s.projectTitle,
      heatName: s.heatName,
      trackCode: s.trackCode,
      host: s.host,
      enclave: s.enclave,
      investmentAmount:
        s.investmentAmount == null
          ? null
          : (s.investmentAmount as { toFixed(n: number): string }).toFixed(2),
      landingDeadline: s.landingDeadline ? s.landingDeadline.toISOString().slice(0, 10) : null,
      status: s.status,
      companyName: s.companyName,
      registrationNo: s.registrationNo,
      createdAt: s.createdAt,
      signedAt: s.signedAt,
      landedAt: s.landedAt,
      cancelledAt: s.cancelledAt,
    };
  }
}
