import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHmac, createSecretKey, KeyObject, randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PrismaService, appendAudit } from '@app/database';
import { Actor, DomainError } from '@app/domain';
import { RANKING_UPDATED_CHANNEL } from '@app/events';
import { IdentityService } from '../identity/identity.service';
import { UserAccessService } from '../identity/user-access.service';
import { RoundViewCache } from './round-view-cache';
import { RoundsService } from './rounds.service';

// How long a ticket found good is taken as good without reading it again,
// when nothing on its round changed meanwhile (a revocation wakes the round,
// so it ends screens at once; an issuer's loss of access, which does not, is
// noticed within this). A hall of phones opening one link costs one read.
const TICKET_STANDING_MAX_AGE_MS = 10_000;

export const STREAM_TICKET_AUDIENCE = 'ranking-stream';
export const STREAM_TICKET_TTL_S = 15 * 60;

interface TicketClaims {
  sub: string;
  aud: string;
  jti?: string;
  purpose: string;
}

export type TicketEnd = 'REVOKED' | 'ISSUER_LOST_ACCESS';
export type TicketCheck =
  { ok: true; renewed?: { ticket: string; expiresAt: Date } } | { ok: false; reason: TicketEnd };

export interface ScreenTicketView {
  id: string;
  roundId: string;
  issuedBy: { id: string; name: string };
  issuedAt: Date;
  expiresAt: Date;
  renewedAt: Date | null;
  status: 'ACTIVE' | 'EXPIRED' | TicketEnd;
  revokedAt: Date | null;
  revokedBy: { id: string; name: string } | null;
}

/**
 * Tickets that open one round's roadshow stream without a login: the big
 * screen's URL carries one. Signed with a key derived from JWT_SECRET for
 * this purpose only (so no access-token check can accept one, and no access
 * token opens the screen), with the round as subject and their own audience.
 * Each names a `screen_tickets` row (jti): the organisers list and revoke
 * them, and a ticket is accepted and renewed only while its issuer may still
 * manage the round (a co-organiser removed, an account disabled or demoted
 * ends every screen they opened).
 */
@Injectable()
export class StreamTicketService {
  private readonly key: KeyObject;

  constructor(
    private readonly jwt: JwtService,
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
    private readonly access: UserAccessService,
    private readonly identity: IdentityService,
    private readonly cache: RoundViewCache,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.key = createSecretKey(
      createHmac('sha256', config.JWT_SECRET).update('roadshow stream ticket v1').digest(),
    );
  }

  async issue(actor: Actor, roundId: string): Promise<{ ticket: string; expiresAt: Date }> {
    const round = await this.rounds.managed(actor, roundId);
    const id = randomUUID();
    const expiresAt = new Date(Date.now() + STREAM_TICKET_TTL_S * 1000);
    await this.prisma.$transaction(async (tx) => {
      await tx.screenTicket.create({ data: { id, roundId, issuedById: actor.id, expiresAt } });
      await appendAudit(tx, {
        competitionId: round.competitionId,
        actorId: actor.id,
        action: 'round.screen-ticket-issued',
        entityType: 'round',
        entityId: roundId,
        data: { ticketId: id },
      });
    });
    return { ticket: await this.sign(id, roundId), expiresAt };
  }

  /** The ticket's id when it is an unexpired, unrevoked ticket of this very round whose issuer still has access. */
  async accepts(ticket: string | undefined, roundId: string): Promise<string | null> {
    if (!ticket) return null;
    let claims: TicketClaims;
    try {
      claims = await this.jwt.verifyAsync<TicketClaims>(ticket, {
        secret: this.key as unknown as string,
        audience: STREAM_TICKET_AUDIENCE,
        subject: roundId,
      });
    } catch {
      return null;
    }
    if (claims.purpose !== 'screen' || !claims.jti) return null;
    return (await this.check(claims.jti, roundId, false)).ok ? claims.jti : null;
  }

  /**
   * Whether an open screen may stay open; with `renew`, a fresh ticket for it.
   * A ticket found revoked or whose issuer lost access is ended for good.
   */
  async check(ticketId: string, roundId: string, renew: boolean): Promise<TicketCheck> {
    if (renew) return this.checkNow(ticketId, roundId, true);
    return this.cache.read(roundId, `ticket:${ticketId}`, TICKET_STANDING_MAX_AGE_MS, () =>
      this.checkNow(ticketId, roundId, false),
    );
  }

