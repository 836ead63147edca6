import { Queue } from 'bullmq';
import { bullConnectionFromUrl } from '../libs/messaging/src/redis';
import { BASE_REDIS_URL } from './support/env';
import { databaseProxy, sleep, terminateBackends } from './support/faults';
import {
  Applicant,
  createCompetition,
  createOrganiser,
  registerProject,
  signUpApplicant,
} from './support/scenario';
import { Stack, waitFor } from './support/stack';

// Every acknowledged (2xx) action's mail arrives, once (a repeat only with the
// same Message-ID), checked against the SMTP recorder as the oracle.
function expectEachMailOnce(stack: Stack, applicants: Applicant[], subject: string): number {
  let repeats = 0;
  for (const a of applicants) {
    const mails = stack.smtp.to(a.email).filter((m) => m.subject?.includes(subject));
    expect(mails.length).toBeGreaterThanOrEqual(1);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(1);
    repeats += mails.length - 1;
  }
  return repeats;
}

describe('a PostgreSQL outage longer than the retry budget, then recovery', () => {
  const proxy = databaseProxy();
  let stack: Stack;
  let queue: Queue;

  beforeAll(async () => {
    await proxy.start();
    stack = new Stack({
      workerDatabaseVia: (url) => proxy.url(url),
      env: {
        JOB_ATTEMPTS: '2', // budget: 2 attempts, 100 ms apart
        MAIL_RETRY_BASE_MS: '100',
        RECONCILE_INTERVAL_MS: '500',
        RECONCILE_AFTER_MS: '1500',
        MAIL_LEASE_MS: '2000',
        RELAY_LEASE_MS: '2000',
        WORKER_CONCURRENCY: '4',
      },
    });
    await stack.start();
    queue = new Queue('notifications', {
      connection: bullConnectionFromUrl(BASE_REDIS_URL),
      prefix: stack.name,
    });
  });
  afterAll(async () => {
    await queue.close();
    await stack.stop();
    await proxy.stop();
  });

  it('runs the failed jobs again once the database is back: nothing lost, nothing doubled', async () => {
    stack.smtp.delayMs = 250; // jobs queue up behind slow SMTP
    const applicants = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signUpApplicant(stack, `申请人${i}`)),
    );
    await waitFor('the first mails', () => stack.smtp.mails.length >= 2, 30000, 20);
    // Only the worker loses PostgreSQL; the api keeps acknowledging.
    await proxy.down();
    await terminateBackends(stack);
    stack.smtp.delayMs = 0;
    const more = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signUpApplicant(stack, `申请人B${i}`)),
    );
    // Jobs that reach the database during the outage spend their budget and
    // fail for good. A delivery whose SENT mark the outage interrupted closes
    // the worker's write gate instead, and every later delivery waits at it
    // rather than failing (mail-sender.service.ts): which comes first depends
    // on where each send stood when the database went away. Either way the
    // outage lasts past the budget; what must hold is what follows.
    await waitFor(
      'jobs to have spent their whole budget',
      async () => (await queue.getFailedCount()) >= 5,
      20000,
      100,
    ).catch(() => undefined);
    const failedDuringOutage = await queue.getFailedCount();
    await sleep(2000);
    await proxy.up();

    const everyone = [...applicants, ...more];
    await waitFor(
      'a welcome mail for every acknowledged sign-up',
      () => everyone.every((a) => stack.smtp.to(a.email).length >= 1),
      60000,
      200,
    );
    await stack.drained(60000);
    const repeats = expectEachMailOnce(stack, everyone, '欢迎');
    const rows = await stack.sql(
      `SELECT status, count(*)::int AS n FROM notifications GROUP BY status`,
    );
    expect(rows).toEqual([{ status: 'SENT', n: everyone.length }]);
    console.log(
      `outage beyond budget: ${failedDuringOutage} jobs failed for good during it, all re-run; ${everyone.length} mails, ${repeats} repeated with the same Message-ID`,
    );
    expect(stack.alive()).toEqual({ api: true, worker: true });
  });
});

