import IORedis from 'ioredis';
import { Client } from 'pg';
import { submittedProject } from './support/decisions-scenario';
import { PrivateRedis } from './support/private-redis';
import {
  createCompetition,
  createOrganiser,
  projectBody,
  signUpApplicant,
  uniqueEmail,
} from './support/scenario';
import { BASE_DATABASE_URL } from './support/env';
import { Stack, waitFor } from './support/stack';

// What /health says while a resource runs out (before: "ok" through all of
// them), and how the api answers a full disk (before: 500 and an error logged
// per request) and a slow eligibility release (before: 503 past Prisma's 5 s).
describe('health under exhausted resources, disk full, a slow release', () => {
  const redis = new PrivateRedis();
  let stack: Stack;
  let redisAdmin: IORedis;

  beforeAll(async () => {
    await redis.start();
    redisAdmin = new IORedis(redis.url);
    stack = new Stack({ redisUrl: redis.url, env: { HEALTH_MAIL_DELAY_MS: '1000' } });
    await stack.start();
  });
  afterAll(async () => {
    await stack?.stop();
    redisAdmin?.disconnect();
    await redis.stop();
  });

  const health = () => stack.get('/health');
  const causes = async () => {
    const res = await health();
    return {
      status: res.status,
      body: res.body,
      causes: res.body.degraded.map((d: any) => d.cause),
    };
  };

  it('says ok with nothing wrong', async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up', redis: 'up', degraded: [], alerts: [] });
  });

  it('reports Redis out of memory as degraded, with its cause', async () => {
    await redisAdmin.config('SET', 'maxmemory', '1');
    try {
      const res = await causes();
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'degraded', db: 'up', redis: 'up' });
      expect(res.body.degraded).toEqual([
        {
          component: 'redis',
          cause: 'REDIS_OUT_OF_MEMORY',
          message: expect.stringContaining('maxmemory'),
        },
      ]);
    } finally {
      await redisAdmin.config('SET', 'maxmemory', '0');
    }
    expect((await causes()).causes).toEqual([]);
  });

  it('reports exhausted connection slots as degraded', async () => {
    const [{ n }] = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database()`,
    );
    const admin = new Client({ connectionString: BASE_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${stack.name}" CONNECTION LIMIT ${n}`);
      const res = await causes();
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('degraded');
      expect(res.causes).toEqual(['DB_CONNECTION_SLOTS_EXHAUSTED']);
    } finally {
      await admin.query(`ALTER DATABASE "${stack.name}" CONNECTION LIMIT -1`);
      await admin.end();
    }
    expect((await causes()).causes).toEqual([]);
  });

  it('reports mail delayed by a stalled SMTP server, until it answers', async () => {
    const release = stack.smtp.hold();
    try {
      const email = uniqueEmail('slow-smtp');
      const signup = await stack.post('/auth/signup', {
        email,
        password: 'Roadshow-Applicant-2026!',
        name: '李娜',
        locale: 'zh-CN',
      });
      expect(signup.status).toBe(201);
      const delayed = await waitFor('/health to report the mail delay', async () => {
        const res = await causes();
        return res.causes.includes('MAIL_DELAYED') ? res : null;
      });
      expect(delayed.status).toBe(200);
      expect(delayed.body.status).toBe('degraded');
    } finally {
      release();
    }
    await waitFor(
      'the mail to leave and /health to clear',
      async () => (await causes()).causes.length === 0,
    );
  });

  it('completes an eligibility release that waits longer than 5 s for the one before it', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const owner = await signUpApplicant(stack);
    const projectId = await submittedProject(
      stack,
      competition.id,
      competition.heatId,
      owner,
      '慢发布项目',
    );
    const decided = await stack.post(
      `/competitions/${competition.id}/eligibility`,
      { items: [{ projectId, decision: 'ELIGIBLE' }] },
      organiser.token,
    );
    expect(decided.status).toBe(200);

    // A release already running (its lock held by this test) for 6 s.
    const running = new Client({ connectionString: stack.databaseUrl });
    await running.connect();
    await running.query(`SELECT pg_advisory_lock(hashtext($1))`, [
      `eligibility-release:${competition.id}`,
    ]);
    const released = stack.post(
      `/competitions/${competition.id}/eligibility/release`,
      {},
      organiser.token,
    );
    await waitFor('the release to wait for the running one', async () => {
      const [row] = await stack.sql(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
      );
      return row.n > 0;
    });
    await new Promise((r) => setTimeout(r, 6000));
    await running.query(`SELECT pg_advisory_unlock_all()`);
    await running.end();
    const res = await released;
    expect(res.status).toBe(200);
    expect(res.body.mails).toBe(1);
  });

  // Last: the api keeps reporting a full disk for a minute after it saw one.
  it('answers 503 with Retry-After on a full disk, warns once, and reports it in /health', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const applicant = await signUpApplicant(stack);
    // PostgreSQL's own SQLSTATE for a full disk, raised where the api writes.
    await stack.sql(`
      CREATE FUNCTION disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'could not extend file "base/1/2": No space left on device'
          USING ERRCODE = '53100';
      END $$;
      CREATE TRIGGER disk_full BEFORE INSERT ON projects FOR EACH ROW EXECUTE FUNCTION disk_full();`);
    const before = stack.output().length;
    const route = `/competitions/${competition.id}/projects`;
    const answers: Response[] = [];
    for (let i = 0; i < 20; i++)
      answers.push(
        await fetch(`${stack.apiUrl}${route}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${applicant.token}`,
          },
          body: JSON.stringify(projectBody(competition.heatId, `磁盘满时的项目${i}`)),
        }),
      );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(503));
    expect(answers.every((a) => Number(a.headers.get('retry-after')) > 0)).toBe(true);
    const logged = stack.output().slice(before);
    expect(logged).not.toMatch(/unhandled error/);
    const warnings = logged.match(/answered 503/g) ?? [];
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings.length).toBeLessThan(answers.length);

    const res = await causes();
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('degraded');
    expect(res.body.degraded).toContainEqual(
      expect.objectContaining({ component: 'db', cause: 'DB_DISK_FULL' }),
    );

    await stack.sql(`DROP TRIGGER disk_full ON projects; DROP FUNCTION disk_full()`);
    const after = await stack.post(
      route,
      projectBody(competition.heatId, '磁盘恢复后的项目'),
      applicant.token,
    );
    expect(after.status).toBe(201);
    const [{ n }] = await stack.sql(
      `SELECT count(*)::int AS n FROM projects WHERE title LIKE '磁盘满时的项目%'`,
    );
    expect(n).toBe(0);
  });
});
