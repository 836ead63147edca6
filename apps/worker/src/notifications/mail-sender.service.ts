import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Notification, PrismaService } from '@app/database';
import { MailTransport } from '@app/mail';

export class RetryableMailError extends Error {}

// Sends one notification row at most once per lease: the row is claimed (a
// lease, attempts + 1) before SMTP is spoken to and marked SENT after. A crash
// between the SMTP server's acceptance and the SENT mark is the only way a mail
// goes twice, and then it carries the same Message-ID.
@Injectable()
export class MailSenderService implements OnModuleDestroy {
  private readonly transport: MailTransport;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.transport = new MailTransport(config.SMTP_URL, config.SMTP_TIMEOUT_MS);
    this.logger.setContext('MailSender');
  }

  async deliver(notificationId: string, finalAttempt: boolean): Promise<void> {
    const claimed = await this.prisma.$queryRaw<Notification[]>`
      UPDATE notifications
         SET lease_until = now() + (${this.config.MAIL_LEASE_MS}::int * interval '1 millisecond'),
             attempts = attempts + 1
       WHERE id = ${notificationId}::uuid AND status = 'PENDING'
         AND (lease_until IS NULL OR lease_until < now())
      RETURNING id, recipient, subject, body, message_id AS "messageId", attempts`;
    if (claimed.length === 0) {
      const row = await this.prisma.notification.findUnique({ where: { id: notificationId } });
      if (!row || row.status !== 'PENDING') return; // done already
      throw new RetryableMailError(`notification ${notificationId} is leased by another delivery; retrying later`);
    }
    const n = claimed[0];
    const outcome = await this.transport.send({
      from: this.config.MAIL_FROM,
      to: n.recipient,
      subject: n.subject,
      text: n.body,
      messageId: n.messageId,
    });
    if (outcome.ok) {
      await this.prisma.notification.update({
        where: { id: n.id },
        data: { status: 'SENT', sentAt: new Date(), leaseUntil: null, lastError: null },
      });
      this.logger.info({ notificationId: n.id, recipient: n.recipient, attempts: n.attempts }, 'mail sent');
      return;
    }
    const fail = outcome.permanent || finalAttempt;
    await this.prisma.notification.update({
      where: { id: n.id },
      data: { status: fail ? 'FAILED' : 'PENDING', lastError: outcome.error.slice(0, 1000), leaseUntil: null },
    });
    if (fail) {
      this.logger.error(
        { notificationId: n.id, recipient: n.recipient, error: outcome.error, permanent: outcome.permanent },
        'mail failed for good; check the address or the SMTP server, then re-send from the queue dashboard',
      );
      return;
    }
    throw new RetryableMailError(`SMTP: ${outcome.error}`);
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
