import { createTransport, Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

export interface SmtpFailure {
  permanent: boolean;
  // 530/535 or nodemailer's EAUTH: our credentials are wrong, not the mail.
  auth: boolean;
  // No answer to the message after it may have gone out (a reply timeout, a
  // connection lost mid-send): the server may have accepted it, so sending it
  // again may deliver it twice.
  inDoubt: boolean;
  error: string;
}

// Failures that happen before a message can have reached the server: it
// certainly was not accepted, and retrying cannot deliver it twice.
const NOT_SENT = new Set([
  'CONNECT_TIMEOUT',
  'GREETING_TIMEOUT',
  'UPGRADE_TIMEOUT',
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EDNS',
  'EAUTH',
  'ETLS',
  'EENVELOPE',
  'EMESSAGE',
  'ESTREAM',
  'EPROTOCOL',
]);

export type SendOutcome = { ok: true } | ({ ok: false } & SmtpFailure);

// 5xx replies are permanent for that recipient (bad mailbox, rejected
// content): retrying cannot help. 4xx replies and connection/timeout errors are
// transient. An authentication failure (530, 535) is a 5xx about our own
// configuration, not the mail: it is retried once someone fixes it.
// A failure without any SMTP reply is in doubt unless it is known to come
// before the message was sent (NOT_SENT): nodemailer reports a reply timeout
// after DATA like any socket timeout, so this errs on the side of "may have
// been accepted", which only ever costs a bounded number of attempts.
export function classifySmtpError(error: unknown): SmtpFailure {
  const e = error as {
    responseCode?: number;
    code?: string;
    originalCode?: string;
    timeoutType?: string;
    message?: string;
  };
  const auth = e.code === 'EAUTH' || e.responseCode === 530 || e.responseCode === 535;
  const replied = typeof e.responseCode === 'number';
  const permanent = !auth && replied && e.responseCode! >= 500 && e.responseCode! < 600;
  const notSent = [e.timeoutType, e.originalCode, e.code].some((c) => c != null && NOT_SENT.has(c));
  const inDoubt = !auth && !replied && !notSent;
  const detail = [e.responseCode, e.code, e.timeoutType, e.message]
    .filter((x) => x != null)
    .join(' ');
  return { permanent, auth, inDoubt, error: detail || String(error) };
}

export interface SmtpTimeouts {
  // Connecting and the greeting: a dead server is found out quickly.
  connectMs: number;
  // Every reply once connected, the final one after DATA included.
  replyMs: number;
}

// The only place that speaks SMTP. A pooled transport keeps connections open
// across the many small mails a burst of events produces.
export class MailTransport {
  private readonly transporter: Transporter<SMTPPool.SentMessageInfo>;

  constructor(
    smtpUrl: string,
    timeouts: SmtpTimeouts = { connectMs: 15000, replyMs: 600000 },
    maxConnections = 4,
  ) {
    const options: SMTPPool.Options & { url: string } = {
      url: smtpUrl,
      pool: true,
      maxConnections,
      connectionTimeout: timeouts.connectMs,
      greetingTimeout: timeouts.connectMs,
      // nodemailer's socket timeout is the longest silence while connected:
      // the wait for the final reply after DATA is the one that matters.
      socketTimeout: timeouts.replyMs,
    };
    this.transporter = createTransport(options);
  }

  async send(mail: OutgoingMail): Promise<SendOutcome> {
    try {
      await this.transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
      });
      return { ok: true };
    } catch (error) {
      return { ok: false, ...classifySmtpError(error) };
    }
  }

  close(): void {
    this.transporter.close();
  }
}

// Deterministic, so a mail re-sent after a crash carries the same Message-ID
// and receivers can recognise the duplicate.
export function messageIdFor(notificationId: string, from: string): string {
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? 'roadshow.local';
  return `<${notificationId}@${domain}>`;
}
