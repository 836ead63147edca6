import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { ProcessMemory } from '../tests/support/stack';

export const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

export const pct = (xs: number[], p: number) =>
  xs.length
    ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]
    : NaN;
export const ms = (x: number) => `${x.toFixed(1)} ms`;
export const perSec = (x: number) => `${x.toFixed(0)}/s`;
export const ratio = (x: number) => `${x.toFixed(2)}×`;

export type Row = [measure: string, value: string, baseline: string, ratio: string, goal?: string];

export interface ScenarioResult {
  title: string;
  rows: Row[];
  memory: ProcessMemory[];
  notes: string[];
}

export function printResult(r: ScenarioResult): void {
  console.log(`\n### ${r.title}\n`);
  console.log('| measure | value | baseline (same run) | ratio | goal |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const row of r.rows) console.log(`| ${row.join(' | ')}${row.length === 4 ? ' |  |' : ' |'}`);
  const self = process.resourceUsage().maxRSS / 1024;
  const mem = [
    ...r.memory.map((m) => `${m.label} ${m.peakRssMb.toFixed(0)} MB`),
    `load generator (this process, whole run) ${self.toFixed(0)} MB`,
  ];
  console.log(`\nPeak RSS: ${mem.join(', ')}`);
  for (const n of r.notes) console.log(`\n${n}`);
}

// Runs `tasks` with at most `concurrency` in flight; each task's latency recorded.
export async function runConcurrently<T>(
  items: T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<{ seconds: number; latencies: number[]; lastDone: number }> {
  const latencies: number[] = [];
  let next = 0;
  let lastDone = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        const t = performance.now();
        await task(items[i], i);
        lastDone = performance.now();
        latencies.push(lastDone - t);
      }
    }),
  );
  return { seconds: (lastDone - start) / 1000, latencies, lastDone };
}

/**
 * Open-loop arrivals: `count` tasks started evenly over `seconds` whether or
 * not the earlier ones finished (visitors do not wait for each other), each
 * task's latency measured from its own start.
 */
export async function runAtRate(
  count: number,
  seconds: number,
  task: (index: number) => Promise<void>,
): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  const start = performance.now();
  const running: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * seconds * 1000) / count;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const t = performance.now();
    running.push(task(i).then(() => void latencies.push(performance.now() - t)));
  }
  await Promise.all(running);
  return { seconds: (performance.now() - start) / 1000, latencies };
}

export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = 300000,
  everyMs = 10,
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await probe()) return performance.now();
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface SunkMail {
  to: string[];
  messageId: string | null;
  subject: string | null;
}

// A loopback SMTP sink that keeps only the envelope, Message-ID and Subject:
// parsing whole messages would make the sink, not the sender, the bottleneck.
export class SmtpSink {
  readonly mails: SunkMail[] = [];
  private server?: SMTPServer;

  // `delayMs`: how long the sink takes to give its final reply to each message
  // (a real server's queueing and disk write; 0 answers at once).
  constructor(private readonly delayMs = 0) {}

  async start(): Promise<number> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        let head = '';
        stream.on('data', (c: Buffer) => {
          if (head.length < 4096) head += c.toString('utf8');
        });
        stream.on('end', () => void settle());
        const settle = async () => {
          if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
          const header = (name: string) =>
            new RegExp(`^${name}:\\s*(.+)$`, 'mi').exec(head)?.[1]?.trim() ?? null;
          this.mails.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            messageId: header('Message-ID'),
            subject: header('Subject'),
          });
          callback();
        };
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

// Rate limits off (0) for the load generator's single IP; the bench measures throughput.
export const BENCH_ENV: Record<string, string> = {
  LOG_LEVEL: 'warn',
  RATE_LIMIT_MAX: '0',
  AUTH_RATE_LIMIT_IP_MAX: '0',
  AUTH_RATE_LIMIT_ACCOUNT_MAX: '0',
  LOGIN_FAILURES_MAX: '0',
  LOGIN_FAILURES_ACCOUNT_MAX: '0',
  PASSWORD_RESET_MAX: '0',
};

// The load generator's HTTP client: node:http over kept-alive sockets. fetch
// cost about 1.2 ms of CPU per request here, as much as the api spent
// answering it, and on this one machine that CPU is taken from the api.
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

export function sendJson(
  method: string,
  url: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; body: string }> {
  const payload = body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          ...(body !== undefined && {
            'content-type': 'application/json',
            'content-length': payload.length,
          }),
          ...(token && { authorization: `Bearer ${token}` }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
