import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../prisma/seed';
import { REPO_ROOT } from './support/env';
import { freePort, waitFor } from './support/stack';

// `npm start` after the build: with no DATABASE_URL, REDIS_URL or SMTP_URL the
// launcher brings up an embedded PostgreSQL, a private redis-server and a
// mail catcher, migrates, seeds the demo and starts api and worker; SIGTERM
// stops it all.
describe('the run command', () => {
  let launcher: ChildProcess;
  let output = '';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-launch-'));
  fs.chmodSync(dataDir, 0o777); // embedded PostgreSQL runs as the postgres user when we are root

  afterAll(async () => {
    if (launcher && launcher.exitCode === null) {
      launcher.kill('SIGKILL');
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts a working API with the demo, and stops cleanly', async () => {
    const [port, pgPort, redisPort, mailPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), EMBEDDED_REDIS_PORT: String(redisPort), MAIL_CATCHER_PORT: String(mailPort), LOG_LEVEL: 'warn' };
    launcher = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/scripts/launcher.js')], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    launcher.stdout!.on('data', (c) => (output += c));
    launcher.stderr!.on('data', (c) => (output += c));
    const base = `http://127.0.0.1:${port}/api/v1`;
    await waitFor(
      'the launcher to print where things are',
      () => output.includes('API docs') || output.includes('"start failed"') || launcher.exitCode !== null,
      120000,
      250,
    ).catch((e) => {
      throw new Error(`${e.message}\n${output.slice(-3000)}`);
    });
    expect(output).not.toContain('"start failed"');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: DEMO_LOGINS.organiser, password: DEMO_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const competitions = (await (await fetch(`${base}/competitions`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { items: { name: string }[] };
    expect(competitions.items[0].name).toContain('创新创业大赛');
    expect((await fetch(`http://127.0.0.1:${port}/api/docs`)).status).toBe(200);

    const exited = new Promise<number | null>((resolve) => launcher.once('exit', (code) => resolve(code)));
    launcher.kill('SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${base}/health`)).rejects.toThrow();
  });
});
