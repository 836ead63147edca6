import { randomUUID } from 'node:crypto';
import { QueueName, eventJobId } from '@app/events';
import { EventReconcilerService } from '../../apps/worker/src/outbox/event-reconciler.service';
import { PendingMailSweeper } from '../../apps/worker/src/notifications/pending-mail.sweeper';
import { TestWorld, quietLogger, sleep } from './support/harness';

// The recovery side: the event reconciler (published events a consumer never
// recorded) and the pending-mail sweeper (PENDING mails with a free lease and
// no job), each run by every worker at once. A job is queued once whoever
// finds it, and a mail a delivery holds the lease of is left to it until the
// lease has run out.

let world: TestWorld;

const ENV = { RECONCILE_AFTER_MS: '10000' };

// One worker's reconciler and sweeper, on its own pool and queue connections,
// under the test's own queue prefix (so a queue's count is the test's).
function worker(prefix: string) {
  const config = world.config(ENV);
  const { registry, queue } = world.queues(config, prefix);
  const prisma = world.prisma();
  return {
    reconciler: new EventReconcilerService(prisma, registry, config, quietLogger()),
    sweeper: new PendingMailSweeper(prisma, registry, config, quietLogger()),
    queue,
  };
}

async function jobCount(queue: ReturnType<typeof worker>['queue'], name: string) {
  const c = await queue(name).getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed');
  return c.waiting + c.delayed + c.active + c.completed + c.failed;
}

async function publishedEvents(count: number, type: string, agoMs: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await world.sql(
    `INSERT INTO outbox_events (id, type, aggregate_id, payload, created_at, published_at, attempts)
     SELECT id, $2, id, '{}'::jsonb, now() - make_interval(secs => $3::float / 1000),
            now() - make_interval(secs => $3::float / 1000), 1
       FROM unnest($1::uuid[]) id`,
    [ids, type, agoMs],
  );
  return ids;
}

beforeAll(async () => {
  world = await TestWorld.create();
});
afterAll(() => world?.close());

describe('event reconcilers racing', () => {
  it('three workers reconciling at once queue each lost event once, and only the lost ones', async () => {
    const prefix = `${world.prefix}_rec`;
    const workers = [worker(prefix), worker(prefix), worker(prefix)];
    await world.connected();
    const lost = await publishedEvents(60, 'judging.scores-changed', 60000);
    const done = await publishedEvents(10, 'judging.scores-changed', 60000);
    await world.sql(
      `INSERT INTO processed_events (consumer, event_id) SELECT $1, id FROM unnest($2::uuid[]) id`,
      [QueueName.Scoring, done],
    );
    // Published a moment ago: its job may still be on its way; left alone.
    const recent = await publishedEvents(5, 'judging.scores-changed', 0);
    const counts = await Promise.all(workers.map((w) => w.reconciler.reconcile(QueueName.Scoring)));
    expect(counts.reduce((n, c) => n + c.added + c.alive, 0)).toBeGreaterThanOrEqual(60);
    const { queue } = workers[0];
    expect(await jobCount(queue, QueueName.Scoring)).toBe(60);
    const jobs = await Promise.all(
      [...lost, ...done, ...recent].map((id) => queue(QueueName.Scoring).getJob(eventJobId(id))),
    );
    expect(jobs.slice(0, 60).every((j) => j?.data.eventId)).toBe(true);
    expect(jobs.slice(60).every((j) => !j)).toBe(true);
    // Run again: every job is alive now, nothing is added twice.
    const again = await workers[1].reconciler.reconcile(QueueName.Scoring);
    expect(again).toMatchObject({ added: 0, alive: 60 });
    expect(await jobCount(queue, QueueName.Scoring)).toBe(60);
  });
});

describe('pending-mail sweepers and the mail lease', () => {
  it('leave a leased mail alone and re-queue its event once the lease ran out, once', async () => {
    const prefix = `${world.prefix}_sweep`;
    const workers = [worker(prefix), worker(prefix)];
    await world.connected();
    const [eventId] = await publishedEvents(1, 'judging.judges-assigned', 60000);
    const mailId = randomUUID();
    // Planned long ago, PENDING, and a delivery holds its lease for 1.5 s more.
    await world.sql(
      `INSERT INTO notifications (id, event_id, type, recipient, locale, subject, body, message_id,
                                  created_at, attempts, lease_until)
       VALUES ($1::uuid, $2, 'judging.judges-assigned', 'judge@int.test', 'zh-CN', '评审任务', '您好',
               '<' || $1::text || '@int.test>', now() - interval '1 minute', 1, now() + interval '1500 milliseconds')`,
      [mailId, eventId],
    );
    const { queue } = workers[0];
    const leased = await Promise.all(workers.map((w) => w.sweeper.sweep()));
    expect(leased).toEqual([
      { added: 0, retried: 0, promoted: 0, alive: 0 },
      { added: 0, retried: 0, promoted: 0, alive: 0 },
    ]);
    expect(await jobCount(queue, QueueName.Notifications)).toBe(0);
    await sleep(1600);
    // The delivery died with the lease: both sweepers find the mail at once.
    const swept = await Promise.all(workers.map((w) => w.sweeper.sweep()));
    expect(swept.reduce((n, c) => n + c.added + c.alive, 0)).toBe(2);
    expect(await jobCount(queue, QueueName.Notifications)).toBe(1);
    const job = await queue(QueueName.Notifications).getJob(eventJobId(eventId));
    expect(job?.data).toEqual({ eventId, type: 'judging.judges-assigned' });
  });
});
