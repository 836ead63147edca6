import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import pLimit from 'p-limit';
import { APP_CONFIG, AppConfig, LogThrottle } from '@app/config';
import { PgService } from '@app/database';
import {
  INVITATION_TOKEN_SLOT,
  MailTransport,
  SendOutcome,
  fillInvitationToken,
  nextMailAttemptDelay,
} from '@app/mail';
import { WriteGate } from './write-gate';

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
  sendsInDoubt: number;
}

// A write that failed for want of the database (connection lost, disk full,
// shutting down, a lock or serialization conflict) may work later; any other
// SQLSTATE (a bug, a constraint) would fail for ever and is not retried.
const RETRIED_SQLSTATE_CLASSES = ['08', '40', '53', '55', '57', '58'];
function writeMayWorkLater(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // Node's own codes (ECONNRESET, EPIPE…) or none: the connection, not the statement.
  if (typeof code !== 'string' || code.length !== 5 || code.startsWith('E')) return true;
  return RETRIED_SQLSTATE_CLASSES.includes(code.slice(0, 2));
}

// A failure, a retry or a lease renewal is written only while the row is still
// this delivery's claim: PENDING with the attempt number the claim drew
// (parameter $n). A delivery whose lease ran out (its renewals did not get
// through, its process stalled) may find its mail re-claimed, sent and marked
// by another, or cancelled: its late outcome must not be written over theirs
// (a SENT mail put back to PENDING goes out once more). SENT is written
// whoever holds the claim: the mail did go out.
const ownClaim = (n: number) => `status = 'PENDING' AND attempts = $${n}`;

// The start of `last_error` for a mail given up on because it may have arrived
// already; the api's /health counts these as an alert.
export const IN_DOUBT_ERROR_PREFIX = 'in doubt:';

