import { Injectable } from '@nestjs/common';
import { Actor, DomainError, EntryStanding, assertHoldsPlace, assertOfferOpen } from '@app/domain';
import { LostWhy, PrismaService, appendAudit, endOffer, passPlaceOn } from '@app/database';
import { ResultChangeService } from '../heats/result-change.service';
import { RegistrationService } from '../registration/registration.service';
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
    private readonly registration: RegistrationService,
  ) {}

  /**
   * A project loses its place on the heat's list (withdrawal, upheld
   * objection, failed or refused due diligence): its heat result becomes
   * ELIMINATED and the place passes on. Without a 公示 the heat result alone
   * changes.
   */
  async vacate(
    heatId: string,
    projectId: string,
    why: LostWhy,
    reason: string,
    actorId: string,
  ): Promise<{ projectId: string; offeredTo: string | null; offerId: string | null }> {
    const place = await this.publicity.placeOf(heatId, projectId);
    const [project] = await this.registration.ownersOf([projectId]);
    if (place) assertHoldsPlace(place.entry.standing as EntryStanding, project?.title ?? '');
    if (!place || place.publicity.toHeatId)
      await this.results.applyForDueProcess(heatId, projectId, 'ELIMINATED', reason, actorId);
    if (!place) return { projectId, offeredTo: null, offerId: null };
    const moved = await this.prisma.$transaction(async (tx) => {
      await appendAudit(tx, {
        competitionId: place.publicity.competitionId,
        actorId,
        action: why === 'WITHDRAWN' ? 'place.withdrawn' : 'place.vacated',
        entityType: 'project',
        entityId: projectId,
        reason,
        data: { heatId, publicityId: place.publicity.id, why },
      });
      return passPlaceOn(tx, place.publicity.id, projectId, new Date(), actorId, {
        projectId,
        standing: LOST_STANDING[why],
        why,
        reason,
      });
    });
    return { projectId, ...moved };
  }

  // A written withdrawal (弃赛承诺书) from the applicant's project page.
  async withdraw(actor: Actor, projectId: string, dto: WithdrawPlaceDto) {
    await this.assertOwner(actor, projectId);
    return this.vacate(dto.heatId, projectId, 'WITHDRAWN', dto.letter.trim(), actor.id);
  }

  async accept(actor: Actor, offerId: string) {
    const offer = await this.ownOffer(actor, offerId);
    const [project] = await this.registration.ownersOf([offer.projectId]);
    const title = project?.title ?? '';
    assertOfferOpen(offer as { status: 'OFFERED'; deadline: Date }, new Date(), title);
    const p = await this.publicity.publicity(offer.publicityId);
    if (p.toHeatId)
      await this.results.applyForDueProcess(
        offer.heatId,
        offer.projectId,
        'ADVANCED',
        `递补：接受名额（${offerId}）`,
        actor.id,
      );
    const now = new Date();
    await this.prisma.$transaction(async (tx) => {
      const taken = await tx.placeOffer.updateMany({
        where: { id: offerId, status: 'OFFERED', deadline: { gte: now } },
        data: { status: 'ACCEPTED', respondedAt: now },
      });
      if (taken.count !== 1)
        throw DomainError.of('OFFER_NOT_OPEN', { projectTitle: title, status: 'EXPIRED' });
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
