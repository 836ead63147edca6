import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Actor,
  AppealStatus,
  DomainError,
  appealDeadline,
  assertAppealOpen,
  assertAppealWindow,
  reRank,
} from '@app/domain';
import {
  Prisma,
  PrismaService,
  appendAudit,
  appendEvent,
  isUniqueViolation,
  passPlaceOn,
} from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { AdvancementService } from '../heats/advancement.service';
import { DueProcessResultPlan, ResultChangeService } from '../heats/result-change.service';
import { IdentityService } from '../identity/identity.service';
import { RegistrationService } from '../registration/registration.service';
import { DecideAppealDto, FileAppealDto } from './dto/due-process.dto';
import type { EvidenceSection } from '../record/record.public';
import { PlacesService } from './places.service';
import { PublicityService } from './publicity.service';

type AppealRow = Prisma.AppealGetPayload<object>;

// 申诉/复核 (docs/due-process.md): a team appeals its own heat result once,
// within the window after the result was released to it; the organiser
// decides with reasons; an upheld appeal re-ranks the heat by the rules
// (libs/domain reRank) and the heats module moves the results.
@Injectable()
export class AppealsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly advancement: AdvancementService,
    private readonly results: ResultChangeService,
    private readonly registration: RegistrationService,
    private readonly identity: IdentityService,
    private readonly publicity: PublicityService,
    private readonly places: PlacesService,
  ) {}

  async file(actor: Actor, projectId: string, dto: FileAppealDto) {
    const project = await this.places.assertOwner(actor, projectId);
    // A team that gave up its place in writing (or whose refusal of due diligence
    // counted as one) has no result left to contest: its place went to 递补.
    const summary = await this.registration.projectSummary(projectId);
    const letters = await this.prisma.placeWithdrawal.count({
      where: { projectId, heatId: dto.heatId },
    });
    if (letters > 0 || summary?.status === 'WITHDRAWN')
      throw DomainError.of('PROJECT_ALREADY_WITHDRAWN', 'a withdrawn team cannot appeal');
    const heat = await this.competitions.getHeat(dto.heatId);
    const results = await this.advancement.heatResults(dto.heatId);
    if (!results.some((r) => r.projectId === projectId))
      throw DomainError.notFound('result', projectId);
    const released = (await this.advancement.releasesOf(dto.heatId, [projectId])).get(projectId);
    const settings = await this.publicity.settingsOf(heat.competitionId);
    assertAppealWindow(
      released ?? null,
      settings.appealWindowHours,
      new Date(),
      heat.name,
      await this.competitions.timeZoneOf(heat.competitionId),
    );
    const id = randomUUID();
    try {
      await this.prisma.$transaction(async (tx) => {
        await tx.appeal.create({
          data: {
            id,
            heatId: dto.heatId,
            projectId,
            competitionId: heat.competitionId,
            ownerId: actor.id,
            kind: dto.kind,
            reason: dto.reason.trim(),
            status: 'FILED',
          },
        });
        await appendAudit(tx, {
          competitionId: heat.competitionId,
          actorId: actor.id,
          action: 'appeal.filed',
          entityType: 'appeal',
          entityId: id,
          data: { heatId: dto.heatId, projectId, kind: dto.kind },
        });
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw DomainError.of('APPEAL_ALREADY_FILED', { heatName: heat.name });
      throw e;
    }
    return view(await this.prisma.appeal.findUniqueOrThrow({ where: { id } }), project.title);
  }

  async list(actor: Actor, competitionId: string) {
    await this.competitions.assertCanManage(actor, competitionId);
    const rows = await this.prisma.appeal.findMany({
      where: { competitionId },
      orderBy: { createdAt: 'asc' },
    });
    const titles = await this.registration.titlesOf(rows.map((r) => r.projectId));
    return { items: rows.map((r) => view(r, titles.get(r.projectId) ?? '')) };
  }

  async ofProject(projectId: string) {
    const rows = await this.prisma.appeal.findMany({
      where: { projectId },
      orderBy: { createdAt: 'asc' },
    });
    const titles = await this.registration.titlesOf([projectId]);
    return rows.map((r) => view(r, titles.get(projectId) ?? ''));
  }

  /**
   * The project's released heat results as its page shows them: the appeal
   * deadline of each (in the competition's zone on the page), whether the
   * project still holds a place there (and so may give it up in writing).
   */
  async resultsOfProject(projectId: string) {
    const project = await this.registration.projectSummary(projectId);
    if (!project) throw DomainError.notFound('project', projectId);
    const [timeZone, settings, all] = await Promise.all([
      this.competitions.timeZoneOf(project.competitionId),
      this.publicity.settingsOf(project.competitionId),
      this.advancement.resultsOf(project.competitionId),
    ]);
    const now = Date.now();
    const results = [];
    for (const r of all.filter((x) => x.projectId === projectId)) {
      const released = (await this.advancement.releasesOf(r.heatId, [projectId])).get(projectId);
      if (!released) continue;
      const heat = await this.competitions.getHeat(r.heatId);
      const deadline = appealDeadline(released, settings.appealWindowHours);
      const place = await this.publicity.placeOf(r.heatId, projectId);
      const standing = place?.entry.standing ?? null;
      results.push({
        heatId: r.heatId,
        heatName: heat.name,
        result: r.result,
        releasedAt: released.toISOString(),
        appealDeadline: deadline.toISOString(),
        appealOpen: now <= deadline.getTime(),
        holdsPlace: place
          ? standing === 'ADVANCED' || standing === 'SUBSTITUTED'
          : r.result === 'ADVANCED',
        standing,
      });
    }
    return { timeZone, appealWindowHours: settings.appealWindowHours, results };
  }

  /** The heat's appeals and their decisions, for the evidence pack's `appeals/` folder. */
  evidenceSection(): EvidenceSection {
    return {
      name: 'appeals',
      files: async (heat) => {
        const rows = await this.prisma.appeal.findMany({
          where: { heatId: heat.id },
          orderBy: { createdAt: 'asc' },
        });
        const titles = await this.registration.titlesOf(rows.map((r) => r.projectId));
        const items = rows.map((r) => ({
          ...view(r, titles.get(r.projectId) ?? ''),
          ownerId: r.ownerId,
          decidedById: r.decidedById,
        }));
        return [{ path: 'appeals.json', content: JSON.stringify({ items }, null, 2) + '\n' }];
      },
      auditEntityIds: async (heat) =>
        (
          await this.prisma.appeal.findMany({ where: { heatId: heat.id }, select: { id: true } })
        ).map((a) => a.id),
    };
  }

  async decide(actor: Actor, appealId: string, dto: DecideAppealDto) {
    const appeal = await this.prisma.appeal.findUnique({ where: { id: appealId } });
    if (!appeal) throw DomainError.notFound('appeal', appealId);
    await this.competitions.assertCanManage(actor, appeal.competitionId, {
      resource: 'appeal',
      id: appealId,
    });
    assertAppealOpen(appeal.status as AppealStatus);
    if (dto.outcome === 'UPHELD' && dto.correctedScore === undefined)
      throw DomainError.of('APPEAL_SCORE_REQUIRED');
    const reasons = dto.reasons.trim();
    let moves: {
      projectId: string;
      from: 'ADVANCED' | 'ELIMINATED';
      to: 'ADVANCED' | 'ELIMINATED';
    }[] = [];
    if (dto.outcome === 'UPHELD') {
      const rows = (await this.advancement.heatResults(appeal.heatId)).filter(
        (r) => r.result === 'ADVANCED' || r.result === 'ELIMINATED',
      );
      moves = reRank(
        rows.map((r) => ({
          projectId: r.projectId,
          score: r.score,
          result: r.result as 'ADVANCED' | 'ELIMINATED',
        })),
        appeal.projectId,
        dto.correctedScore!,
      );
    }
    // Checked now, applied in the decision's transaction below, so the heat's
    // results, the published list and the appeal never part. Places given
    // first, then taken: a heat never holds fewer than it had.
    const plans: DueProcessResultPlan[] = [];
    for (const m of [...moves].sort(
      (a, b) => (a.to === 'ADVANCED' ? -1 : 1) - (b.to === 'ADVANCED' ? -1 : 1),
    )) {
      const plan = await this.results.planForDueProcess(appeal.heatId, m.projectId, m.to);
      if (plan) plans.push(plan);
    }
    const heat = await this.competitions.getHeat(appeal.heatId);
    const competition = await this.competitions.get(appeal.competitionId);
    const [owner] = await this.identity.findUsers([appeal.ownerId]);
    const titles = await this.registration.titlesOf([appeal.projectId]);
    const place = await this.publicity.placeOf(appeal.heatId, appeal.projectId);
    const now = new Date();
    const current = (await this.advancement.heatResults(appeal.heatId)).find(
      (r) => r.projectId === appeal.projectId,
    );
    await this.prisma.$transaction(async (tx) => {
      const done = await tx.appeal.updateMany({
        where: { id: appealId, status: 'FILED' },
        data: {
          status: dto.outcome,
          decisionReason: reasons,
          correctedScore: dto.correctedScore ?? null,
          decidedById: actor.id,
          decidedAt: now,
        },
      });
      if (done.count !== 1) throw DomainError.of('APPEAL_ALREADY_DECIDED', { status: 'DECIDED' });
      for (const plan of plans)
        await this.results.applyPlanned(tx, plan, actor.id, `申诉复核后重新排名：${reasons}`);
      // The published list follows: the corrected score and each move.
      if (place && dto.outcome === 'UPHELD') {
        await tx.publicityEntry.update({
          where: {
            publicityId_projectId: { publicityId: place.publicity.id, projectId: appeal.projectId },
          },
          data: { score: dto.correctedScore!, note: '申诉复核更正' },
        });
        for (const m of moves) {
          if (m.to === 'ADVANCED')
            await tx.publicityEntry.update({
              where: {
                publicityId_projectId: { publicityId: place.publicity.id, projectId: m.projectId },
              },
              data: { standing: 'ADVANCED' },
            });
          else
            await passPlaceOn(
              tx,
              place.publicity.id,
              m.projectId,
              now,
              actor.id,
              {
                projectId: m.projectId,
                standing: 'ELIMINATED',
                why: 'RERANKED',
                reason: `申诉复核后重新排名：${reasons}`,
              },
              false,
            ).then(() => undefined);
        }
        await reorder(tx, place.publicity.id);
      }
      await appendAudit(tx, {
        competitionId: appeal.competitionId,
        actorId: actor.id,
        action: 'appeal.decided',
        entityType: 'appeal',
        entityId: appealId,
        reason: reasons,
        data: {
          projectId: appeal.projectId,
          outcome: dto.outcome,
          correctedScore: dto.correctedScore ?? null,
          moves,
        },
      });
      if (owner)
        await appendEvent(tx, 'due-process.appeal-decided', appealId, {
          competitionId: appeal.competitionId,
          competitionName: competition.name,
          heatName: heat.name,
          owner: { userId: owner.id, email: owner.email, name: owner.name, locale: owner.locale },
          title: titles.get(appeal.projectId) ?? '',
          outcome: dto.outcome,
          reasons,
          // The appellant's result once the moves above are applied.
          result:
            moves.find((m) => m.projectId === appeal.projectId)?.to ??
            (current?.result === 'ADVANCED' || current?.result === 'ELIMINATED'
              ? current.result
              : null),
        });
    });
    const row = await this.prisma.appeal.findUniqueOrThrow({ where: { id: appealId } });
    return { ...view(row, titles.get(appeal.projectId) ?? ''), moves };
  }
}

// Positions and ranks of a list after a corrected score: by score, best first.
async function reorder(tx: Prisma.TransactionClient, publicityId: string) {
  const entries = await tx.publicityEntry.findMany({ where: { publicityId } });
  entries.sort((a, b) => b.score - a.score || (a.projectId < b.projectId ? -1 : 1));
  let rank = 0;
  for (const [i, e] of entries.entries()) {
    if (i === 0 || e.score !== entries[i - 1].score) rank = i + 1;
    if (e.position !== i + 1 || e.rank !== rank)
      await tx.publicityEntry.update({
        where: { publicityId_projectId: { publicityId, projectId: e.projectId } },
        data: { position: i + 1, rank },
      });
  }
}

const view = (a: AppealRow, title: string) => ({
  id: a.id,
  heatId: a.heatId,
  projectId: a.projectId,
  title,
  kind: a.kind,
  reason: a.reason,
  status: a.status,
  decisionReason: a.decisionReason,
  correctedScore: a.correctedScore,
  createdAt: a.createdAt.toISOString(),
  decidedAt: a.decidedAt?.toISOString() ?? null,
});
