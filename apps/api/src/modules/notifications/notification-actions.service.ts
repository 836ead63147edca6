import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { Actor, DomainError, hasRole } from '@app/domain';
import { CompetitionsService } from '../competitions/competitions.service';

export interface NotificationView {
  id: string;
  type: string;
  recipient: string;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
  createdAt: Date;
}

const VIEW = {
  id: true,
  type: true,
  recipient: true,
  status: true,
  attempts: true,
  lastError: true,
  nextAttemptAt: true,
  sentAt: true,
  createdAt: true,
} as const;

// A person's hand on a mail: re-send one the SMTP server refused for good
// (after the address or the server was fixed), or cancel one still due (a long
// outage made it pointless). The worker's sweeper delivers a re-sent mail
// within RECONCILE_INTERVAL_MS, with its original Message-ID.
@Injectable()
export class NotificationActionsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
  ) {}

  async resend(actor: Actor, id: string): Promise<NotificationView> {
    await this.assertCanManage(actor, id);
    const updated = await this.prisma.notification.updateManyAndReturn({
      where: { id, status: { in: ['FAILED', 'CANCELLED'] } },
      data: {
        status: 'PENDING',
        nextAttemptAt: new Date(),
        leaseUntil: null,
        // A person decided to send it again: sends in doubt count afresh.
        sendsInDoubt: 0,
        resentAt: new Date(),
        resentById: actor.id,
        cancelledAt: null,
        cancelledById: null,
      },
      select: VIEW,
    });
    if (updated.length === 1) return updated[0];
    const row = await this.prisma.notification.findUniqueOrThrow({ where: { id } });
    throw DomainError.of(
      'MAIL_NOT_RESENDABLE',
      { status: row.status },
      `only a FAILED or CANCELLED mail can be re-sent; this one is ${row.status}`,
    );
  }

  async cancel(actor: Actor, id: string): Promise<NotificationView> {
    await this.assertCanManage(actor, id);
    const updated = await this.prisma.$queryRaw<{ id: string }[]>`
      UPDATE notifications
         SET status = 'CANCELLED', cancelled_at = now(), cancelled_by_id = ${actor.id}::uuid,
             next_attempt_at = NULL
       WHERE id = ${id}::uuid AND status = 'PENDING' AND (lease_until IS NULL OR lease_until < now())
      RETURNING id`;
    if (updated.length === 1) {
      return this.prisma.notification.findUniqueOrThrow({ where: { id }, select: VIEW });
    }
    const row = await this.prisma.notification.findUniqueOrThrow({ where: { id } });
    if (row.status === 'PENDING')
      throw DomainError.of(
        'MAIL_SENDING_NOW',
        'this mail is being sent right now; look again in a few seconds',
      );
    throw DomainError.of(
      'MAIL_NOT_CANCELLABLE',
      { status: row.status },
      `only a mail still due (PENDING) can be cancelled; this one is ${row.status}`,
    );
  }

  // Admins reach every mail; an organiser only mails of the competitions they
  // organise: the mail's competition, recorded when it was planned (every
  // mail-sending event names it; older rows were filled in by the migration
  // 20261206170000). Anything else, account mails included, answers 404.
  private async assertCanManage(actor: Actor, id: string): Promise<void> {
    const mail = await this.prisma.notification.findUnique({
      where: { id },
      select: { competitionId: true },
    });
    if (!mail) throw DomainError.notFound('notification', id);
    if (hasRole(actor, 'ADMIN')) return;
    const { competitionId } = mail;
    if (!competitionId) throw DomainError.notFound('notification', id);
    await this.competitions.assertCanManage(actor, competitionId, { resource: 'notification', id });
  }
}
