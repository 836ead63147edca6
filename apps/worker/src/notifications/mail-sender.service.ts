import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, LogThrottle } from '@app/config';
import { PgService } from '@app/database';
import {
  INVITATION_TOKEN_SLOT,
  MailTransport,
  SendOutcome,
  fillInvitationToken,
  nextMailAttemptDelay,
} from '@app/mail';

// What one delivery attempt of a mail row came to.
export type DeliveryResult =
  | { kind: 'done' } // sent now, or sent/failed/cancelled before
  | { kind: 'later'; at: Date }; // not due yet, leased by another delivery, or failed temporarily

// A claimed row: what a delivery needs to send it.
interface ClaimedMail {
  id: string;
  eventId: string;
  recipient: string;
  subject: string;
  body: string;
  messageId: string;
  attempts: number;
}

// Sends one notification row at most once per lease: the row is claimed (a
// lease, attempts + 1) before SMTP is spoken to and marked SENT after. A crash
// between the SMTP server's acceptance and the SENT mark is the only way a mail
// goes twice, and then it carries the same Message-ID.
// A temporary failure (4xx, network, our own SMTP credentials) is never final:
// the row stays PENDING with `next_attempt_at` (backoff capped at
// MAIL_RETRY_MAX_MS) until it is sent or a person cancels it. A permanent 5xx
// is final for that recipient: FAILED, which an organiser may re-send.
@Injectable()
export class MailSenderService {
  private readonly transport: MailTransport;
  private readonly authAlert = new LogThrottle(60000);

  constructor(
    // Plain pg, not Prisma: a results release runs these statements for
    // thousands of mails at once, and Prisma's per-query CPU (about 4× pg's)
    // was most of the worker's cost per mail.
    private readonly pg: PgService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.transport = new MailTransport(
      config.SMTP_URL,
      config.SMTP_TIMEOUT_MS,
      config.SMTP_MAX_CONNECTIONS,
    );
    this.logger.setContext('MailSender');
  }

  async deliver(notificationId: string): Promise<DeliveryResult> {
    const { rows: claimed } = await this.pg.pool.query<ClaimedMail>(
      `UPDATE notifications
          SET lease_until = now() + ($2::int * interval '1 millisecond'),
              attempts = attempts + 1
        WHERE id = $1 AND status = 'PENDING'
          AND (lease_until IS NULL OR lease_until < now())
          AND (next_attempt_at IS NULL OR next_attempt_at <= now())
       RETURNING id, event_id AS "eventId", recipient, subject, body, message_id AS "messageId", attempts`,
      [notificationId, this.config.MAIL_LEASE_MS],
    );
    if (claimed.length === 0) {
      const {
        rows: [row],
      } = await this.pg.pool.query<{
        status: string;
        leaseUntil: Date | null;
        nextAttemptAt: Date | null;
      }>(
        `SELECT status, lease_until AS "leaseUntil", next_attempt_at AS "nextAttemptAt"
           FROM notifications WHERE id = $1`,
        [notificationId],
      );
      if (!row || row.status !== 'PENDING') return { kind: 'done' };
      // Leased by another delivery, or waiting for its next attempt: come back then.
      const times = [row.leaseUntil, row.nextAttemptAt].filter((t): t is Date => t != null);
      const at = new Date(Math.max(Date.now() + 100, ...times.map((t) => t.getTime() + 50)));
      return { kind: 'later', at };
    }
    const n = claimed[0];
    const text = await this.withSecrets(n);
    const outcome =
      text === null
        ? ({
            ok: false,
            permanent: true,
            auth: false,
            error: 'the invitation token is no longer kept; invite the user again',
          } satisfies SendOutcome)
        : await this.transport.send({
            from: this.config.MAIL_FROM,
            to: n.recipient,
            subject: n.subject,
            text,
            messageId: n.messageId,
          });
    if (outcome.ok) {
      await this.pg.pool.query(
        `UPDATE notifications
            SET status = 'SENT', sent_at = now(), lease_until = NULL, last_error = NULL,
                next_attempt_at = NULL
          WHERE id = $1`,
        [n.id],
      );
      this.logger.info(
        { notificationId: n.id, recipient: n.recipient, attempts: n.attempts },
        'mail sent',
      );
      return { kind: 'done' };
    }
    const lastError = outcome.error.slice(0, 1000);
    if (outcome.permanent) {
      await this.pg.pool.query(
        `UPDATE notifications
            SET status = 'FAILED', last_error = $2, lease_until = NULL, next_attempt_at = NULL
          WHERE id = $1`,
        [n.id, lastError],
      );
      this.logger.error(
        { notificationId: n.id, recipient: n.recipient, error: outcome.error },
        'mail refused for good by the SMTP server for this recipient; correct the address, then re-send it (POST /api/v1/notifications/:id/resend)',
      );
      return { kind: 'done' };
    }
    const at = new Date(
      Date.now() +
        nextMailAttemptDelay(
          n.attempts,
          this.config.MAIL_RETRY_BASE_MS,
          this.config.MAIL_RETRY_MAX_MS,
        ),
    );
    await this.pg.pool.query(
      `UPDATE notifications
          SET status = 'PENDING', last_error = $2, lease_until = NULL, next_attempt_at = $3
        WHERE id = $1`,
      [n.id, lastError, at],
    );
    if (outcome.auth) {
      this.authAlert.run('smtp-auth', (suppressed) =>
        this.logger.error(
          { error: outcome.error, suppressed },
          'SMTP authentication failed (530/535): the credentials in SMTP_URL are wrong or expired; mails stay due and go out once they are fixed (GET /api/v1/health shows this alert)',
        ),
      );
    } else {
      this.logger.warn(
        { notificationId: n.id, attempts: n.attempts, error: outcome.error, nextAttemptAt: at },
        'mail deferred by a temporary failure; it stays due and is retried',
      );
    }
    return { kind: 'later', at };
  }

  // The body as sent: an invitation's token slot filled from its event, the
  // only place the raw token is kept until its mail is no longer pending.
  private async withSecrets(n: ClaimedMail): Promise<string | null> {
    if (!n.body.includes(INVITATION_TOKEN_SLOT)) return n.body;
    const {
      rows: [event],
    } = await this.pg.pool.query<{ token: unknown }>(
      `SELECT payload->'token' AS token FROM outbox_events WHERE id = $1`,
      [n.eventId],
    );
    const token = event?.token;
    return typeof token === 'string' ? fillInvitationToken(n.body, token) : null;
  }

  // Drops an event's secrets once none of its mails is pending any more.
  async forgetSecrets(eventId: string): Promise<void> {
    await this.pg.pool.query(
      `UPDATE outbox_events SET payload = payload - 'token'
        WHERE id = $1 AND payload ? 'token'
          AND NOT EXISTS (SELECT 1 FROM notifications WHERE event_id = $1 AND status = 'PENDING')`,
      [eventId],
    );
  }

  // Called by the worker's shutdown sequence once no job can use it any more.
  close(): void {
    this.transport.close();
  }
}
