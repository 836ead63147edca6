import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  Actor,
  DomainError,
  EntryStanding,
  assertHoldsPlace,
  assertOfferOpen,
  statusAfterPlaceLost,
} from '@app/domain';
import {
  LostWhy,
  Prisma,
  PrismaService,
  appendAudit,
  endOffer,
  isUniqueViolation,
  passPlaceOn,
} from '@app/database';
import { AwardsService } from '../heats/awards.service';
import { ResultChangeService } from '../heats/result-change.service';
import { IdentityService } from '../identity/identity.service';
import { RegistrationService } from '../registration/registration.service';
import { type EvidenceSection, safeName } from '../record/record.public';
import { WithdrawPlaceDto } from './dto/due-process.dto';
import { PublicityService, offerView } from './publicity.service';

const LOST_STANDING: Record<LostWhy, EntryStanding> = {
  WITHDRAWN: 'WITHDRAWN',
  DISQUALIFIED: 'DISQUALIFIED',
  FAILED_DILIGENCE: 'FAILED_DILIGENCE',
  REFUSED_DILIGENCE: 'WITHDRAWN',
  RERANKED: 'ELIMINATED',
};

// 递补 (docs/due-process.md): a place freed on a published list goes to the
// next in the ranking, who accepts within the deadline, or stays empty, as
// the stage's rule says. The heat's recorded result moves through the heats
// module (ResultChangeService); the list, the offers and the mails are ours.
@Injectable()
export class PlacesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly publicity: PublicityService,
    private readonly results: ResultChangeService,
    private readonly awards: AwardsService,
    private readonly registration: RegistrationService,
    private readonly identity: IdentityService,
  ) {}

  /**
   * A project loses its place on the heat's list (withdrawal, upheld
   * objection, failed or refused due diligence): its heat result becomes
   * ELIMINATED (the project WITHDRAWN after a withdrawal) and the place
   * passes on. On the final's award list a winner's written withdrawal
   * vacates its award (not offered on) and leaves the project WITHDRAWN
   * (AwardsService.withdrawWinnerIn). Without a 公示 the heat result alone
   * changes. The heat result, the list, the offer, the letter and their
   * outbox events commit in one transaction: a crash leaves all or nothing.
   */
  async vacate(
    heatId: string,
    projectId: string,
    why: LostWhy,
    reason: string,
    actorId: string,
    // The caller's own decision (the objection upheld, the check failed), in
    // the same transaction: the decision and the lost place never part.
    decision?: (tx: Prisma.TransactionClient) => Promise<void>,
  ): Promise<{ projectId: string; offeredTo: string | null; offerId: string | null }> {
    const place = await this.publicity.placeOf(heatId, projectId);
    const [project] = await this.registration.ownersOf([projectId]);
    const projectTitle = project?.title ?? '';
    const projectStatus = statusAfterPlaceLost(why);
    // A winner's written withdrawal from the final's award list (no next heat).
    const awardWithdrawal = !!place && !place.publicity.toHeatId && projectStatus === 'WITHDRAWN';
    if (place)
      assertHoldsPlace(place.entry.standing as EntryStanding, projectTitle, awardWithdrawal);
    const plan =
      !place || place.publicity.toHeatId
        ? await this.results.planForDueProcess(heatId, projectId, 'ELIMINATED')
        : null;
    // No list and the result already ELIMINATED: there is no place to give up.
    if (!place && !plan)
      throw DomainError.of(
        'PROJECT_HOLDS_NO_PLACE',
        { projectTitle },
        'the project holds no place on this heat',
      );
    const competitionId = place?.publicity.competitionId ?? plan!.competitionId;
    try {
      return await this.prisma.$transaction(async (tx) => {
        if (plan)
          await this.results.applyPlanned(tx, plan, actorId, reason, {
            projectStatus: projectStatus === 'WITHDRAWN' ? 'WITHDRAWN' : undefined,
          });
        // The final's award list: a withdrawn winner's award is vacated (not
        // offered on) and the project WITHDRAWN, through the awards' owner.
        if (awardWithdrawal)
          await this.awards.withdrawWinnerIn(tx, {
            heatId,
            projectId,
            competitionId,
            actorId,
            reason,
          });
        if (why === 'WITHDRAWN')
          await tx.placeWithdrawal.create({
            data: {
              id: randomUUID(),
              heatId,
              projectId,
              competitionId,
              withdrawnById: actorId,
              letter: reason,
            },
          });
        await appendAudit(tx, {
          competitionId,
          actorId,
          action: why === 'WITHDRAWN' ? 'place.withdrawn' : 'place.vacated',
          entityType: 'project',
          entityId: projectId,
          reason,
          data: { heatId, publicityId: place?.publicity.id ?? null, why },
        });
        if (!place) {
          await decision?.(tx);
          return { projectId, offeredTo: null, offerId: null };
        }
        // A freed award is not offered on (docs/due-process.md).
        const moved = await passPlaceOn(
          tx,
          place.publicity.id,
          projectId,
          new Date(),
          actorId,
          { projectId, standing: LOST_STANDING[why], why, reason },
          !awardWithdrawal,
        );
        await decision?.(tx);
        return { projectId, ...moved };
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw DomainError.of('PROJECT_ALREADY_WITHDRAWN', 'the place was given up already');
      throw e;
    }
  }

  // A written withdrawal (弃赛承诺书) from the applicant's project page.
  async withdraw(actor: Actor, projectId: string, dto: WithdrawPlaceDto) {
    await this.assertOwner(actor, projectId);
    return this.vacate(dto.heatId, projectId, 'WITHDRAWN', dto.letter.trim(), actor.id);
  }

  /** The project's written withdrawals (its page shows them). */
  async withdrawalsOf(projectId: string) {
    const rows = await this.prisma.placeWithdrawal.findMany({
      where: { projectId },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map((w) => ({
      heatId: w.heatId,
      letter: w.letter,
      withdrawnAt: w.createdAt.toISOString(),
    }));
  }

  /** The heat's withdrawal letters, for the evidence pack's `withdrawals/` folder. */
  evidenceSection(): EvidenceSection {
    return {
      name: 'withdrawals',
      files: async (heat) => {
        const rows = await this.prisma.placeWithdrawal.findMany({
          where: { heatId: heat.id },
          orderBy: { createdAt: 'asc' },
        });
        const titles = await this.registration.titlesOf(rows.map((r) => r.projectId));
        const names = await this.identity.namesOf(rows.map((r) => r.withdrawnById));
        const items = rows.map((r, i) => ({
          id: r.id,
          projectId: r.projectId,
          title: titles.get(r.projectId) ?? '',
          withdrawnById: r.withdrawnById,
          withdrawnBy: names.get(r.withdrawnById) ?? '',
          withdrawnAt: r.createdAt.toISOString(),
          letter: r.letter,
          file: letterFile(i, titles.get(r.projectId) ?? r.projectId),
        }));
        return [
          { path: 'withdrawals.json', content: JSON.stringify({ items }, null, 2) + '\n' },
          ...items.map((w) => ({
            path: w.file,
            content:
              `弃赛承诺书 / Written withdrawal\n` +
              `项目 / Project: ${w.title} (${w.projectId})\n` +
              `提交人 / By: ${w.withdrawnBy} (${w.withdrawnById})\n` +
              `时间 / At: ${w.withdrawnAt}\n\n` +
              `${w.letter}\n`,
          })),
        ];
      },
      auditEntityIds: async (heat) =>
        (
          await this.prisma.placeWithdrawal.findMany({
            where: { heatId: heat.id },
            select: { projectId: true },
          })
        ).map((w) => w.projectId),
    };
  }

  async accept(actor: Actor, offerId: string) {
    const offer = await this.ownOffer(actor, offerId);
    const [project] = await this.registration.ownersOf([offer.projectId]);
    const title = project?.title ?? '';
    assertOfferOpen(offer as { status: 'OFFERED'; deadline: Date }, new Date(), title);
    const p = await this.publicity.publicity(offer.publicityId);
    const plan = p.toHeatId
      ? await this.results.planForDueProcess(offer.heatId, offer.projectId, 'ADVANCED')
      : null;
    const now = new Date();
    // The heat result moves in the same transaction as the offer and the list.
    await this.prisma.$transaction(async (tx) => {
      const taken = await tx.placeOffer.updateMany({
        where: { id: offerId, status: 'OFFERED', deadline: { gte: now } },
        data: { status: 'ACCEPTED', respondedAt: now },
      });
      if (taken.count !== 1)
        throw DomainError.of('OFFER_NOT_OPEN', { projectTitle: title, status: 'EXPIRED' });
      if (plan) await this.results.applyPlanned(tx, plan, actor.id, `递补：接受名额（${offerId}）`);
      await tx.publicityEntry.update({
        where: {
          publicityId_projectId: { publicityId: offer.publicityId, projectId: offer.projectId },
        },
        data: { standing: 'SUBSTITUTED', note: '递补' },
      });
      await appendAudit(tx, {
        competitionId: offer.competitionId,
        actorId: actor.id,
        action: 'place.accepted',
        entityType: 'offer',
        entityId: offerId,
        data: {
          heatId: offer.heatId,
          projectId: offer.projectId,
          vacatedProjectId: offer.vacatedProjectId,
        },
      });
    });
    const row = await this.prisma.placeOffer.findUniqueOrThrow({ where: { id: offerId } });
    return offerView(row, title);
  }

  async decline(actor: Actor, offerId: string) {
    const offer = await this.ownOffer(actor, offerId);
    const [project] = await this.registration.ownersOf([offer.projectId]);
    const title = project?.title ?? '';
    assertOfferOpen(offer as { status: 'OFFERED'; deadline: Date }, new Date(), title);
    const ended = await this.prisma.$transaction((tx) =>
      endOffer(tx, offerId, 'DECLINED', new Date(), actor.id),
    );
    if (!ended) throw DomainError.of('OFFER_NOT_OPEN', { projectTitle: title, status: 'EXPIRED' });
    const row = await this.prisma.placeOffer.findUniqueOrThrow({ where: { id: offerId } });
    return offerView(row, title);
  }

  async offersOf(projectId: string) {
    const rows = await this.prisma.placeOffer.findMany({
      where: { projectId },
      orderBy: { createdAt: 'asc' },
    });
    const [project] = await this.registration.ownersOf([projectId]);
    return rows.map((o) => offerView(o, project?.title ?? ''));
  }

  private async ownOffer(actor: Actor, offerId: string) {
    const offer = await this.prisma.placeOffer.findUnique({ where: { id: offerId } });
    if (!offer) throw DomainError.notFound('offer', offerId);
    const [project] = await this.registration.ownersOf([offer.projectId]);
    if (project?.ownerId !== actor.id) throw DomainError.notFound('offer', offerId);
    return offer;
  }

  async assertOwner(actor: Actor, projectId: string) {
    const [project] = await this.registration.ownersOf([projectId]);
    if (!project) throw DomainError.notFound('project', projectId);
    if (project.ownerId === actor.id) return project;
    await this.registration.get(actor, projectId); // 404 to whoever may not see it
    throw DomainError.of('PROJECT_OWNER_ONLY', 'only the project owner may do this');
  }
}

// `withdrawals/letters/01-<title>.txt`: one file per letter, hashed in the manifest.
const letterFile = (i: number, title: string) =>
  `letters/${String(i + 1).padStart(2, '0')}-${safeName(title)}.txt`;
