// The launcher's output: every line from itself and its children passes
// through here. In a terminal (and not NODE_ENV=production) pino's JSON lines
// are printed human-readable with pino-pretty; otherwise (a pipe, a file, a
// log collector, production) they pass through as JSON, unchanged.
// LOG_FORMAT=pretty|json overrides the choice.
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { prettyFactory } from 'pino-pretty';

export type LogFormat = 'pretty' | 'json';

export function chooseLogFormat(env: NodeJS.ProcessEnv, isTTY: boolean): LogFormat {
  if (env.LOG_FORMAT === 'pretty' || env.LOG_FORMAT === 'json') return env.LOG_FORMAT;
  return isTTY && env.NODE_ENV !== 'production' ? 'pretty' : 'json';
}

const LEVELS: Record<string, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
};

const BOOT_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

export class LogSink {
  private readonly pretty?: (line: string) => string;
  readonly minLevel: number;

  constructor(
    readonly format: LogFormat,
    level = 'info',
    private readonly out: NodeJS.WritableStream = process.stdout,
  ) {
    this.minLevel = LEVELS[level] ?? 30;
    if (format === 'pretty')
      this.pretty = prettyFactory({
        colorize: true,
        translateTime: 'SYS:HH:MM:ss.l',
        // A request's line says method, path, status and time in its message
        // (apps/api/src/common/request-log.ts): its req/res objects would
        // add a dozen lines each, per request.
        // The process label leads the message, on the same line.
        ignore: 'pid,hostname,req,res,responseTime,reqId,process',
        messageFormat: '{if process}[{process}] {end}{msg}',
        messageKey: 'msg',
      });
  }

  /** One line of output: a pino JSON line is formatted; anything else is printed as is. */
  line(text: string, label?: string): void {
    if (!text.trim()) return;
    if (this.pretty && text.startsWith('{')) {
      try {
        const record = JSON.parse(text) as Record<string, unknown>;
        // Nest's boot chatter (one line per module and route: ~100 lines) says
        // nothing a person at a terminal needs; /api/docs lists the routes.
        if (BOOT_CHATTER.has(String(record.context)) && this.minLevel > LEVELS.debug) return;
        if (label && record.process === undefined) record.process = label;
        this.out.write(this.pretty(JSON.stringify(record)));
        return;
      } catch {
        // not JSON after all: print it as it came
      }
    }
    this.out.write(`${text}\n`);
  }

  /** The launcher's own structured log line. */
  log(level: 'info' | 'warn' | 'error', msg: string, extra: Record<string, unknown> = {}): void {
    if (LEVELS[level] < this.minLevel) return;
    this.line(
      JSON.stringify({
        level: LEVELS[level],
        time: Date.now(),
        pid: process.pid,
        context: 'launcher',
        msg,
        ...extra,
      }),
    );
  }

  /**
   * A mail the local catcher caught. In a terminal: one framed block with the
   * recipient, the subject, the text and its links on lines of their own, so
   * the README's "open the link in the mail" is easy to do. As JSON: one
   * structured line with the links listed.
   */
  mail(m: { to: string[]; subject?: string | null; text?: string | null }): void {
    const text = (m.text ?? '').trimEnd();
    const links = [...new Set(text.match(/https?:\/\/[^\s<>"'）)]+/g) ?? [])];
    if (!this.pretty) {
      this.log('info', 'mail caught', { to: m.to, subject: m.subject, links, text });
      return;
    }
    if (LEVELS.info < this.minLevel) return;
    const rule = '═'.repeat(72);
    this.out.write(
      [
        rule,
        `  邮件 MAIL  →  ${m.to.join(', ')}`,
        `  主题 Subject: ${m.subject ?? ''}`,
        '─'.repeat(72),
        ...text.split('\n').map((l) => `  ${l}`),
        ...(links.length ? ['─'.repeat(72), '  链接 Links:', ...links.map((l) => `    ${l}`)] : []),
        rule,
        '',
      ].join('\n'),
    );
  }

  /** Every line a child prints, on stdout or stderr. */
  follow(stream: Readable | null | undefined, label: string): void {
    if (!stream) return;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (l) => this.line(l, label));
  }
}
