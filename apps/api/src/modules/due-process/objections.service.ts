import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import {
  Actor,
  DomainError,
  ObjectionLifecycle,
  ObjectionStatus,
  assertObjectionWindow,
  fieldProblem,
  isAccepted,
  parseContact,
  receiptNumber,
  safeFileName,
  type PublicityStatus,
} from '@app/domain';
import { Prisma, PrismaService, appendAudit, appendEvent, settlePublicity } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { FILE_STORAGE, FileStorage, UploadMeter } from '../files/files.public';
import { AssignDto, DecideObjectionDto, MergeObjectionDto } from './dto/due-process.dto';
import type { EvidenceSection } from '../record/record.public';
import { ObjectionLimiter } from './objection-limiter';
import { PlacesService } from './places.service';
import { PublicityService } from './publicity.service';

export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 5;

const FIELDS = ['name', 'contact', 'email', 'unit', 'projectId', 'procedure', 'reason', 'locale'];

// 异议 (docs/due-process.md): filed by anyone from the public 公示 page with
// real name, contact, unit, reason and evidence; handled in the console;
// never public. The objector gets a receipt number at once (and by mail when
// an address was given) and the outcome by mail.
@Injectable()
export class ObjectionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly publicity: PublicityService,
    private readonly places: PlacesService,
    private readonly limiter: ObjectionLimiter,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  async file(publicityId: string, req: FastifyRequest) {
    const p = await this.publicity.publicity(publicityId);
    const now = new Date();
    assertObjectionWindow(
      { status: p.status as PublicityStatus, endsAt: p.endsAt, heatName: p.heatName },
      now,
    );
    await this.limiter.checkAddress(req.ip);
    if (!req.isMultipart())
      throw DomainError.of('UPLOAD_NOT_MULTIPART', 'send multipart/form-data');
    const id = randomUUID();
    const fields: Record<string, string> = {};
    const stored: {
      id: string;
      name: string;
      size: number;
      sha256: string;
      contentType: string;
      storageKey: string;
    }[] = [];
    let failure: Error | null = null;
    try {
      for await (const part of req.parts({
        limits: {
          fileSize: EVIDENCE_MAX_BYTES + 1,
          files: EVIDENCE_MAX_FILES + 1,
          fields: 10,
          parts: 20,
          fieldSize: 20000,
          headerPairs: 100,
        },
      })) {
        if (part.type === 'field') {
          if (FIELDS.includes(part.fieldname) && typeof part.value === 'string')
            fields[part.fieldname] = part.value;
          continue;
        }
        if (failure) {
          part.file.resume();
          continue;
        }
        if (stored.length >= EVIDENCE_MAX_FILES) {
          failure = DomainError.of('OBJECTION_TOO_MANY_FILES', { max: EVIDENCE_MAX_FILES });
          part.file.resume();
          continue;
        }
        try {
          stored.push(await this.storeEvidence(id, part.filename, part.file));
        } catch (e) {
          failure = e as Error;
          part.file.resume();
        }
      }
      if (failure) throw failure;
      const input = this.validate(fields);
      await this.limiter.checkContact(input.contact.value);
      const lines = await this.publicity.entries(publicityId);
      if (input.projectId && !lines.some((l) => l.projectId === input.projectId))
        throw DomainError.of('OBJECTION_PROJECT_NOT_LISTED', 'that project is not on the list', [
          fieldProblem('projectId', 'OBJECTION_PROJECT_NOT_LISTED', 'not on the list'),
        ]);
      const receipt = receiptNumber(now.getUTCFullYear(), randomBytes(7));
      await this.prisma.$transaction(async (tx) => {
        await tx.objection.create({
          data: {
            id,
            receipt,
            publicityId,
            competitionId: p.competitionId,
            name: input.name,
            contact: input.contact.value,
            contactKey: this.limiter.contactKey(input.contact.value),
            email: input.email,
            unit: input.unit,
            projectId: input.projectId,
            procedure: input.procedure,
            reason: input.reason,
            locale: input.locale,
            addressKey: this.limiter.addressKey(req.ip),
            status: 'FILED',
            createdAt: now,
          },
        });
        if (stored.length)
          await tx.objectionEvidence.createMany({
            data: stored.map((s) => ({ ...s, objectionId: id, createdAt: now })),
          });
        await appendAudit(tx, {
          competitionId: p.competitionId,
          actorId: null,
          action: 'objection.filed',
          entityType: 'objection',
          entityId: id,
          data: {
            publicityId,
            receipt,
            projectId: input.projectId,
            evidence: stored.map((s) => ({ name: s.name, sha256: s.sha256 })),
          },
        });
        await appendEvent(tx, 'due-process.objection-filed', id, {
          competitionId: p.competitionId,
          objectionId: id,
          receipt,
          competitionName: p.competitionName,
          heatName: p.heatName,
          filedAt: now.toISOString(),
          timeZone: p.timeZone,
          objector: { name: input.name, email: input.email, locale: input.locale },
        });
      });
      return { receipt, filedAt: now.toISOString(), evidence: stored.length };
    } catch (e) {
      await Promise.all(
        stored.map((s) => this.storage.delete(s.storageKey).catch(() => undefined)),
      );
      throw e;
    }
  }

  private async storeEvidence(objectionId: string, filename: string, file: Readable) {
    const meter = new UploadMeter(
      EVIDENCE_MAX_BYTES,
      () => DomainError.of('OBJECTION_EVIDENCE_TOO_LARGE', { maxBytes: EVIDENCE_MAX_BYTES }),
      (sniffed) => {
        if (sniffed.empty || !isAccepted(sniffed.mime, ['pdf', 'image']))
          throw DomainError.of('OBJECTION_EVIDENCE_TYPE', { detected: sniffed.mime });
      },
    );
    const fileId = randomUUID();
    const key = `objections/${objectionId}/${fileId}`;
    file.on('error', (e) => meter.destroy(e));
    meter.on('error', () => file.unpipe(meter));
    file.pipe(meter);
    try {
      await this.storage.put(key, meter);
    } catch (e) {
      file.unpipe(meter);
      throw e;
    }
    if ((file as Readable & { truncated?: boolean }).truncated) {
      await this.storage.delete(key);
      throw DomainError.of('OBJECTION_EVIDENCE_TOO_LARGE', { maxBytes: EVIDENCE_MAX_BYTES });
    }
    return {
      id: fileId,
      name: safeFileName(filename || 'evidence', 'evidence'),
      size: meter.bytesSeen,
      sha256: meter.sha256,
      contentType: meter.sniffed?.mime ?? 'application/octet-stream',
      storageKey: key,
    };
  }

  private validate(f: Record<string, string>) {
    const problems: ReturnType<typeof fieldProblem>[] = [];
    const text = (key: string, max: number, required = true) => {
      const v = (f[key] ?? '').trim();
      if (!v && required) problems.push(fieldProblem(key, 'FIELD_REQUIRED', `${key} is required`));
      else if (v.length > max)
        problems.push(fieldProblem(key, 'FIELD_TOO_LONG', `${key} is too long`, { max }));
      return v;
    };
    const name = text('name', 50);
    const unit = text('unit', 200);
    const reason = text('reason', 5000);
    const procedure = text('procedure', 500, false) || null;
    const projectId = (f.projectId ?? '').trim() || null;
    if (projectId && !/^[0-9a-f-]{36}$/i.test(projectId))
      problems.push(fieldProblem('projectId', 'FIELD_INVALID', 'projectId must be a UUID'));
    if (!projectId && !procedure)
      problems.push(
        fieldProblem('projectId', 'FIELD_REQUIRED', 'name the project or the procedure concerned'),
      );
    const contact = parseContact(f.contact ?? '');
    if (!contact)
      problems.push(
        fieldProblem('contact', 'OBJECTION_CONTACT_INVALID', 'a mobile number or an email address'),
      );
    const extra = (f.email ?? '').trim() ? parseContact(f.email) : null;
    if ((f.email ?? '').trim() && extra?.kind !== 'email')
      problems.push(fieldProblem('email', 'FIELD_INVALID', 'an email address'));
    if (problems.length)
      throw DomainError.of(
        'VALIDATION_FAILED',
        { fields: problems.map((x) => x.field) },
        'the objection is incomplete',
        problems,
      );
    return {
      name,
      unit,
      reason,
      procedure,
      projectId,
      contact: contact!,
      email: contact!.email ?? extra?.email ?? null,
      locale: f.locale === 'en' ? 'en' : 'zh-CN',
    };
  }

  // ── The organiser's handling ──────────────────────────────────────────────

  async list(actor: Actor, competitionId: string) {
    await this.competitions.assertCanManage(actor, competitionId);
    const rows = await this.prisma.objection.findMany({
      where: { competitionId },
      orderBy: { createdAt: 'asc' },
    });
    const evidence = await this.prisma.objectionEvidence.findMany({
      where: { objectionId: { in: rows.map((r) => r.id) } },
      orderBy: { createdAt: 'asc' },
    });
    const pubs = await this.prisma.publicity.findMany({
      where: { id: { in: [...new Set(rows.map((r) => r.publicityId))] } },
    });
    const heatName = new Map(pubs.map((p) => [p.id, p.heatName]));
    const lines = await this.prisma.publicityEntry.findMany({
      where: { publicityId: { in: pubs.map((p) => p.id) } },
      select: { projectId: true, title: true },
    });
    const title = new Map(lines.map((l) => [l.projectId, l.title]));
    return {
      items: rows.map((o) => ({
        id: o.id,
        receipt: o.receipt,
        publicityId: o.publicityId,
        heatName: heatName.get(o.publicityId) ?? '',
        name: o.name,
        contact: o.contact,
        unit: o.unit,
        projectId: o.projectId,
        projectTitle: o.projectId ? (title.get(o.projectId) ?? null) : null,
        procedure: o.procedure,
        reason: o.reason,
        status: o.status,
        handlerId: o.handlerId,
        findings: o.findings,
        decisionReason: o.decisionReason,
        action: o.action,
        mergedIntoId: o.mergedIntoId,
        createdAt: o.createdAt.toISOString(),
        decidedAt: o.decidedAt?.toISOString() ?? null,
        evidence: evidence
          .filter((e) => e.objectionId === o.id)
          .map((e) => ({
            id: e.id,
            name: e.name,
            size: e.size,
            contentType: e.contentType,
            sha256: e.sha256,
          })),
      })),
    };
  }

  async evidence(actor: Actor, objectionId: string, fileId: string) {
    const o = await this.managed(actor, objectionId);
    const e = await this.prisma.objectionEvidence.findFirst({
      where: { id: fileId, objectionId: o.id },
    });
    if (!e) throw DomainError.notFound('file', fileId);
    return { row: e, body: await this.storage.get(e.storageKey) };
  }

  async assign(actor: Actor, objectionId: string, dto: AssignDto) {
    const o = await this.managed(actor, objectionId);
    const status = ObjectionLifecycle.assign(o.status as ObjectionStatus);
    const organisers = await this.competitions.organiserIdsOf([o.competitionId]);
    if (!organisers.includes(dto.handlerId))
      throw DomainError.of(
        'VALIDATION_FAILED',
        { fields: ['handlerId'] },
        'the handler must organise the competition',
        [fieldProblem('handlerId', 'FIELD_INVALID', 'not an organiser of the competition')],
      );
    await this.prisma.$transaction(async (tx) => {
      await tx.objection.update({
        where: { id: o.id },
        data: { status, handlerId: dto.handlerId },
      });
      await appendAudit(tx, {
        competitionId: o.competitionId,
        actorId: actor.id,
        action: 'objection.assigned',
        entityType: 'objection',
        entityId: o.id,
        data: { handlerId: dto.handlerId },
      });
    });
    return this.one(actor, o.competitionId, o.id);
  }

  async merge(actor: Actor, objectionId: string, dto: MergeObjectionDto) {
    const o = await this.managed(actor, objectionId);
    const into = await this.prisma.objection.findUnique({ where: { id: dto.intoId } });
    if (!into || into.competitionId !== o.competitionId || into.publicityId !== o.publicityId)
      throw DomainError.of('OBJECTION_MERGE_TARGET_INVALID');
    const status = ObjectionLifecycle.merge(
      o.status as ObjectionStatus,
      { id: into.id, status: into.status as ObjectionStatus },
      o.id,
    );
    await this.prisma.$transaction(async (tx) => {
      await tx.objection.update({
        where: { id: o.id },
        data: { status, mergedIntoId: into.id },
      });
      await appendAudit(tx, {
        competitionId: o.competitionId,
        actorId: actor.id,
        action: 'objection.merged',
        entityType: 'objection',
        entityId: o.id,
        data: { intoId: into.id, receipt: o.receipt, intoReceipt: into.receipt },
      });
    });
    return this.one(actor, o.competitionId, o.id);
  }

  async decide(actor: Actor, objectionId: string, dto: DecideObjectionDto) {
    const o = await this.managed(actor, objectionId);
    const action = dto.action ?? 'NONE';
    const status = ObjectionLifecycle.decide(
      o.status as ObjectionStatus,
      dto.outcome,
      action,
      dto.projectId ?? o.projectId,
    );
    const p = await this.publicity.publicity(o.publicityId);
    const reasons = dto.reasons.trim();
    const now = new Date();
    const record = async (tx: Prisma.TransactionClient) => {
      const decided = await tx.objection.updateMany({
        where: { id: o.id, status: { in: ['FILED', 'ASSIGNED'] } },
        data: {
          status,
          decisionReason: reasons,
          findings: dto.findings?.trim() || null,
          action,
          decidedById: actor.id,
          decidedAt: now,
          projectId: dto.projectId ?? o.projectId,
        },
      });
      if (decided.count !== 1)
        throw DomainError.of('OBJECTION_ALREADY_DECIDED', { status: 'DECIDED' });
      const merged = await tx.objection.findMany({
        where: { mergedIntoId: o.id, status: 'MERGED' },
      });
      await appendAudit(tx, {
        competitionId: o.competitionId,
        actorId: actor.id,
        action: 'objection.decided',
        entityType: 'objection',
        entityId: o.id,
        reason: reasons,
        data: {
          receipt: o.receipt,
          outcome: status,
          action,
          projectId: dto.projectId ?? o.projectId,
          merged: merged.map((m) => m.receipt),
        },
      });
      if (status === 'UPHELD' && action === 'REOPEN') {
        const days = (await this.publicity.settingsOf(o.competitionId)).publicityDays;
        const endsAt = new Date(now.getTime() + days * 24 * 3600 * 1000);
        await tx.publicity.update({
          where: { id: p.id },
          data: { status: 'ACTIVE', endsAt, finalisedAt: null },
        });
        await appendAudit(tx, {
          competitionId: o.competitionId,
          actorId: actor.id,
          action: 'publicity.reopened',
          entityType: 'publicity',
          entityId: p.id,
          reason: reasons,
          data: { endsAt: endsAt.toISOString(), objection: o.receipt },
        });
      }
      await appendEvent(tx, 'due-process.objection-decided', o.id, {
        competitionId: o.competitionId,
        competitionName: p.competitionName,
        heatName: p.heatName,
        outcome: status as 'UPHELD' | 'DISMISSED',
        reasons,
        objectors: [o, ...merged].map((x) => ({
          receipt: x.receipt,
          name: x.name,
          email: x.email,
          locale: x.locale,
        })),
      });
      // The last open objection of an ended 公示 decided: the result is final.
      await settlePublicity(tx, p.id, now, actor.id);
    };
    // A disqualification moves the heat result, the list and the offer in the
    // decision's own transaction; a refusal there (the next heat has started
    // judging the project) leaves the objection open, to be decided again.
    if (status === 'UPHELD' && action === 'DISQUALIFY')
      await this.places.vacate(
        p.heatId,
        (dto.projectId ?? o.projectId)!,
        'DISQUALIFIED',
        reasons,
        actor.id,
        record,
      );
    else await this.prisma.$transaction(record);
    return this.one(actor, o.competitionId, o.id);
  }

  /**
   * The heat's objections for the official record (the evidence pack's
   * `objections/` folder): the 公示 they were filed against, each objection
   * with its handling. Objectors are named with their unit only: their
   * contact (phone or email) is personal data and stays out of the pack;
   * evidence files by name, size and SHA-256, not their bytes.
   */
  evidenceSection(): EvidenceSection {
    return {
      name: 'objections',
      files: async (heat) => {
        const p = await this.prisma.publicity.findUnique({ where: { heatId: heat.id } });
        const rows = p
          ? await this.prisma.objection.findMany({
              where: { publicityId: p.id },
              orderBy: { createdAt: 'asc' },
            })
          : [];
        const [evidence, lines] = await Promise.all([
          this.prisma.objectionEvidence.findMany({
            where: { objectionId: { in: rows.map((r) => r.id) } },
            orderBy: { createdAt: 'asc' },
          }),
          p
            ? this.prisma.publicityEntry.findMany({
                where: { publicityId: p.id },
                select: { projectId: true, title: true },
              })
            : [],
        ]);
        const title = new Map(lines.map((l) => [l.projectId, l.title]));
        const receipt = new Map(rows.map((r) => [r.id, r.receipt]));
        const body = {
          publicity: p
            ? {
                id: p.id,
                kind: p.kind,
                title: p.title,
                status: p.status,
                startsAt: p.startsAt,
                endsAt: p.endsAt,
                finalisedAt: p.finalisedAt,
                organiserContact: p.organiserContact,
                supervisorContact: p.supervisorContact,
              }
            : null,
          personalData: 'objectors by name and unit; their contact (phone, email) is left out',
          items: rows.map((o) => ({
            id: o.id,
            receipt: o.receipt,
            filedAt: o.createdAt,
            objector: { name: o.name, unit: o.unit },
            projectId: o.projectId,
            projectTitle: o.projectId ? (title.get(o.projectId) ?? null) : null,
            procedure: o.procedure,
            reason: o.reason,
            status: o.status,
            handlerId: o.handlerId,
            findings: o.findings,
            decisionReason: o.decisionReason,
            action: o.action,
            mergedInto: o.mergedIntoId ? (receipt.get(o.mergedIntoId) ?? o.mergedIntoId) : null,
            decidedById: o.decidedById,
            decidedAt: o.decidedAt,
            evidence: evidence
              .filter((e) => e.objectionId === o.id)
              .map((e) => ({
                name: e.name,
                bytes: e.size,
                contentType: e.contentType,
                sha256: e.sha256,
              })),
          })),
        };
        return [{ path: 'objections.json', content: JSON.stringify(body, null, 2) + '\n' }];
      },
      // The 公示 (started, held, finalised), its objections and the offers of freed places.
      auditEntityIds: async (heat) => {
        const p = await this.prisma.publicity.findUnique({
          where: { heatId: heat.id },
          select: { id: true },
        });
        if (!p) return [];
        const [objections, offers] = await Promise.all([
          this.prisma.objection.findMany({ where: { publicityId: p.id }, select: { id: true } }),
          this.prisma.placeOffer.findMany({ where: { publicityId: p.id }, select: { id: true } }),
        ]);
        return [p.id, ...objections.map((o) => o.id), ...offers.map((o) => o.id)];
      },
    };
  }

  private async managed(actor: Actor, objectionId: string) {
    const o = await this.prisma.objection.findUnique({ where: { id: objectionId } });
    if (!o) throw DomainError.notFound('objection', objectionId);
    await this.competitions.assertCanManage(actor, o.competitionId, {
      resource: 'objection',
      id: objectionId,
    });
    return o;
  }

  private async one(actor: Actor, competitionId: string, id: string) {
    const { items } = await this.list(actor, competitionId);
    return items.find((i) => i.id === id)!;
  }
}
