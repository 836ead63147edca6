import { ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { Server, createServer } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { SmtpRecorder } from '../../libs/testing/src/smtp-recorder';
import { cloneTemplateDatabase, testDatabaseName } from './database';
import { BASE_REDIS_URL, REPO_ROOT, databaseUrl } from './env';

const ROOT = REPO_ROOT;

export async function freePort(): Promise<number> {
  return (await freePorts(1))[0];
}

// `count` different free ports: every one is held until all are chosen, so
// the kernel cannot hand the same port out twice.
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const srv = createServer();
      srv.unref();
      servers.push(srv);
      await new Promise<void>((resolve, reject) => {
        srv.once('error', reject);
        srv.listen(0, '127.0.0.1', () => resolve());
      });
    }
    return servers.map((srv) => (srv.address() as { port: number }).port);
  } finally {
    await Promise.all(
      servers.map((srv) => new Promise<void>((resolve) => srv.close(() => resolve()))),
    );
  }
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 30000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last instanceof Error ? last.message : JSON.stringify(last)}` : ''}`,
  );
}

export interface HttpResult<T = any> {
  status: number;
  body: T;
}

export const E2E_JWT_SECRET = 'e2e-secret-0123456789abcdef';

export const ADMIN = { email: 'admin@e2e.test', password: 'Roadshow-Admin-2026!' };

export interface StackOptions {
  redisUrl?: string;
  // The database URL the api and worker get, e.g. through a TcpProxy (fault tests).
  databaseVia?: (databaseUrl: string) => string;
  // The same for the worker alone (a database outage only the worker sees).
  workerDatabaseVia?: (databaseUrl: string) => string;
  env?: Record<string, string>;
  // Extra node flags for the api (e.g. --cpu-prof when profiling the benchmark).
  apiNodeArgs?: string[];
  // Several api and worker processes against the same database and Redis, as
  // a park scales them. Each api listens on its own port; requests go round
  // robin across them (the load generator spreads them, no proxy in front).
  apiProcesses?: number;
  workerProcesses?: number;
}

export interface ProcessMemory {
  label: string;
  pid: number;
  peakRssMb: number;
}

// One isolated copy of the product: a database cloned from the migrated
// template, a Redis key prefix, a loopback SMTP recorder, and the built api
// and worker as child processes, exactly as `npm run start:api|worker` run them.
export class Stack {
  readonly smtp = new SmtpRecorder();
  // Unique across test files, which share a process under --runInBand.
  readonly name = testDatabaseName();
  readonly databaseUrl = databaseUrl(this.name);
  apiUrl = '';
  apiUrls: string[] = [];
  private apis: ChildProcess[] = [];
  private workers: (ChildProcess | undefined)[] = [];
  private nextApi = 0;
  private readonly extraApis: ChildProcess[] = [];
  private env: Record<string, string> = {};
  private readonly logs: string[] = [];
  private readonly logsBy = new Map<string, string[]>();
  private db?: Client;

  constructor(private readonly options: StackOptions = {}) {}

