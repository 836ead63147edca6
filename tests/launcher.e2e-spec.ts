import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../prisma/seed';
import { SmtpRecorder } from '../libs/testing/src/smtp-recorder';
import { REPO_ROOT } from './support/env';
import { freePorts, waitFor } from './support/stack';

// `npm start` after the build: with no DATABASE_URL, REDIS_URL or SMTP_URL the
// launcher brings up an embedded PostgreSQL, a private redis-server and a
// mail catcher, migrates, seeds the demo and starts api and worker; it
// restarts a crashed child, and a Ctrl-C (SIGINT to the whole process group,
// as a terminal sends it) stops everything, PostgreSQL last.
describe('the run command', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-launch-'));
  fs.chmodSync(dataDir, 0o777); // embedded PostgreSQL runs as the postgres user when we are root
  let env: NodeJS.ProcessEnv;
  let base: string;
  const launchers: ChildProcess[] = [];

  beforeAll(async () => {
    const [port, pgPort, redisPort, mailPort] = await freePorts(4);
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(pgPort),
      EMBEDDED_REDIS_PORT: String(redisPort),
      MAIL_CATCHER_PORT: String(mailPort),
    };
    base = `http://127.0.0.1:${port}/api/v1`;
  });

  // Only needed when a test failed half-way: the launcher stops what it
  // started (PostgreSQL and Redis run in their own process groups), and
  // nothing may outlive the run or hold the data directory for the next test.
  async function stopLeftovers(): Promise<void> {
    for (const l of launchers.splice(0)) {
      if (l.exitCode !== null || l.signalCode || !l.pid) continue;
      const exited = new Promise((resolve) => l.once('exit', resolve));
      process.kill(-l.pid, 'SIGINT');
      const timer = setTimeout(
        () => l.exitCode === null && process.kill(-l.pid!, 'SIGKILL'),
        15000,
      );
      await exited;
      clearTimeout(timer);
    }
  }

  afterAll(async () => {
    await stopLeftovers();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // Detached: the launcher leads its own process group, like a shell's foreground job.
  async function launch(): Promise<{ launcher: ChildProcess; output: () => string }> {
    await stopLeftovers();
    let output = '';
    const launcher = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/scripts/launcher.js')], {
      cwd: REPO_ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    launchers.push(launcher);
    launcher.stdout.on('data', (c) => (output += c));
    launcher.stderr.on('data', (c) => (output += c));
    await waitFor(
      'the launcher to print where things are',
      () =>
        output.includes('Stop       Ctrl-C') ||
        output.includes('"start failed"') ||
        launcher.exitCode !== null,
      180000,
      250,
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n${output.slice(-3000)}`);
    });
    expect(output).not.toContain('"start failed"');
    return { launcher, output: () => output };
  }

  const logLines = (output: string) =>
    output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  // The api process: a child of the launcher running the api's main.
  function apiPid(launcherPid: number): number | undefined {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        if (ppid === launcherPid && cmd.includes('apps/api/src/main.js')) return Number(entry);
      } catch {
        // the process ended while we looked
      }
    }
    return undefined;
  }

  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('starts a working API with the demo, banner last, and no warnings', async () => {
    const { launcher, output } = await launch();
    // Nothing more arrives unprompted: the banner stays at the end.
    await new Promise((r) => setTimeout(r, 1000));
    const lines = output().trimEnd().split('\n');
    expect(lines.length - lines.findIndex((l) => l.includes('API docs'))).toBeLessThanOrEqual(15);
    expect(output()).not.toMatch(/WARNING|LegacyRouteConverter/);
    expect(logLines(output()).filter((l) => Number(l.level) >= 40)).toEqual([]);

    expect((await fetch(`${base}/health`)).status).toBe(200);
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_LOGINS.organiser, password: DEMO_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const competitions = (await (
      await fetch(`${base}/competitions`, { headers: { authorization: `Bearer ${accessToken}` } })
    ).json()) as { items: { name: string }[] };
    expect(competitions.items[0].name).toContain('创新创业大赛');
    expect((await fetch(base.replace(/\/api\/v1$/, '/api/docs'))).status).toBe(200);

    // A crashed api comes back by itself, and the launcher says so.
    const first = apiPid(launcher.pid!);
    expect(first).toBeDefined();
    process.kill(first!, 'SIGKILL');
    await waitFor('the launcher to report the crash', () =>
      output().includes('api exited unexpectedly; restarting it'),
    );
    await waitFor(
      'the api to answer again',
      async () => (await fetch(`${base}/health`)).status === 200,
      60000,
      200,
    );
    const second = apiPid(launcher.pid!);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    const crash = logLines(output()).find((l) => String(l.msg).includes('exited unexpectedly'));
    expect(crash).toMatchObject({ level: 40, signal: 'SIGKILL', pid: first });

    // Ctrl-C in a terminal: SIGINT to the whole process group.
    const postgres = logLines(output()).find((l) => l.msg === 'embedded PostgreSQL running');
    const before = output().length;
    const exited = new Promise<number | null>((resolve) =>
      launcher.once('exit', (code) => resolve(code)),
    );
    const sent = Date.now();
    process.kill(-launcher.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    // The bound for a Ctrl-C (it took 25 s): everything down within 5 s.
    expect(Date.now() - sent).toBeLessThanOrEqual(5000);
    const stopping = output().slice(before);
    expect(logLines(stopping).filter((l) => Number(l.level) >= 40)).toEqual([]);
    expect(stopping).not.toMatch(/ECONNREFUSED|connection refused/i);
    expect(alive(Number(postgres?.pid))).toBe(false);
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  });

  // The worker's graceful stop lets its active jobs finish (up to 25 s): the
  // launcher waits for it instead of SIGKILLing it after 4 s, as it did.
  it('starts again with nothing to migrate, and on SIGTERM lets a mail in flight finish', async () => {
    const smtp = new SmtpRecorder();
    env.SMTP_URL = `smtp://127.0.0.1:${await smtp.start()}`;
    const release = smtp.hold();
    try {
      const { launcher, output } = await launch();
      const migrations = logLines(output()).find((l) => l.msg === 'migrations');
      expect(String(migrations?.result)).toContain('up to date');
      expect((await fetch(`${base}/health`)).status).toBe(200);

      // A reset mail the stalled SMTP server holds: the worker's job is active.
      const forgot = await fetch(`${base}/auth/password/forgot`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: DEMO_LOGINS.applicants[0] }),
      });
      expect(forgot.status).toBeLessThan(300);
      await waitFor('the reset mail to be in flight', () => smtp.held === 1, 60000, 100);

      const exited = new Promise<number | null>((resolve) =>
        launcher.once('exit', (code) => resolve(code)),
      );
      launcher.kill('SIGTERM');
      await waitFor('the launcher to start stopping', () => output().includes('"stopping"'));
      // The server answers only after the launcher's old 4 s grace has passed.
      await new Promise((r) => setTimeout(r, 6000));
      release();
      expect(await exited).toBe(0);
      const logs = logLines(output());
      // Nest re-raises SIGTERM after its shutdown hooks: the worker ends by the
      // signal it was sent, by itself, once the mail was answered (the old
      // launcher SIGKILLed it at 4 s, before the server answered).
      const stopped = logs.find((l) => l.msg === 'worker stopped');
      expect(stopped).toMatchObject({ level: 30, signal: 'SIGTERM' });
      expect(logs.filter((l) => String(l.msg).includes('did not stop'))).toEqual([]);
      expect(smtp.mails.map((m) => m.to)).toEqual([[DEMO_LOGINS.applicants[0]]]);
      await expect(fetch(`${base}/health`)).rejects.toThrow();
    } finally {
      release();
      delete env.SMTP_URL;
      await smtp.stop();
    }
  });
});
