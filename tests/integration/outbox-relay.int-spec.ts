import { randomUUID } from 'node:crypto';
import { QueueName, eventJobId } from '@app/events';
import { ClaimedEvent } from '@app/messaging';
import { OutboxRelayService } from '../../apps/worker/src/outbox/outbox-relay.service';
import { TestWorld, quietLogger, sleep } from './support/harness';

// The worker's outbox relay (OutboxRelayService: FOR UPDATE SKIP LOCKED claim
// with a lease, BullMQ add with jobId evt_<id>, then published_at), several
// relays on one table as several workers run it.

let world: TestWorld;

interface Relay {
  service: OutboxRelayService;
  published: string[]; // event ids this relay handed to BullMQ, in order
  relayOnce(): Promise<number>;
  claim(limit: number, leaseMs: number): Promise<ClaimedEvent[]>;
}

// One worker's relay: its own Prisma pool and its own queue connections;
// every add to BullMQ is recorded, then really made.
function relay(env: Record<string, string> = {}, prefix = world.prefix): Relay {
  const config = world.config(env);
  const { registry } = world.queues(config, prefix);
  const published: string[] = [];
  const add = registry.addEventJobs.bind(registry);
  registry.addEventJobs = async (queue, jobs) => {
    published.push(...jobs.map((j) => j.data.eventId));
    await add(queue, jobs);
  };
  const service = new OutboxRelayService(world.prisma(env), registry, config, quietLogger());
  // The loop's one step and the claim, as the running service calls them.
  const inner = service as unknown as {
    relay: { relayOnce(): Promise<number> };
    claim(limit: number, leaseMs: number): Promise<ClaimedEvent[]>;
  };
  return {
    service,
    published,
    relayOnce: () => inner.relay.relayOnce(),
    claim: (limit, leaseMs) => inner.claim(limit, leaseMs),
  };
}

async function insertEvents(
  count: number,
  client?: { query: (t: string, p: unknown[]) => Promise<unknown> },
) {
  const ids = Array.from({ length: count }, () => randomUUID());
  const sql = `INSERT INTO outbox_events (id, type, aggregate_id, payload)
               SELECT id, 'judging.scores-changed', id, '{}'::jsonb FROM unnest($1::uuid[]) id`;
  if (client) await client.query(sql, [ids]);
  else await world.sql(sql, [ids]);
  return ids;
}

async function jobsInRedis(ids: string[]): Promise<number> {
  const { queue } = world.queues();
  const scoring = queue(QueueName.Scoring);
  const found = await Promise.all(ids.map((id) => scoring.getJob(eventJobId(id))));
  return found.filter((j) => j?.data.eventId).length;
}

beforeAll(async () => {
  world = await TestWorld.create();
});
afterAll(() => world?.close());

describe('outbox relays racing', () => {
  it('three relays claiming at once publish every event, each once', async () => {
    const relays = [relay(), relay(), relay()];
    await world.connected();
    const ids = await insertEvents(900);
    // While they run, more events commit, one of them from a transaction that
    // began before later ones committed (out of order: a "last id seen" cursor
    // would skip it).
    const late = world.pg();
    const slow = await late.pool.connect();
    await slow.query('BEGIN');
    const slowIds = await insertEvents(5, slow);
    const running = relays.map(async (r) => {
      let idle = 0;
      while (idle < 5) {
        const n = await r.relayOnce();
        idle = n === 0 ? idle + 1 : 0;
        if (n === 0) await sleep(20);
      }
    });
    const fastIds = await insertEvents(50);
    await sleep(50);
    await slow.query('COMMIT');
    slow.release();
    await Promise.all(running);

    const all = [...ids, ...slowIds, ...fastIds];
    const published = relays.flatMap((r) => r.published);
    // None skipped, none claimed by two relays.
    expect(new Set(published)).toEqual(new Set(all));
    expect(published).toHaveLength(all.length);
    // The work really was shared.
    expect(relays.filter((r) => r.published.length > 0).length).toBeGreaterThan(1);
    const [rows] = await world.sql<{ unpublished: string; reclaimed: string; leased: string }>(
      `SELECT count(*) FILTER (WHERE published_at IS NULL) AS unpublished,
              count(*) FILTER (WHERE attempts <> 1) AS reclaimed,
              count(*) FILTER (WHERE claimed_until IS NOT NULL) AS leased
         FROM outbox_events WHERE id = ANY($1::uuid[])`,
      [all],
    );
    expect(rows).toEqual({ unpublished: '0', reclaimed: '0', leased: '0' });
    expect(await jobsInRedis(all)).toBe(all.length);
  });

  it('an event claimed by a relay that died is claimed again once its lease ends', async () => {
    const dying = relay({ RELAY_LEASE_MS: '1000' });
    const survivor = relay();
    await world.connected();
    const ids = await insertEvents(7);
    // The dying relay claims them (lease 1 s) and never publishes.
    const claimed = await dying.claim(200, 1000);
    expect(claimed.map((c) => c.id).sort()).toEqual([...ids].sort());
    // Leased: the survivor leaves them alone.
    expect(await survivor.relayOnce()).toBe(0);
    expect(survivor.published).toEqual([]);
    await sleep(1100);
    expect(await survivor.relayOnce()).toBe(7);
    expect(survivor.published.sort()).toEqual([...ids].sort());
    const rows = await world.sql<{ attempts: number; published: boolean }>(
      `SELECT attempts, published_at IS NOT NULL AS published FROM outbox_events WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    expect(rows.every((r) => r.attempts === 2 && r.published)).toBe(true);
    expect(await jobsInRedis(ids)).toBe(7);
  });

  it('a relay that published but died before marking publishes again, and BullMQ keeps one job', async () => {
    // Queues of this test's own, so their job count is this test's.
    const prefix = `${world.prefix}_t3`;
    const dying = relay({ RELAY_LEASE_MS: '300' }, prefix);
    const survivor = relay({}, prefix);
    await world.connected();
    const ids = await insertEvents(4);
    // Its claim and its add to BullMQ happened; the mark never did.
    const claimed = await dying.claim(200, 300);
    expect(claimed).toHaveLength(4);
    const { registry, queue } = world.queues(world.config(), prefix);
    await registry.addEventJobs(
      QueueName.Scoring,
      claimed.map((c) => ({
        name: c.type,
        data: { eventId: c.id, type: 'judging.scores-changed' },
        jobId: eventJobId(c.id),
      })),
    );
    const first = await Promise.all(
      ids.map((id) => queue(QueueName.Scoring).getJob(eventJobId(id))),
    );
    await sleep(400);
    expect(await survivor.relayOnce()).toBe(4);
    expect(survivor.published.sort()).toEqual([...ids].sort());
    // Published twice, queued once: the same jobs, added by the dead relay.
    const counts = await queue(QueueName.Scoring).getJobCounts('waiting', 'delayed', 'active');
    expect(counts.waiting + counts.delayed + counts.active).toBe(4);
    const after = await Promise.all(
      ids.map((id) => queue(QueueName.Scoring).getJob(eventJobId(id))),
    );
    expect(after.map((j) => j?.timestamp)).toEqual(first.map((j) => j?.timestamp));
    const [row] = await world.sql<{ n: string }>(
      `SELECT count(*) AS n FROM outbox_events WHERE id = ANY($1::uuid[]) AND published_at IS NOT NULL AND attempts = 2`,
      [ids],
    );
    expect(row.n).toBe('4');
  });
});
