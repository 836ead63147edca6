import { Queue } from 'bullmq';
import { bullConnectionFromUrl } from '../libs/messaging/src/redis';
import { BASE_REDIS_URL } from './support/env';
import { uniqueEmail } from './support/scenario';
import { Stack, waitFor } from './support/stack';

const JOBS = 200;

// SIGTERM while 200 mail jobs are active (held by a stalled SMTP server, released 2 s after the signal):
// the worker stops taking jobs, lets the active ones finish, and only then
// closes SMTP, Redis and PostgreSQL, so none spends an attempt, every mail goes
// once, and the worker exits by itself.
describe('worker SIGTERM with 200 active jobs', () => {
  let stack: Stack;
  let queue: Queue;

  beforeAll(async () => {
    stack = new Stack({
      env: {
        WORKER_CONCURRENCY: String(JOBS),
        SMTP_MAX_CONNECTIONS: String(JOBS),
        SHUTDOWN_GRACE_MS: '20000',
        SMTP_TIMEOUT_MS: '60000', // the stalled server holds the first mails while the rest sign up
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
  });

  it('finishes the active jobs before closing anything; no attempt spent', async () => {
    const release = stack.smtp.hold();
    const emails = Array.from({ length: JOBS }, (_, i) => uniqueEmail(`term${i}`));
    for (let i = 0; i < JOBS; i += 25) {
      const answers = await Promise.all(
        emails.slice(i, i + 25).map((email) =>
          stack.post('/auth/signup', {
            email,
            password: 'Roadshow-Applicant-2026!',
            name: '李娜',
            locale: 'zh-CN',
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    }
    await waitFor('200 active jobs', async () => (await queue.getActiveCount()) >= JOBS, 60000, 50);
    const started = Date.now();
    const exited = stack.killWorker('SIGTERM'); // resolves when the worker has exited
    await new Promise((r) => setTimeout(r, 2000));
    expect(stack.smtp.mails).toHaveLength(0);
    release(); // the SMTP server answers: the active jobs finish
    await exited;
    const tookMs = Date.now() - started;

    expect(stack.smtp.mails.length).toBe(JOBS);
    const rows = await stack.sql(
      `SELECT status, attempts, count(*)::int AS n FROM notifications GROUP BY status, attempts`,
    );
    expect(rows).toEqual([{ status: 'SENT', attempts: 1, n: JOBS }]);
    const jobs = await queue.getJobs(['completed', 'failed', 'wait', 'active', 'delayed']);
    // A completed job counts its one successful attempt; a spent one leaves a failure.
    expect(
      jobs.filter((j) => j.attemptsMade !== 1 || j.failedReason || j.stacktrace?.length),
    ).toEqual([]);
    expect(await queue.getFailedCount()).toBe(0);
    expect(stack.output()).not.toMatch(/notification job attempt failed/);
    console.log(
      `SIGTERM with ${JOBS} active jobs: worker exited after ${tookMs} ms, all completed`,
    );

    stack.startWorker(); // nothing left to do, nothing sent again
    await stack.drained();
    expect(new Set(stack.smtp.mails.map((m) => m.messageId)).size).toBe(JOBS);
  });
});
