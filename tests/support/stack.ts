import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { SmtpRecorder } from '../../libs/testing/src/smtp-recorder';
import { BASE_DATABASE_URL, BASE_REDIS_URL, REPO_ROOT, databaseUrl, runId, templateDatabase } from './env';

const ROOT = REPO_ROOT;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
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
      if (value) return value as T;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

export interface HttpResult<T = any> {
  status: number;
  body: T;
}

export const ADMIN = { email: 'admin@e2e.test', password: 'admin-password-1' };

export interface StackOptions {
  redisUrl?: string;
  env?: Record<string, string>;
  // Extra node flags for the api (e.g. --cpu-prof when profiling the benchmark).
  apiNodeArgs?: string[];
}

// One isolated copy of the product: a database cloned from the migrated
// template, a Redis key prefix, a loopback SMTP recorder, and the built api
// and worker as child processes, exactly as `npm run start:api|worker` run them.
export class Stack {
  readonly smtp = new SmtpRecorder();
  // Unique across test files, which share a process under --runInBand.
  readonly name = `rs_${runId()}_${randomBytes(4).toString('hex')}`;
  readonly databaseUrl = databaseUrl(this.name);
  apiUrl = '';
  private api?: ChildProcess;
  private worker?: ChildProcess;
  private env: Record<string, string> = {};
  private readonly logs: string[] = [];
  private db?: Client;

  constructor(private readonly options: StackOptions = {}) {}

  async start(): Promise<this> {
    const admin = new Client({ connectionString: BASE_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${this.name}" TEMPLATE "${templateDatabase()}"`);
    await admin.end();
    const smtpPort = await this.smtp.start();
    const port = await freePort();
    this.apiUrl = `http://127.0.0.1:${port}/api/v1`;
    this.env = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: String(port),
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.options.redisUrl ?? BASE_REDIS_URL,
      QUEUE_PREFIX: this.name,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      MAIL_FROM: 'E2E 大赛组委会 <noreply@e2e.test>',
      JWT_SECRET: 'e2e-secret-0123456789abcdef',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      RELAY_INTERVAL_MS: '50',
      MAIL_RETRY_BASE_MS: '200',
      ...this.options.env,
    };
    this.api = this.spawn('api', 'dist/apps/api/src/main.js', this.options.apiNodeArgs);
    this.startWorker();
    await waitFor('the api to answer /health', async () => (await fetch(`${this.apiUrl}/health`)).status === 200, 30000, 200);
    return this;
  }

  startWorker(): void {
    this.worker = this.spawn('worker', 'dist/apps/worker/src/main.js');
  }

  killWorker(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const worker = this.worker;
    if (!worker || worker.exitCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      worker.once('exit', () => resolve());
      worker.kill(signal);
    });
  }

  async sql<T extends Record<string, unknown> = Record<string, any>>(text: string, params: unknown[] = []): Promise<T[]> {
    if (!this.db) {
      this.db = new Client({ connectionString: this.databaseUrl });
      await this.db.connect();
    }
    return (await this.db.query<T>(text, params)).rows;
  }

  async request<T = any>(method: string, route: string, body?: unknown, token?: string): Promise<HttpResult<T>> {
    const res = await fetch(`${this.apiUrl}${route}`, {
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
  post = <T = any>(route: string, body?: unknown, token?: string) => this.request<T>('POST', route, body ?? {}, token);
  patch = <T = any>(route: string, body: unknown, token?: string) => this.request<T>('PATCH', route, body, token);
  put = <T = any>(route: string, body: unknown, token?: string) => this.request<T>('PUT', route, body, token);

  async login(email: string, password: string): Promise<string> {
    const res = await this.post<{ accessToken: string }>('/auth/login', { email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
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

  output(): string {
    return this.logs.join('');
  }

  async stop(): Promise<void> {
    await Promise.all([this.stopProcess(this.api), this.stopProcess(this.worker)]);
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

  private spawn(label: string, script: string, nodeArgs: string[] = []): ChildProcess {
    const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, script)], { cwd: ROOT, env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      this.logs.push(`[${label}] ${chunk.toString()}`);
      if (process.env.E2E_VERBOSE) process.stderr.write(`[${label}] ${chunk.toString()}`);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return child;
  }
}