  private async checkNow(ticketId: string, roundId: string, renew: boolean): Promise<TicketCheck> {
    const row = await this.prisma.screenTicket.findUnique({ where: { id: ticketId } });
    if (!row || row.roundId !== roundId) return { ok: false, reason: 'REVOKED' };
    if (row.revokedAt) return { ok: false, reason: (row.endReason as TicketEnd) ?? 'REVOKED' };
    if (!(await this.issuerMayManage(row.issuedById, roundId))) {
      await this.prisma.screenTicket.updateMany({
        where: { id: ticketId, revokedAt: null },
        data: { revokedAt: new Date(), endReason: 'ISSUER_LOST_ACCESS' },
      });
      return { ok: false, reason: 'ISSUER_LOST_ACCESS' };
    }
    if (!renew) return { ok: true };
    const expiresAt = new Date(Date.now() + STREAM_TICKET_TTL_S * 1000);
    await this.prisma.screenTicket.update({
      where: { id: ticketId },
      data: { expiresAt, renewedAt: new Date() },
    });
    return { ok: true, renewed: { ticket: await this.sign(ticketId, roundId), expiresAt } };
  }

  async list(actor: Actor, roundId: string): Promise<ScreenTicketView[]> {
    await this.rounds.managed(actor, roundId);
    const rows = await this.prisma.screenTicket.findMany({
      where: { roundId },
      orderBy: { issuedAt: 'desc' },
      take: 200,
    });
    const users = await this.identity.findUsers([
      ...new Set(rows.flatMap((r) => [r.issuedById, ...(r.revokedById ? [r.revokedById] : [])])),
    ]);
    const names = new Map(users.map((u) => [u.id, u.name]));
    const who = (id: string) => ({ id, name: names.get(id) ?? '' });
    const now = Date.now();
    return rows.map((r) => ({
      id: r.id,
      roundId: r.roundId,
      issuedBy: who(r.issuedById),
      issuedAt: r.issuedAt,
      expiresAt: r.expiresAt,
      renewedAt: r.renewedAt,
      status: r.revokedAt
        ? ((r.endReason as TicketEnd | null) ?? 'REVOKED')
        : r.expiresAt.getTime() <= now
          ? 'EXPIRED'
          : 'ACTIVE',
      revokedAt: r.revokedAt,
      revokedBy: r.revokedById ? who(r.revokedById) : null,
    }));
  }

  /** Ends a ticket: refused from now on, and the screens open with it close. */
  async revoke(actor: Actor, roundId: string, ticketId: string): Promise<ScreenTicketView> {
    const round = await this.rounds.managed(actor, roundId);
    const row = await this.prisma.screenTicket.findUnique({ where: { id: ticketId } });
    if (!row || row.roundId !== roundId) throw DomainError.notFound('screenTicket', ticketId);
    if (!row.revokedAt) {
      await this.prisma.$transaction(async (tx) => {
        const ended = await tx.screenTicket.updateMany({
          where: { id: ticketId, revokedAt: null },
          data: { revokedAt: new Date(), revokedById: actor.id, endReason: 'REVOKED' },
        });
        if (ended.count !== 1) return;
        await appendAudit(tx, {
          competitionId: round.competitionId,
          actorId: actor.id,
          action: 'round.screen-ticket-revoked',
          entityType: 'round',
          entityId: roundId,
          data: { ticketId, issuedById: row.issuedById },
        });
        // Wakes the round's open screens, which check their ticket and close.
        await tx.$executeRaw`SELECT pg_notify(${RANKING_UPDATED_CHANNEL}, ${roundId})`;
      });
    }
    return (await this.list(actor, roundId)).find((t) => t.id === ticketId)!;
  }

  private async issuerMayManage(userId: string, roundId: string): Promise<boolean> {
    const access = await this.access.current(userId);
    if (!access || access.disabled) return false;
    try {
      await this.rounds.managed({ id: userId, roles: access.roles }, roundId);
      return true;
    } catch (e) {
      if (e instanceof DomainError) return false;
      throw e;
    }
  }

  private sign(ticketId: string, roundId: string): Promise<string> {
    return this.jwt.signAsync(
      { purpose: 'screen' },
      {
        secret: this.key as unknown as string,
        subject: roundId,
        audience: STREAM_TICKET_AUDIENCE,
        jwtid: ticketId,
        expiresIn: STREAM_TICKET_TTL_S,
      },
    );
  }
}
