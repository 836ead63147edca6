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
  error: string;
}

export type SendOutcome = { ok: true } | ({ ok: false } & SmtpFailure);

// 5xx replies are permanent for that recipient (bad mailbox, rejected
// content): retrying cannot help. 4xx replies and connection/timeout errors are
// transient. An authentication failure (530, 535) is a 5xx about our own
// configuration, not the mail: it is retried once someone fixes it.
export function classifySmtpError(error: unknown): SmtpFailure {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const auth = e.code === 'EAUTH' || e.responseCode === 530 || e.responseCode === 535;
  const permanent =
    !auth && typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
  const detail = [e.responseCode, e.code, e.message].filter((x) => x != null).join(' ');
  return { permanent, auth, error: detail || String(error) };
}

// The only place that speaks SMTP. A pooled transport keeps connections open
// across the many small mails a burst of events produces.
export class MailTransport {
  private readonly transporter: Transporter<SMTPPool.SentMessageInfo>;

  constructor(smtpUrl: string, timeoutMs = 15000, maxConnections = 4) {
    const options: SMTPPool.Options & { url: string } = {
      url: smtpUrl,
      pool: true,
      maxConnections,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
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