  async start(): Promise<this> {
    await cloneTemplateDatabase(this.name);
    const smtpPort = await this.smtp.start();
    const ports = await freePorts(this.options.apiProcesses ?? 1);
    this.apiUrls = ports.map((port) => `http://127.0.0.1:${port}/api/v1`);
    this.apiUrl = this.apiUrls[0];
    this.env = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      DATABASE_URL: this.options.databaseVia?.(this.databaseUrl) ?? this.databaseUrl,
      REDIS_URL: this.options.redisUrl ?? BASE_REDIS_URL,
      QUEUE_PREFIX: this.name,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: 'E2E 大赛组委会 <noreply@e2e.test>',
      JWT_SECRET: E2E_JWT_SECRET,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      RELAY_INTERVAL_MS: '50',
      // Generous limits, so ordinary tests are never throttled; the rate-limit
      // tests pass tight ones through `env`.
      RATE_LIMIT_MAX: '1000000',
      AUTH_RATE_LIMIT_IP_MAX: '1000000',
      AUTH_RATE_LIMIT_ACCOUNT_MAX: '1000000',
      LOGIN_FAILURES_MAX: '1000000',
      LOGIN_FAILURES_ACCOUNT_MAX: '1000000',
      PASSWORD_RESET_MAX: '1000000',
      MAIL_RETRY_BASE_MS: '200',
      // Links in mails (invitations, resets) lead to the first api, which
      // serves the web client's set-password page.
      PUBLIC_URL: `http://127.0.0.1:${ports[0]}`,
      ...this.options.env,
    };
    this.apis = ports.map((port, i) =>
      this.spawn(
        ports.length > 1 ? `api${i}` : 'api',
        'dist/apps/api/src/main.js',
        this.options.apiNodeArgs,
        { PORT: String(port) },
      ),
    );
    for (let i = 0; i < (this.options.workerProcesses ?? 1); i++) this.startWorker(i);
    // Boot waits up to 90 s (a loaded machine boots slowly; E2E_BOOT_TIMEOUT_MS changes it).
    for (const url of this.apiUrls)
      await waitFor(
        'the api to answer /health',
        async () => (await fetch(`${url}/health`)).status === 200,
        Number(process.env.E2E_BOOT_TIMEOUT_MS ?? 90000),
        200,
      );
    return this;
  }

  // One more api process on the same database and Redis: state that must hold
  // across processes (token revocation, rate-limit counters) is tested on both.
  async startExtraApi(): Promise<string> {
    const port = await freePort();
    const child = this.spawn('api+', 'dist/apps/api/src/main.js', [], { PORT: String(port) });
    this.extraApis.push(child);
    const url = `http://127.0.0.1:${port}/api/v1`;
    await waitFor(
      'the extra api to answer /health',
      async () => (await fetch(`${url}/health`)).status === 200,
      30000,
      200,
    );
    return url;
  }

  startWorker(index = 0): void {
    const label = (this.options.workerProcesses ?? 1) > 1 ? `worker${index}` : 'worker';
    this.workers[index] = this.spawn(label, 'dist/apps/worker/src/main.js', [], {
      ...(this.options.workerDatabaseVia && {
        DATABASE_URL: this.options.workerDatabaseVia(this.databaseUrl),
      }),
    });
  }

  // Whether every api and worker process is still running (fault tests: nothing may crash).
  alive(): { api: boolean; worker: boolean } {
    const up = (c?: ChildProcess) => !!c && c.exitCode === null && c.signalCode === null;
    return { api: this.apis.every(up), worker: this.workers.every(up) };
  }

  // The first api dies (fault tests) and comes back on the same port.
  killApi(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const api = this.apis[0];
    if (!api || api.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      api.once('exit', () => resolve());
      api.kill(signal);
    });
  }

  async restartApi(): Promise<void> {
    this.apis[0] = this.spawn('api', 'dist/apps/api/src/main.js', this.options.apiNodeArgs, {
      PORT: new URL(this.apiUrl).port,
    });
    await waitFor(
      'the restarted api to answer /health',
      async () => (await fetch(`${this.apiUrl}/health`)).status === 200,
      30000,
      200,
    );
  }

  killWorker(signal: NodeJS.Signals = 'SIGKILL', index = 0): Promise<void> {
    const worker = this.workers[index];
    if (!worker || worker.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      worker.once('exit', () => resolve());
      worker.kill(signal);
    });
  }

  async sql<T extends Record<string, unknown> = Record<string, any>>(
    text: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    if (!this.db) {
      this.db = new Client({ connectionString: this.databaseUrl });
      await this.db.connect();
    }
    return (await this.db.query<T>(text, params)).rows;
  }

  async request<T = any>(
    method: string,
    route: string,
    body?: unknown,
    token?: string,
  ): Promise<HttpResult<T>> {
    const base = this.apiUrls[this.nextApi++ % this.apiUrls.length];
    const res = await fetch(`${base}${route}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (CSV, HTML): keep the text
    }
    return { status: res.status, body: parsed as T };
  }

  get = <T = any>(route: string, token?: string) => this.request<T>('GET', route, undefined, token);
  post = <T = any>(route: string, body?: unknown, token?: string) =>
    this.request<T>('POST', route, body ?? {}, token);
  patch = <T = any>(route: string, body: unknown, token?: string) =>
    this.request<T>('PATCH', route, body, token);
  put = <T = any>(route: string, body: unknown, token?: string) =>
    this.request<T>('PUT', route, body, token);

  async login(email: string, password: string): Promise<string> {
    const res = await this.post<{ accessToken: string }>('/auth/login', { email, password });
    if (res.status !== 200)
      throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  }

  // Resolves when nothing is left to deliver: every event published and
  // consumed, and no mail pending.
  async drained(timeoutMs = 60000): Promise<void> {
    await waitFor(
      'outbox and notifications to drain',
      async () => {
        const [row] = await this.sql<{ unpublished: string; unconsumed: string; pending: string }>(`
          SELECT (SELECT count(*) FROM outbox_events WHERE published_at IS NULL) AS unpublished,
                 (SELECT count(*) FROM outbox_events o WHERE NOT EXISTS
                     (SELECT 1 FROM processed_events p WHERE p.event_id = o.id)) AS unconsumed,
                 (SELECT count(*) FROM notifications WHERE status = 'PENDING') AS pending`);
        return row.unpublished === '0' && row.unconsumed === '0' && row.pending === '0';
      },
      timeoutMs,
      100,
    );
  }

  // The SMTP server the worker sends to.
  smtpUrl(): string {
    return this.env.SMTP_URL;
  }

  output(): string {
    return this.logs.join('');
  }

  // What one process ('api', 'worker') printed, unlabelled, line for line.
  outputOf(label: string): string {
    return (this.logsBy.get(label) ?? []).join('');
  }

  async stop(): Promise<void> {
    await Promise.all(
      [...this.apis, ...this.workers, ...this.extraApis].map((child) => this.stopProcess(child)),
    );
    await this.db?.end().catch(() => undefined);
    await this.smtp.stop();
  }

  private stopProcess(child?: ChildProcess): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  // Peak resident memory (VmHWM) of every api and worker process started so
  // far; read before stop(). A restarted worker reports its own peak.
  async peakMemory(): Promise<ProcessMemory[]> {
    const all = [
      ...this.apis.map((c, i) => ({ c, label: this.apis.length > 1 ? `api${i}` : 'api' })),
      ...this.workers.map((c, i) => ({
        c,
        label: this.workers.length > 1 ? `worker${i}` : 'worker',
      })),
    ];
    const out: ProcessMemory[] = [];
    for (const { c, label } of all) {
      if (!c?.pid || c.exitCode !== null) continue;
      const status = await readFile(`/proc/${c.pid}/status`, 'utf8').catch(() => '');
      const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      if (kb) out.push({ label, pid: c.pid, peakRssMb: Number(kb) / 1024 });
    }
    return out;
  }

  // Sends every api process a signal (the bench's CPU profile toggle, SIGUSR2).
  signalApis(signal: NodeJS.Signals): void {
    for (const c of this.apis) if (c.pid && c.exitCode === null) c.kill(signal);
  }

  // CPU seconds (user + system, or one of them) each api and worker process has used so far.
  async cpuSeconds(which: 'all' | 'user' | 'system' = 'all'): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    const all = [
      ...this.apis.map((c, i) => ({ c, label: this.apis.length > 1 ? `api${i}` : 'api' })),
      ...this.workers.map((c, i) => ({
        c,
        label: this.workers.length > 1 ? `worker${i}` : 'worker',
      })),
    ];
    for (const { c, label } of all) {
      if (!c?.pid || c.exitCode !== null) continue;
      const stat = await readFile(`/proc/${c.pid}/stat`, 'utf8').catch(() => '');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime in clock ticks (USER_HZ = 100)
      const [user, system] = [Number(fields[11]), Number(fields[12])];
      if (fields.length > 13)
        out[label] = (which === 'user' ? user : which === 'system' ? system : user + system) / 100;
    }
    return out;
  }

  private spawn(
    label: string,
    script: string,
    nodeArgs: string[] = [],
    env: Record<string, string> = {},
  ): ChildProcess {
    const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, script)], {
      cwd: ROOT,
      env: { ...this.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.logs.push(`[${label}] ${chunk.toString()}`);
      this.logsBy.set(label, [...(this.logsBy.get(label) ?? []), chunk.toString()]);
      if (process.env.E2E_VERBOSE) process.stderr.write(`[${label}] ${chunk.toString()}`);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return child;
  }
}
