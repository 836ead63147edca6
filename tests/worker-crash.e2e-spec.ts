import { Stack, waitFor } from './support/stack';
import { Applicant, signUpApplicant } from './support/scenario';

const APPLICANTS = 60;
const CONCURRENCY = 4;

// SIGKILL the worker while mails are in flight, start it again, and check that
// every mail arrives and none twice, except a mail whose send was cut between
// the SMTP server's acceptance and the SENT mark: it repeats with its Message-ID.
describe('worker killed while events are in flight', () => {
  const stack = new Stack({
    env: {
      WORKER_LOCK_MS: '2000',
      MAIL_LEASE_MS: '1500',
      RELAY_LEASE_MS: '2000',
      WORKER_CONCURRENCY: String(CONCURRENCY),
      RECONCILE_INTERVAL_MS: '1000',
      RECONCILE_AFTER_MS: '3000',
    },
  });

  beforeAll(async () => {
    await stack.start();
    stack.smtp.delayMs = 60;
  });
  afterAll(() => stack.stop());

  it('delivers every mail after a SIGKILL and restart', async () => {
    const applicants: Applicant[] = [];
    for (let i = 0; i < APPLICANTS; i += 10) {
      applicants.push(
        ...(await Promise.all(
          Array.from({ length: 10 }, (_, k) => signUpApplicant(stack, `申请人${i + k}`)),
        )),
      );
    }
    await waitFor('some mails before the kill', () => stack.smtp.mails.length >= 10, 60000, 20);
    const atKill = stack.smtp.mails.length;
    await stack.killWorker('SIGKILL');
    const [{ pending }] = await stack.sql(
      `SELECT count(*)::int AS pending FROM notifications WHERE status = 'PENDING'`,
    );
    await new Promise((r) => setTimeout(r, 500));
    stack.startWorker();

    await waitFor(
      'a mail for every applicant',
      () => applicants.every((a) => stack.smtp.to(a.email).length >= 1),
      90000,
      200,
    );
    await stack.drained(90000);

    const duplicates = applicants.filter((a) => stack.smtp.to(a.email).length > 1);
    for (const a of duplicates) {
      const ids = new Set(stack.smtp.to(a.email).map((m) => m.messageId));
      expect(ids.size).toBe(1); // the repeat is the same message
    }

    console.log(
      `worker-crash: ${APPLICANTS} mails expected, ${stack.smtp.mails.length} received; killed after ${atKill} with ${pending} pending; ` +
        `${duplicates.length} repeated with the same Message-ID (cut between SMTP acceptance and the SENT mark)`,
    );
    expect(duplicates.length).toBeLessThanOrEqual(CONCURRENCY);
    expect(stack.smtp.mails.length).toBe(APPLICANTS + duplicates.length);
    const rows = await stack.sql(
      `SELECT status, count(*)::int AS n FROM notifications GROUP BY status`,
    );
    expect(rows).toEqual([{ status: 'SENT', n: APPLICANTS }]);
  });
});