// Sends one notification row at most once per lease: the row is claimed (a
// lease, attempts + 1) before SMTP is spoken to and marked SENT after. A crash
// between the SMTP server's acceptance and the SENT mark is the only way a mail
// goes twice, and then it carries the same Message-ID.
// A mark that fails (the database refuses writes: disk full) is retried until
// it is written, and meanwhile no delivery in this process sends anything
// (WriteGate): a mail sent but not marked would be sent again.
// A temporary failure (4xx, network, our own SMTP credentials) is never final:
// the row stays PENDING with `next_attempt_at` (backoff capped at
// MAIL_RETRY_MAX_MS) until it is sent or a person cancels it. A permanent 5xx
// is final for that recipient: FAILED, which an organiser may re-send. A send
// whose outcome is unknown (a reply timeout after the message went out, a
// worker killed mid-send) counts in `sends_in_doubt`; at
// MAIL_MAX_SENDS_IN_DOUBT the mail is FAILED for a person to check instead of
// being sent yet again, so a server that accepts slowly gets it a bounded
// number of times, always with the same Message-ID.
@Injectable()
export class MailSenderService {
  private readonly transport: MailTransport;
  private readonly authAlert = new LogThrottle(60000);
  private readonly writeLog = new LogThrottle(10000);
  private readonly gate = new WriteGate();
  // Deliveries in flight in this process, whatever job they belong to: twice
  // the SMTP pool keeps every connection busy while the next claim is written,
  // and a mail is claimed only when a slot is free to send it.
  private readonly slots: ReturnType<typeof pLimit>;
  private closing = false;

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
      { connectMs: config.SMTP_TIMEOUT_MS, replyMs: config.SMTP_REPLY_TIMEOUT_MS },
      config.SMTP_MAX_CONNECTIONS,
    );
    this.slots = pLimit(config.SMTP_MAX_CONNECTIONS * 2);
    this.logger.setContext('MailSender');
  }

  deliver(notificationId: string): Promise<DeliveryResult> {
    return this.slots(() => this.deliverNow(notificationId));
  }

  private async deliverNow(notificationId: string): Promise<DeliveryResult> {
    // No new claim while a mark is failing: the database refuses writes.
    await this.gate.open();
    // A claim of a row whose last lease ended without an outcome (the worker
    // died, or its mark never got written) follows a send in doubt.
    const { rows: claimed } = await this.pg.pool.query<ClaimedMail>(
      `UPDATE notifications
          SET lease_until = now() + ($2::int * interval '1 millisecond'),
              attempts = attempts + 1,
              sends_in_doubt = sends_in_doubt + (lease_until IS NOT NULL)::int
        WHERE id = $1 AND status = 'PENDING'
          AND (lease_until IS NULL OR lease_until < now())
          AND (next_attempt_at IS NULL OR next_attempt_at <= now())
       RETURNING id, event_id AS "eventId", recipient, subject, body, message_id AS "messageId",
                 attempts, sends_in_doubt AS "sendsInDoubt"`,
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
    if (n.sendsInDoubt >= this.config.MAIL_MAX_SENDS_IN_DOUBT) return this.giveUpInDoubt(n);
    const text = await this.withSecrets(n);
    await this.gate.open();
    const outcome =
      text === null
        ? ({
            ok: false,
            permanent: true,
            auth: false,
            inDoubt: false,
            error: 'the invitation token is no longer kept; invite the user again',
          } satisfies SendOutcome)
        : await this.sendLeased(n, text);
    if (outcome.ok) {
      await this.record(
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
      await this.record(
        `UPDATE notifications
            SET status = 'FAILED', last_error = $2, lease_until = NULL, next_attempt_at = NULL
          WHERE id = $1 AND ${ownClaim(3)}`,
        [n.id, lastError, n.attempts],
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
    await this.record(
      `UPDATE notifications
          SET status = 'PENDING', last_error = $2, lease_until = NULL, next_attempt_at = $3,
              sends_in_doubt = sends_in_doubt + $4::int
        WHERE id = $1 AND ${ownClaim(5)}`,
      [n.id, lastError, at, outcome.inDoubt ? 1 : 0, n.attempts],
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
        {
          notificationId: n.id,
          attempts: n.attempts,
          inDoubt: outcome.inDoubt,
          error: outcome.error,
          nextAttemptAt: at,
        },
        outcome.inDoubt
          ? 'mail sent without an answer from the SMTP server (it may have arrived); tried again with the same Message-ID, up to MAIL_MAX_SENDS_IN_DOUBT times'
          : 'mail deferred by a temporary failure; it stays due and is retried',
      );
    }
    return { kind: 'later', at };
  }

  // Sends a claimed mail, keeping its lease while the server takes its time
  // (a final reply may take minutes, longer than MAIL_LEASE_MS).
  private async sendLeased(n: ClaimedMail, text: string): Promise<SendOutcome> {
    const renew = setInterval(
      () =>
        void this.pg.pool
          .query(
            `UPDATE notifications
                SET lease_until = now() + ($2::int * interval '1 millisecond')
              WHERE id = $1 AND ${ownClaim(3)}`,
            [n.id, this.config.MAIL_LEASE_MS, n.attempts],
          )
          .catch(() => undefined),
      Math.max(1000, Math.floor(this.config.MAIL_LEASE_MS / 2)),
    );
    try {
      return await this.transport.send({
        from: this.config.MAIL_FROM,
        to: n.recipient,
        subject: n.subject,
        text,
        messageId: n.messageId,
      });
    } finally {
      clearInterval(renew);
    }
  }

  private async giveUpInDoubt(n: ClaimedMail): Promise<DeliveryResult> {
    const error = `${IN_DOUBT_ERROR_PREFIX} sent ${n.sendsInDoubt} time(s) without the SMTP server confirming it (a reply timeout or a lost connection); it may have arrived. Ask the recipient or check the server's log before re-sending it`;
    await this.record(
      `UPDATE notifications
          SET status = 'FAILED', last_error = $2, lease_until = NULL, next_attempt_at = NULL
        WHERE id = $1 AND ${ownClaim(3)}`,
      [n.id, error, n.attempts],
    );
    this.logger.error(
      { notificationId: n.id, recipient: n.recipient, sendsInDoubt: n.sendsInDoubt },
      'mail given up on after MAIL_MAX_SENDS_IN_DOUBT sends the SMTP server never confirmed; it may have arrived: check, then re-send it if not (POST /api/v1/notifications/:id/resend)',
    );
    return { kind: 'done' };
  }

  // Writes what became of a mail, however long the database refuses writes:
  // while it does, the gate stops every delivery of this process before it
  // claims or sends, so no further mail goes out unrecorded. Ends only when
  // the row is written or the worker shuts down (then the lease runs out and
  // the mail counts as a send in doubt).
  private async record(text: string, params: unknown[]): Promise<void> {
    let closed = false;
    try {
      for (let delay = 100; ; delay = Math.min(delay * 2, 5000)) {
        try {
          await this.pg.pool.query(text, params);
          return;
        } catch (error) {
          if (this.closing || !writeMayWorkLater(error)) throw error;
          if (!closed) {
            closed = true;
            this.gate.close();
          }
          this.writeLog.run('mark', (suppressed) =>
            this.logger.warn(
              { err: String(error), suppressed, notificationId: params[0] },
              'could not record a mail outcome; sending stops until the database takes writes again',
            ),
          );
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    } finally {
      if (closed) this.gate.release();
    }
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
    this.closing = true;
    this.transport.close();
  }
}
