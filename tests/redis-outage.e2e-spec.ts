import { PrivateRedis } from './support/private-redis';
import { Stack, waitFor } from './support/stack';
import {
  createCompetition,
  createOrganiser,
  registerProject,
  signUpApplicant,
} from './support/scenario';

// Stop Redis while applicants submit: the API keeps accepting (the outbox is in
// PostgreSQL), and when an empty Redis comes back every event drains, the ones
// whose jobs Redis lost included, with nothing lost and nothing sent twice.
describe('Redis stopped while applicants submit', () => {
  const redis = new PrivateRedis();
  let stack: Stack;

  beforeAll(async () => {
    await redis.start();
    stack = new Stack({
      redisUrl: redis.url,
      env: { RECONCILE_INTERVAL_MS: '500', RECONCILE_AFTER_MS: '1500', MAIL_RETRY_BASE_MS: '300' },
    });
    await stack.start();
  });
  afterAll(async () => {
    await stack.stop();
    await redis.stop();
  });

  it('keeps accepting submissions and drains every event once Redis is back', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const applicants = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signUpApplicant(stack, `申请人${i}`)),
    );
    const projects = await Promise.all(
      applicants.map((a, i) =>
        registerProject(stack, a, competition.heatId, competition.id, `项目${i}`),
      ),
    );
    await stack.drained();

    // Phase 1: the SMTP server defers (421), so these events' jobs sit in Redis waiting to retry.
    stack.smtp.rejectWith = { code: 421, message: 'Service not available, try later' };
    for (let i = 0; i < 10; i++) {
      expect(
        (await stack.post(`/projects/${projects[i].id}/submit`, {}, applicants[i].token)).status,
      ).toBe(200);
    }
    await waitFor('every deferred mail to have failed an attempt', async () => {
      const [{ n }] = await stack.sql(
        `SELECT count(*)::int AS n FROM notifications WHERE type = 'PROJECT_SUBMITTED' AND last_error LIKE '421%' AND lease_until IS NULL`,
      );
      return n === 10;
    });
    const deferred = (
      await stack.sql(`SELECT id FROM notifications WHERE type = 'PROJECT_SUBMITTED'`)
    ).map((r) => r.id);

    // Phase 2: Redis goes away, taking those jobs with it; applicants keep submitting.
    await redis.stop();
    const during = await Promise.all(
      projects
        .slice(10)
        .map((p, k) => stack.post(`/projects/${p.id}/submit`, {}, applicants[10 + k].token)),
    );
    expect(during.map((r) => r.status)).toEqual(Array(10).fill(200));
    const health = await stack.get('/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ db: 'up', redis: 'down' });

    // Phase 3: an empty Redis comes back and the SMTP server accepts again.
    stack.smtp.rejectWith = null;
    await redis.start();
    await waitFor(
      'every submission mail',
      () => applicants.every((a) => stack.smtp.to(a.email).length === 2),
      90000,
      200,
    );
    await stack.drained(60000);

    for (const a of applicants) {
      const subjects = stack.smtp.to(a.email).map((m) => m.subject);
      expect(subjects.filter((s) => s?.startsWith('项目已提交'))).toHaveLength(1);
    }
    // The deferred ones were retried with backoff after a 4xx, then sent.
    const retried = await stack.sql(
      `SELECT status, attempts FROM notifications WHERE id = ANY($1::uuid[])`,
      [deferred],
    );
    expect(retried.every((r) => r.status === 'SENT' && r.attempts > 1)).toBe(true);
    expect((await stack.get('/health')).status).toBe(200);
  });
});
