import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { LeasedRateLimit } from '../../apps/api/src/common/leased-rate-limit';
import { sleep } from './support/harness';

// The signed-in users' request limit (leased-rate-limit.ts) against a real
// Redis: several "api processes" (each its own limiter and connection) share
// one key's window budget by leasing slices of it.

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `rs_lease_${randomBytes(4).toString('hex')}:`;
const connections: Redis[] = [];

function apiProcess(max: number, windowMs: number, leaseSize: number, url = REDIS_URL) {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', () => undefined);
  connections.push(redis);
  const leases = { count: 0 };
  const limiter = new LeasedRateLimit(redis, prefix, max, windowMs, leaseSize);
  const defined = (redis as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)
    .rateLimitLease;
  (redis as unknown as Record<string, unknown>).rateLimitLease = (...a: unknown[]) => {
    leases.count++;
    return defined.apply(redis, a);
  };
  return { limiter, leases, redis };
}

// A process whose Redis connection is up (without an offline queue, a command
// sent before it is refused, and the limiter would let the request through).
async function readyProcess(max: number, windowMs: number, leaseSize: number) {
  const p = apiProcess(max, windowMs, leaseSize);
  if (p.redis.status !== 'ready') await new Promise((r) => p.redis.once('ready', r));
  return p;
}

const allowedOf = (verdicts: { allowed: boolean }[]) => verdicts.filter((v) => v.allowed).length;

afterAll(async () => {
  const [first] = connections;
  if (first?.status === 'ready') {
    const keys = await first.keys(`${prefix}*`);
    if (keys.length) await first.del(...keys);
  }
  connections.forEach((c) => c.disconnect());
});

describe('a limit leased from Redis in slices', () => {
  it('with slices of one, counts exactly: max allowed, then refused with the window’s rest as Retry-After', async () => {
    const { limiter, leases } = await readyProcess(30, 60_000, 1);
    const verdicts = [];
    for (let i = 0; i < 40; i++) verdicts.push(await limiter.take('user:exact'));
    expect(allowedOf(verdicts)).toBe(30);
    expect(verdicts.slice(0, 30).every((v) => v.allowed)).toBe(true);
    const refused = verdicts[35] as { allowed: false; retryAfterSeconds: number };
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Once the budget is spent the rest of the window is refused locally.
    expect(leases.count).toBe(31);
  });

  it('spends a slice locally: 100 concurrent requests of one user cost 10 leases', async () => {
    const { limiter, leases } = await readyProcess(1200, 60_000, 10);
    const verdicts = await Promise.all(
      Array.from({ length: 100 }, () => limiter.take('user:burst')),
    );
    expect(allowedOf(verdicts)).toBe(100);
    expect(leases.count).toBe(10);
  });

  it('never allows more than max across three processes, and at most (P−1)·(slice−1) fewer', async () => {
    const max = 100;
    const slice = 5;
    const processes = await Promise.all([1, 2, 3].map(() => readyProcess(max, 60_000, slice)));
    const verdicts = await Promise.all(
      Array.from({ length: 300 }, (_, i) => processes[i % 3].limiter.take('user:shared')),
    );
    const allowed = allowedOf(verdicts);
    expect(allowed).toBeLessThanOrEqual(max);
    expect(allowed).toBeGreaterThanOrEqual(max - 2 * (slice - 1));
    // The shared counter holds exactly what was leased, never past max.
    expect(Number(await processes[0].redis.get(`${prefix}user:shared`))).toBe(max);
  });

  it('opens a new window when the old one ends', async () => {
    const { limiter } = await readyProcess(3, 400, 2);
    const first = [];
    for (let i = 0; i < 5; i++) first.push(await limiter.take('user:window'));
    expect(allowedOf(first)).toBe(3);
    await sleep(450);
    const second = [];
    for (let i = 0; i < 5; i++) second.push(await limiter.take('user:window'));
    expect(allowedOf(second)).toBe(3);
  });

  it('keeps users apart', async () => {
    const { limiter } = await readyProcess(2, 60_000, 1);
    const a = [
      await limiter.take('user:a'),
      await limiter.take('user:a'),
      await limiter.take('user:a'),
    ];
    const b = [await limiter.take('user:b'), await limiter.take('user:b')];
    expect(allowedOf(a)).toBe(2);
    expect(allowedOf(b)).toBe(2);
  });

  it('allows requests while Redis cannot be reached (the limit is skipped, not the request)', async () => {
    const { limiter } = apiProcess(1, 60_000, 1, 'redis://127.0.0.1:1');
    const verdicts = [await limiter.take('user:down'), await limiter.take('user:down')];
    expect(verdicts.every((v) => v.allowed)).toBe(true);
  });
});
