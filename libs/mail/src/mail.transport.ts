import { createTransport, Transporter } from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

export type SendOutcome = { ok: true } | { ok: false; permanent: boolean; error: string };

// 5xx replies are permanent (bad mailbox, rejected content): retrying cannot
// help. 4xx replies and connection/timeout errors are transient.
export function classifySmtpError(error: unknown): { permanent: boolean; error: string } {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
  const detail = [e.responseCode, e.code, e.message].filter((x) => x != null).join(' ');
  return { permanent, error: detail || String(error) };
}

// The only place that speaks SMTP. A pooled transport keeps connections open
// across the many small mails a burst of events produces.
export class MailTransport {
  private readonly transporter: Transporter;

  constructor(smtpUrl: string, timeoutMs = 15000) {
    this.transporter = createTransport({
      url: smtpUrl,
      pool: true,
      maxConnections: 4,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    } as Parameters<typeof createTransport>[0]);
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
