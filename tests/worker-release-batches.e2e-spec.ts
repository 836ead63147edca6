import { Queue } from 'bullmq';
import { bullConnectionFromUrl } from '../libs/messaging/src/redis';
import { BASE_REDIS_URL } from './support/env';
import { receipts, releaseEvent } from './support/mail-events';
import { Stack, waitFor } from './support/stack';

const MAILS = 60;
const BATCH = 10;
const CONCURRENCY = 2;

// A release is fanned out into batch jobs with deterministic ids that both
// workers take; one worker is SIGKILLed mid-release: the other keeps sending,
// the killed one's batches come back after its lock, every mail arrives (a
// repeat only with the same Message-ID, cut between acceptance and the mark).
describe('a release shared by two workers, one killed mid-release', () => {
  const stack = new Stack({
    workerProcesses: 2,
    env: {
      LOG_LEVEL: 'info', // "mail sent" lines say which worker sent what
      MAIL_BATCH_SIZE: String(BATCH),
      WORKER_CONCURRENCY: String(CONCURRENCY),
      WORKER_LOCK_MS: '2000',
      MAIL_LEASE_MS: '1500',
      RELAY_LEASE_MS: '2000',
      RECONCILE_INTERVAL_MS: '1000',
      RECONCILE_AFTER_MS: '3000',
    },
  });
  let queue: Queue;

  beforeAll(async () => {
    await stack.start();
    queue = new Queue('notifications', {
      connection: bullConnectionFromUrl(BASE_REDIS_URL),
      prefix: stack.name,
    });
  });
  afterAll(async () => {
    await queue?.close();
    await stack.stop();
  });

  const sentBy = (worker: string) =>
    stack
      .output()
      .split('\n')
      .filter((l) => l.startsWith(`[${worker}]`) && l.includes('mail sent')).length;

  it('sends from both workers and finishes every batch after a SIGKILL', async () => {
    stack.smtp.delayMs = 60;
    const { eventId, recipients } = await releaseEvent(stack, 'batch', MAILS);
    await waitFor(
      'both workers to send',
      () => sentBy('worker0') > 0 && sentBy('worker1') > 0,
      60000,
      50,
    );
    await stack.killWorker('SIGKILL', 0);
    const atKill = stack.smtp.mails.length;
    await waitFor(
      'a mail for every owner',
      () => recipients.every((r) => stack.smtp.to(r).length >= 1),
      90000,
      200,
    );
    stack.startWorker(0);
    await stack.drained(90000);

    const got = receipts(stack, recipients);
    for (const r of got) expect(r.messageIds.size).toBe(1);
    const repeats = got.filter((r) => r.count > 1).length;
    console.log(
      `release of ${MAILS} in batches of ${BATCH}: killed a worker after ${atKill} mails; ${repeats} repeated with the same Message-ID`,
    );
    // Only mails in flight in the killed worker may repeat.
    expect(repeats).toBeLessThanOrEqual(CONCURRENCY * 8);
    const ids = await Promise.all(
      Array.from({ length: MAILS / BATCH }, (_, b) => queue.getJob(`evt_${eventId}_mails_${b}`)),
    );
    expect(ids.map((j) => j?.data)).toEqual(
      Array.from({ length: MAILS / BATCH }, (_, b) =>
        expect.objectContaining({ eventId, batch: b }),
      ),
    );
    expect(
      await stack.sql(`SELECT status, count(*)::int AS n FROM notifications GROUP BY status`),
    ).toEqual([{ status: 'SENT', n: MAILS }]);
  });
});
