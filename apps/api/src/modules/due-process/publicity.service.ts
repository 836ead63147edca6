import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  Actor,
  DEFAULT_APPEAL_WINDOW_HOURS,
  DEFAULT_DILIGENCE_CHECKLIST,
  DEFAULT_OFFER_HOURS,
  DEFAULT_PUBLICITY_DAYS,
  DomainError,
  HOLDS_PLACE,
  EntryStanding,
  isOpenObjection,
  publicityEnd,
  type ChecklistItem,
  type ObjectionStatus,
} from '@app/domain';
import { Prisma, PrismaService, appendAudit, appendEvent, isUniqueViolation } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { AdvancementService } from '../heats/advancement.service';
import { IdentityService } from '../identity/identity.service';
import { RegistrationService } from '../registration/registration.service';
import { WatermarkFont, findWatermarkFont } from '../files/files.public';
import { DueProcessSettingsDto, StartPublicityDto } from './dto/due-process.dto';
import { ListDocument, listPdf, listXlsx, standingZh } from './list-documents';
import { PublicityViewCache } from './publicity-view-cache';

type PublicityRow = Prisma.PublicityGetPayload<object>;
type EntryRow = Prisma.PublicityEntryGetPayload<object>;

// 公示 (docs/due-process.md): a heat's recorded result published with its
// ranking, for a period, with the contacts; provisional until the period ends
// with no open objection (the worker's DueProcessScheduler finalises it).
@Injectable()
export class PublicityService {
  private readonly font: WatermarkFont;

  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly advancement: AdvancementService,
    private readonly registration: RegistrationService,
    private readonly identity: IdentityService,
    private readonly views: PublicityViewCache,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.font = findWatermarkFont(config.WATERMARK_FONT);
  }

  // ── Settings ──────────────────────────────────────────────────────────────

  async settingsOf(competitionId: string) {
    const row = await this.prisma.dueProcessSettings.findUnique({ where: { competitionId } });
    return {
      competitionId,
      organiserContact: row?.organiserContact ?? '',
      supervisorContact: row?.supervisorContact ?? '',
      publicityDays: row?.publicityDays ?? DEFAULT_PUBLICITY_DAYS,
      appealWindowHours: row?.appealWindowHours ?? DEFAULT_APPEAL_WINDOW_HOURS,
      offerHours: row?.offerHours ?? DEFAULT_OFFER_HOURS,
      vacancyRule: (row?.vacancyRule ?? 'OFFER_NEXT') as 'OFFER_NEXT' | 'LEAVE_EMPTY',
      diligenceChecklist: (row?.diligenceChecklist as ChecklistItem[] | undefined) ?? [
        ...DEFAULT_DILIGENCE_CHECKLIST.map((c) => ({ ...c })),
      ],
    };
  }

  async getSettings(actor: Actor, competitionId: string) {
    await this.competitions.assertCanManage(actor, competitionId);
    return this.settingsOf(competitionId);
  }

  async putSettings(actor: Actor, competitionId: string, dto: DueProcessSettingsDto) {
    await this.competitions.assertCanManage(actor, competitionId);
    const current = await this.settingsOf(competitionId);
    const next = {
      organiserContact: dto.organiserContact.trim(),
      supervisorContact: dto.supervisorContact.trim(),
      publicityDays: dto.publicityDays ?? current.publicityDays,
      appealWindowHours: dto.appealWindowHours ?? current.appealWindowHours,
      offerHours: dto.offerHours ?? current.offerHours,
      vacancyRule: dto.vacancyRule ?? current.vacancyRule,
      diligenceChecklist: (dto.diligenceChecklist ??
        current.diligenceChecklist) as unknown as Prisma.InputJsonValue,
    };
    await this.prisma.$transaction(async (tx) => {
      await tx.dueProcessSettings.upsert({
        where: { competitionId },
        create: { competitionId, ...next },
        update: next,
      });
      await appendAudit(tx, {
        competitionId,
        actorId: actor.id,
        action: 'due-process.settings-changed',
        entityType: 'competition',
        entityId: competitionId,
        data: { ...next, diligenceChecklist: next.diligenceChecklist },
      });
    });
    return this.settingsOf(competitionId);
  }

  // ── Start ─────────────────────────────────────────────────────────────────

  async start(actor: Actor, heatId: string, dto: StartPublicityDto) {
    const heat = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, heat.competitionId, {
      resource: 'heat',
      id: heatId,
    });
    const advancement = await this.advancement.advancementOf(heatId);
    if (!advancement)
      throw DomainError.of(
        'HEAT_NO_RESULTS',
        { heatName: heat.name },
        'this heat has no results yet: advance it first',
      );
    if (await this.prisma.publicity.findUnique({ where: { heatId } }))
      throw DomainError.of('PUBLICITY_EXISTS', { heatName: heat.name });
    const competition = await this.competitions.get(heat.competitionId);
    const settings = await this.settingsOf(heat.competitionId);
    const now = new Date();
    const endsAt = publicityEnd(
      now,
      settings.publicityDays,
      dto.endsAt ? new Date(dto.endsAt) : null,
    );
    const awards = advancement.toHeatId
      ? new Map<string, string>()
      : await this.advancement.awardsOf(heatId);
    const results = await this.advancement.heatResults(heatId);
    const projects = await this.registration.ownersOf(results.map((r) => r.projectId));
    const byId = new Map(projects.map((p) => [p.id, p]));
    const users = await this.identity.findUsers([...new Set(projects.map((p) => p.ownerId))]);
    const userById = new Map(users.map((u) => [u.id, u]));
    const ordered = [...results]
      .filter((r) => byId.has(r.projectId))
      .sort((a, b) => b.score - a.score || (a.projectId < b.projectId ? -1 : 1));
    const kind = advancement.toHeatId ? 'ADVANCEMENT' : 'AWARDS';
    const id = randomUUID();
    const title =
      dto.title?.trim() ||
      `${competition.name}${heat.name}${kind === 'AWARDS' ? '获奖名单' : '晋级名单'}公示`;
    let rank = 0;
    const entries = ordered.map((r, i) => {
      if (i === 0 || r.score !== ordered[i - 1].score) rank = i + 1;
      const p = byId.get(r.projectId)!;
      const owner = userById.get(p.ownerId);
      return {
        publicityId: id,
        projectId: r.projectId,
        ownerId: p.ownerId,
        ownerEmail: owner?.email ?? '',
        ownerName: owner?.name ?? '',
        ownerLocale: owner?.locale ?? 'zh-CN',
        position: i + 1,
        rank,
        score: r.score,
        title: p.title,
        unit: p.organisationName ?? '',
        standing: r.result,
        award: awards.get(r.projectId) ?? null,
      };
    });
    try {
      await this.prisma.$transaction(async (tx) => {
        await tx.publicity.create({
          data: {
            id,
            heatId,
            competitionId: heat.competitionId,
            kind,
            title,
            heatName: heat.name,
            competitionName: competition.name,
            timeZone: competition.timeZone,
            organiserContact: settings.organiserContact,
            supervisorContact: settings.supervisorContact,
            vacancyRule: dto.vacancyRule ?? settings.vacancyRule,
            offerHours: settings.offerHours,
            toHeatId: advancement.toHeatId,
            status: 'ACTIVE',
            startsAt: now,
            endsAt,
            startedById: actor.id,
          },
        });
        await tx.publicityEntry.createMany({ data: entries });
        await appendAudit(tx, {
          competitionId: heat.competitionId,
          actorId: actor.id,
          action: 'publicity.started',
          entityType: 'publicity',
          entityId: id,
          data: {
            heatId,
            kind,
            startsAt: now.toISOString(),
            endsAt: endsAt.toISOString(),
            projects: entries.length,
          },
        });
        const owners = new Map<string, { owner: ReturnType<typeof recipient>; titles: string[] }>();
        for (const e of entries) {
          if (!e.ownerEmail) continue;
          const o = owners.get(e.ownerId) ?? { owner: recipient(e), titles: [] };
          o.titles.push(e.title);
          owners.set(e.ownerId, o);
        }
        await appendEvent(tx, 'due-process.publicity-started', id, {
          competitionId: heat.competitionId,
          publicityId: id,
          competitionName: competition.name,
          heatName: heat.name,
          startsAt: now.toISOString(),
          endsAt: endsAt.toISOString(),
          timeZone: competition.timeZone,
          organiserContact: settings.organiserContact,
          supervisorContact: settings.supervisorContact,
          owners: [...owners.values()],
        });
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw DomainError.of('PUBLICITY_EXISTS', { heatName: heat.name });
      throw e;
    }
    return this.organiserView(actor, heatId);
  }

  // ── Reads ─────────────────────────────────────────────────────────────────

  async organiserView(actor: Actor, heatId: string) {
    const heat = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, heat.competitionId, {
      resource: 'heat',
      id: heatId,
    });
    const p = await this.prisma.publicity.findUnique({ where: { heatId } });
    if (!p) throw DomainError.notFound('publicity', heatId);
    const [entries, objections, offers] = await Promise.all([
      this.entries(p.id),
      this.prisma.objection.findMany({ where: { publicityId: p.id }, select: { status: true } }),
      this.prisma.placeOffer.findMany({
        where: { publicityId: p.id },
        orderBy: { createdAt: 'asc' },
      }),
    ]);
    const titles = new Map(entries.map((e) => [e.projectId, e.title]));
    return {
      ...this.publicShape(p, entries),
      heatId: p.heatId,
      vacancyRule: p.vacancyRule,
      finalisedAt: p.finalisedAt?.toISOString() ?? null,
      openObjections: objections.filter((o) => isOpenObjection(o.status as ObjectionStatus)).length,
      offers: offers.map((o) => offerView(o, titles.get(o.projectId) ?? '')),
    };
  }

  // The public page: its rows from the cache a change invalidates (a crowd
  // costs one read per change), shaped at each request (whether objections
  // are still open depends on the time).
  async publicView(publicityId: string) {
    const { p, entries } = await this.views.read(publicityId, async () => {
      const p = await this.publicity(publicityId);
      return { p, entries: await this.entries(p.id) };
    });
    return this.publicShape(p, entries);
  }

  async document(publicityId: string, format: 'pdf' | 'xlsx') {
    const p = await this.publicity(publicityId);
    const entries = await this.entries(p.id);
    const awards = p.kind === 'AWARDS';
    const doc: ListDocument = {
      title: p.title,
      competitionName: p.competitionName,
      heatName: p.heatName,
      startsAt: p.startsAt,
      endsAt: p.endsAt,
      timeZone: p.timeZone,
      organiserContact: p.organiserContact || '—',
      supervisorContact: p.supervisorContact || '—',
      final: p.status === 'FINAL',
      columns: ['序号', '项目名称', '单位', '名次', '成绩', awards ? '奖项' : '结果'],
      rows: entries.map((e) => [
        e.position,
        e.title,
        e.unit,
        e.rank,
        e.score.toFixed(2),
        awards && e.award ? e.award : standingZh(e.standing),
      ]),
      issuedAt: p.startsAt,
    };
    const body =
      format === 'pdf' ? Buffer.from(await listPdf(doc, this.font)) : await listXlsx(doc);
    return { body, name: `${p.title}.${format}` };
  }

  async publicity(publicityId: string): Promise<PublicityRow> {
    const p = await this.prisma.publicity.findUnique({ where: { id: publicityId } });
    if (!p) throw DomainError.notFound('publicity', publicityId);
    return p;
  }

  entries(publicityId: string): Promise<EntryRow[]> {
    return this.prisma.publicityEntry.findMany({
      where: { publicityId },
      orderBy: { position: 'asc' },
    });
  }

  /** The 公示 a project's place of this heat is on, with its line. */
  async placeOf(heatId: string, projectId: string) {
    const p = await this.prisma.publicity.findUnique({ where: { heatId } });
    if (!p) return null;
    const entry = await this.prisma.publicityEntry.findUnique({
      where: { publicityId_projectId: { publicityId: p.id, projectId } },
    });
    return entry ? { publicity: p, entry } : null;
  }

  private publicShape(p: PublicityRow, entries: EntryRow[]) {
    return {
      id: p.id,
      title: p.title,
      competitionName: p.competitionName,
      heatName: p.heatName,
      kind: p.kind,
      status: p.status,
      startsAt: p.startsAt.toISOString(),
      endsAt: p.endsAt.toISOString(),
      timeZone: p.timeZone,
      organiserContact: p.organiserContact,
      supervisorContact: p.supervisorContact,
      objectionsOpen: p.status === 'ACTIVE' && Date.now() < p.endsAt.getTime(),
      lines: entries.map((e) => ({
        position: e.position,
        rank: e.rank,
        projectId: e.projectId,
        title: e.title,
        unit: e.unit,
        score: e.score,
        standing: e.standing,
        award: e.award,
      })),
    };
  }
}

export const holdsPlace = (standing: string) => HOLDS_PLACE.includes(standing as EntryStanding);

const recipient = (e: {
  ownerId: string;
  ownerEmail: string;
  ownerName: string;
  ownerLocale: string;
}) => ({
  userId: e.ownerId,
  email: e.ownerEmail,
  name: e.ownerName,
  locale: e.ownerLocale,
});

export const offerView = (o: Prisma.PlaceOfferGetPayload<object>, title: string) => ({
  id: o.id,
  projectId: o.projectId,
  title,
  vacatedProjectId: o.vacatedProjectId,
  status: o.status,
  deadline: o.deadline.toISOString(),
  respondedAt: o.respondedAt?.toISOString() ?? null,
});