describe('a long SMTP outage (451), a refused mailbox (550), bad credentials (535)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = new Stack({
      env: {
        JOB_ATTEMPTS: '2',
        MAIL_RETRY_BASE_MS: '100',
        MAIL_RETRY_MAX_MS: '800',
        RECONCILE_INTERVAL_MS: '500',
        RECONCILE_AFTER_MS: '1500',
      },
    });
    await stack.start();
  });
  afterAll(() => stack.stop());

  async function submittedProjects(n: number) {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const applicants = await Promise.all(
      Array.from({ length: n }, (_, i) => signUpApplicant(stack, `申请人${i}`)),
    );
    const projects = await Promise.all(
      applicants.map((a, i) =>
        registerProject(stack, a, competition.heatId, competition.id, `项目${i}`),
      ),
    );
    await stack.drained();
    return { organiser, applicants, projects };
  }

  const mailOf = async (email: string) =>
    (
      await stack.sql(
        `SELECT * FROM notifications WHERE recipient = $1 AND type = 'PROJECT_SUBMITTED'`,
        [email],
      )
    )[0];

  it('keeps 4xx mails due past any retry budget, sends them after the outage; a cancelled one never goes', async () => {
    const { organiser, applicants, projects } = await submittedProjects(8);
    stack.smtp.rejectWith = { code: 451, message: 'Temporary local problem, try later' };
    for (let i = 0; i < applicants.length; i++) {
      expect(
        (await stack.post(`/projects/${projects[i].id}/submit`, {}, applicants[i].token)).status,
      ).toBe(200);
    }
    // This test's mails only: the other tests' rows live in the same database.
    const recipients = applicants.map((a) => a.email);
    await waitFor(
      'every mail tried more often than the job budget allows',
      async () => {
        const [{ n }] = await stack.sql(
          `SELECT count(*)::int AS n FROM notifications
            WHERE type = 'PROJECT_SUBMITTED' AND recipient = ANY($1) AND attempts >= 4`,
          [recipients],
        );
        return n === applicants.length;
      },
      30000,
      200,
    );
    const states = await stack.sql(
      `SELECT DISTINCT status FROM notifications WHERE type = 'PROJECT_SUBMITTED' AND recipient = ANY($1)`,
      [recipients],
    );
    expect(states).toEqual([{ status: 'PENDING' }]); // never final

    const cancelled = await mailOf(applicants[0].email);
    const other = await createOrganiser(stack, '另一个组委会');
    expect(
      (await stack.post(`/notifications/${cancelled.id}/cancel`, {}, other.token)).status,
    ).toBe(404);
    await waitFor('the cancel to find the mail between attempts', async () => {
      const res = await stack.post(`/notifications/${cancelled.id}/cancel`, {}, organiser.token);
      // Between attempts it is cancelled; during one, the answer says it is being sent.
      if (res.status === 409) expect(res.body.code).toBe('MAIL_SENDING_NOW');
      return res.status === 200 && res.body.status === 'CANCELLED';
    });
    const twice = await stack.post(`/notifications/${cancelled.id}/cancel`, {}, organiser.token);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({
      code: 'MAIL_NOT_CANCELLABLE',
      params: { status: 'CANCELLED' },
    });

    await sleep(2000);
    stack.smtp.rejectWith = null;
    await waitFor(
      'every other mail after the outage',
      () =>
        applicants
          .slice(1)
          .every((a) => stack.smtp.to(a.email).some((m) => m.subject?.startsWith('项目已提交'))),
      30000,
      200,
    );
    await stack.drained();
    expectEachMailOnce(stack, applicants.slice(1), '项目已提交');
    expect(
      stack.smtp.to(applicants[0].email).filter((m) => m.subject?.startsWith('项目已提交')),
    ).toEqual([]);
    expect((await mailOf(applicants[0].email)).status).toBe('CANCELLED');
  });

  it('fails a 550 for that recipient only; an organiser re-sends it after the fix', async () => {
    const { organiser, applicants, projects } = await submittedProjects(3);
    stack.smtp.rejectRecipient.set(applicants[0].email, { code: 550, message: 'No such mailbox' });
    for (let i = 0; i < applicants.length; i++) {
      expect(
        (await stack.post(`/projects/${projects[i].id}/submit`, {}, applicants[i].token)).status,
      ).toBe(200);
    }
    await stack.drained();
    const failed = await mailOf(applicants[0].email);
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect((await mailOf(applicants[1].email)).status).toBe('SENT');

    stack.smtp.rejectRecipient.clear();
    const resent = await stack.post(`/notifications/${failed.id}/resend`, {}, organiser.token);
    expect(resent.status).toBe(202);
    expect(resent.body).toMatchObject({ id: failed.id, status: 'PENDING' });
    const resentTwice = await stack.post(`/notifications/${failed.id}/resend`, {}, organiser.token);
    expect(resentTwice.status).toBe(409);
    expect(resentTwice.body.code).toBe('MAIL_NOT_RESENDABLE');
    expect(['PENDING', 'SENT']).toContain(resentTwice.body.params.status);
    await waitFor(
      'the re-sent mail',
      () => stack.smtp.to(applicants[0].email).some((m) => m.subject?.startsWith('项目已提交')),
      30000,
      200,
    );
    await stack.drained();
    expectEachMailOnce(stack, applicants, '项目已提交');
    expect((await mailOf(applicants[0].email)).message_id).toBe(
      stack.smtp.to(applicants[0].email).find((m) => m.subject?.startsWith('项目已提交'))
        ?.messageId,
    );
  });

  it('treats 535 as a configuration fault: alert in /health, mails kept, sent after the fix', async () => {
    const { applicants, projects } = await submittedProjects(2);
    stack.smtp.rejectWith = { code: 535, message: 'Authentication credentials invalid' };
    for (let i = 0; i < applicants.length; i++) {
      expect(
        (await stack.post(`/projects/${projects[i].id}/submit`, {}, applicants[i].token)).status,
      ).toBe(200);
    }
    const health = await waitFor('the alert', async () => {
      const res = await stack.get('/health');
      return res.body.alerts.some((a: string) => a.includes('SMTP authentication')) && res;
    });
    expect(health.status).toBe(200);
    expect(stack.output()).toMatch(/SMTP authentication failed/);
    stack.smtp.rejectWith = null;
    await stack.drained();
    expectEachMailOnce(stack, applicants, '项目已提交');
    expect((await stack.get('/health')).body.alerts).toEqual([]);
  });
});
