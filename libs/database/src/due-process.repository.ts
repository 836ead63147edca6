// The due-process context's writes that both the api and the worker make
// (docs/due-process.md): a 公示 ending by itself, and a freed place passing
// to the next in the ranking (递补), whether the organiser frees it or an
// offer's deadline passes. Each is conditional on the row's state, so several
// workers (or a worker and an api) may run it at once without doing it twice.
// Reads and writes only the due-process tables, the outbox and the audit log.
import {
  EntryStanding,
  VacancyRule,
  isOpenObjection,
  nextInLine,
  publicityAfter,
  type ObjectionStatus,
  type PublicityStatus,
} from '@app/domain';
import { randomUUID } from 'node:crypto';
import { Tx, appendAudit, appendEvent } from './outbox.writer';

export type LostWhy =
  'WITHDRAWN' | 'DISQUALIFIED' | 'FAILED_DILIGENCE' | 'REFUSED_DILIGENCE' | 'RERANKED';

const recipientOf = (e: {
  ownerId: string;
  ownerEmail: string;
  ownerName: string;
  ownerLocale: string;
}) => ({ userId: e.ownerId, email: e.ownerEmail, name: e.ownerName, locale: e.ownerLocale });

async function lockPublicity(tx: Tx, publicityId: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`publicity:${publicityId}`}))`;
  return tx.publicity.findUnique({ where: { id: publicityId } });
}

/**
 * Moves a 公示 on at `now`: ACTIVE past its end becomes FINAL with no open
 * objection (owners told, audited) or HELD with one (audited). Returns the
 * new status, or null when nothing changed.
 */
export async function settlePublicity(
  tx: Tx,
  publicityId: string,
  now: Date,
  actorId: string | null,
): Promise<PublicityStatus | null> {
  const p = await lockPublicity(tx, publicityId);
  if (!p || p.status === 'FINAL') return null;
  const objections = await tx.objection.findMany({
    where: { publicityId },
    select: { status: true },
  });
  const open = objections.filter((o) => isOpenObjection(o.status as ObjectionStatus)).length;
  const next = publicityAfter({ status: p.status as PublicityStatus, endsAt: p.endsAt }, open, now);
  if (next === p.status) return null;
  await tx.publicity.update({
    where: { id: publicityId },
    data: { status: next, finalisedAt: next === 'FINAL' ? now : null },
  });
  await appendAudit(tx, {
    competitionId: p.competitionId,
    actorId,
    action: next === 'FINAL' ? 'publicity.finalised' : 'publicity.held',
    entityType: 'publicity',
    entityId: publicityId,
    data: { heatId: p.heatId, endsAt: p.endsAt.toISOString(), openObjections: open },
  });
  if (next === 'FINAL') {
    const entries = await tx.publicityEntry.findMany({ where: { publicityId } });
    const byOwner = new Map<string, { owner: ReturnType<typeof recipientOf>; titles: string[] }>();
    for (const e of entries.sort((a, b) => a.position - b.position)) {
      const o = byOwner.get(e.ownerId) ?? { owner: recipientOf(e), titles: [] };
      o.titles.push(e.title);
      byOwner.set(e.ownerId, o);
    }
    await appendEvent(tx, 'due-process.publicity-final', publicityId, {
      competitionId: p.competitionId,
      publicityId,
      competitionName: p.competitionName,
      heatName: p.heatName,
      owners: [...byOwner.values()],
    });
  }
  return next;
}

/** 公示 whose period has ended and that are not final yet (the scheduler's work list). */
export function duePublicities(tx: Tx, now: Date) {
  return tx.publicity.findMany({
    where: { status: 'ACTIVE', endsAt: { lte: now } },
    select: { id: true },
  });
}

/**
 * A place on the list was freed (`vacated`, with why) or an offer of it ended
 * (declined, expired): the stage's rule gives it to the next in the ranking,
 * who is offered it with a deadline, or leaves it empty. Writes one event
 * naming who lost the place (when `lost`) and who is offered it.
 */
export async function passPlaceOn(
  tx: Tx,
  publicityId: string,
  vacatedProjectId: string,
  now: Date,
  actorId: string | null,
  lost: { projectId: string; standing: EntryStanding; why: LostWhy; reason: string } | null,
  // False when the place is not freed but taken by another (a re-ranking).
  passOn = true,
): Promise<{ offeredTo: string | null; offerId: string | null }> {
  const p = await lockPublicity(tx, publicityId);
  if (!p) return { offeredTo: null, offerId: null };
  const entries = await tx.publicityEntry.findMany({ where: { publicityId } });
  const byId = new Map(entries.map((e) => [e.projectId, e]));
  const lostEntry = lost ? byId.get(lost.projectId) : undefined;
  if (lost && lostEntry) {
    await tx.publicityEntry.update({
      where: { publicityId_projectId: { publicityId, projectId: lost.projectId } },
      data: { standing: lost.standing, note: lost.reason },
    });
    lostEntry.standing = lost.standing;
  }
  const offered = await tx.placeOffer.findMany({
    where: { publicityId },
    select: { projectId: true },
  });
  const next = !passOn
    ? null
    : nextInLine(
        entries.map((e) => ({
          projectId: e.projectId,
          position: e.position,
          standing: e.standing as EntryStanding,
        })),
        p.vacancyRule as VacancyRule,
        new Set(offered.map((o) => o.projectId)),
      );
  let offer: { id: string; deadline: Date; entry: (typeof entries)[number] } | null = null;
  if (next) {
    const entry = byId.get(next.projectId)!;
    const id = randomUUID();
    const deadline = new Date(now.getTime() + p.offerHours * 3600 * 1000);
    await tx.placeOffer.create({
      data: {
        id,
        publicityId,
        heatId: p.heatId,
        competitionId: p.competitionId,
        projectId: next.projectId,
        vacatedProjectId,
        status: 'OFFERED',
        deadline,
        createdAt: now,
      },
    });
    await tx.publicityEntry.update({
      where: { publicityId_projectId: { publicityId, projectId: next.projectId } },
      data: { standing: 'OFFERED' },
    });
    offer = { id, deadline, entry };
  }
  if (passOn)
    await appendAudit(tx, {
      competitionId: p.competitionId,
      actorId,
      action: offer ? 'place.offered' : 'place.left-empty',
      entityType: offer ? 'offer' : 'publicity',
      entityId: offer?.id ?? publicityId,
      reason: lost?.reason ?? null,
      data: {
        heatId: p.heatId,
        vacatedProjectId,
        offeredTo: offer?.entry.projectId ?? null,
        deadline: offer?.deadline.toISOString() ?? null,
        rule: p.vacancyRule,
      },
    });
  if (lostEntry || offer)
    await appendEvent(tx, 'due-process.place-changed', publicityId, {
      competitionId: p.competitionId,
      competitionName: p.competitionName,
      heatName: p.heatName,
      timeZone: p.timeZone,
      lost:
        lost && lostEntry
          ? {
              owner: recipientOf(lostEntry),
              title: lostEntry.title,
              why: lost.why,
              reason: lost.reason,
            }
          : null,
      offered: offer
        ? {
            owner: recipientOf(offer.entry),
            title: offer.entry.title,
            offerId: offer.id,
            deadline: offer.deadline.toISOString(),
          }
        : null,
    });
  return { offeredTo: offer?.entry.projectId ?? null, offerId: offer?.id ?? null };
}

/**
 * Ends an offer (declined by the team, or its deadline passed) and passes the
 * place on. False when the offer was no longer open (answered, or ended by
 * another process).
 */
export async function endOffer(
  tx: Tx,
  offerId: string,
  status: 'DECLINED' | 'EXPIRED',
  now: Date,
  actorId: string | null,
): Promise<boolean> {
  const offer = await tx.placeOffer.findUnique({ where: { id: offerId } });
  if (!offer) return false;
  await lockPublicity(tx, offer.publicityId);
  const ended = await tx.placeOffer.updateMany({
    where: {
      id: offerId,
      status: 'OFFERED',
      ...(status === 'EXPIRED' ? { deadline: { lte: now } } : {}),
    },
    data: { status, respondedAt: now },
  });
  if (ended.count !== 1) return false;
  await tx.publicityEntry.update({
    where: {
      publicityId_projectId: { publicityId: offer.publicityId, projectId: offer.projectId },
    },
    data: { standing: 'ELIMINATED', note: status === 'DECLINED' ? '放弃递补' : '逾期未确认递补' },
  });
  await appendAudit(tx, {
    competitionId: offer.competitionId,
    actorId,
    action: status === 'DECLINED' ? 'place.declined' : 'place.expired',
    entityType: 'offer',
    entityId: offerId,
    data: {
      heatId: offer.heatId,
      projectId: offer.projectId,
      deadline: offer.deadline.toISOString(),
    },
  });
  await passPlaceOn(tx, offer.publicityId, offer.vacatedProjectId, now, actorId, null);
  return true;
}

/** Offers whose deadline has passed unanswered (the scheduler's work list). */
export function dueOffers(tx: Tx, now: Date) {
  return tx.placeOffer.findMany({
    where: { status: 'OFFERED', deadline: { lte: now } },
    select: { id: true },
  });
}
