import { simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerOptions } from 'smtp-server';
import { AddressInfo } from 'node:net';

export interface RecordedMail {
  from: string;
  to: string[];
  messageId: string | null;
  subject: string | null;
  text: string;
  raw: string;
  receivedAt: Date;
}

// A real SMTP server on loopback that keeps every accepted message, for
// end-to-end tests. `rejectWith` makes it answer a chosen SMTP code instead.
export class SmtpRecorder {
  readonly mails: RecordedMail[] = [];
  rejectWith: { code: number; message: string } | null = null;
  // Per recipient address (a mailbox that does not exist: 550).
  readonly rejectRecipient = new Map<string, { code: number; message: string }>();
  // Holds each message this long before accepting it, to widen the window in
  // which a killed worker has a send in flight.
  delayMs = 0;
  // While set, every message waits for it before the answer (a stalled server).
  private gate?: Promise<void>;
  // Messages received in full and waiting for `hold()`'s release.
  held = 0;
  private server?: SMTPServer;

  // Holds every message until the returned function is called.
  hold(): () => void {
    let release = () => undefined as void;
    this.gate = new Promise<void>((r) => (release = r));
    return () => {
      this.gate = undefined;
      release();
    };
  }

  async start(port = 0): Promise<number> {
    const options: SMTPServerOptions = {
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on(
          'end',
          () =>
            void (async () => {
              if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
              if (this.gate) {
                this.held++;
                await this.gate;
                this.held--;
              }
              const reject =
                this.rejectWith ??
                session.envelope.rcptTo
                  .map((r) => this.rejectRecipient.get(r.address))
                  .find((x) => x !== undefined);
              if (reject) {
                const err = Object.assign(new Error(reject.message), {
                  responseCode: reject.code,
                });
                return callback(err);
              }
              const raw = Buffer.concat(chunks).toString('utf8');
              const parsed = await simpleParser(raw).catch(() => null);
              this.mails.push({
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
                messageId: header(raw, 'Message-ID'),
                subject: decodeWords(header(raw, 'Subject')),
                text: parsed?.text ?? '',
                raw,
                receivedAt: new Date(),
              });
              callback();
            })(),
        );
      },
    };
    this.server = new SMTPServer(options);
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => {
        this.server!.off('error', reject);
        // Later socket errors (a client killed mid-message) are normal here.
        this.server!.on('error', () => undefined);
        resolve();
      });
    });
    return (this.server.server.address() as AddressInfo).port;
  }

  to(address: string): RecordedMail[] {
    return this.mails.filter((m) => m.to.includes(address.toLowerCase()));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

function header(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0];
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(unfolded);
  return m ? m[1].trim() : null;
}

// Decodes RFC 2047 encoded words (=?UTF-8?B?...?= / =?UTF-8?Q?...?=), as
// nodemailer writes non-ASCII subjects.
export function decodeWords(value: string | null): string | null {
  if (value == null) return null;
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(
      /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
      (_m, _charset: string, enc: string, text: string) =>
        enc.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64').toString('utf8')
          : Buffer.from(
              text
                .replace(/_/g, ' ')
                .replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) =>
                  String.fromCharCode(parseInt(h, 16)),
                ),
              'latin1',
            ).toString('utf8'),
    );
}
