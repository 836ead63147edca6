import IORedis from 'ioredis';
import { PrivateRedis } from './support/private-redis';
import { Stack, waitFor } from './support/stack';

// A Redis whose eviction policy changes under a running product (a failover to
// a differently configured replica, a CONFIG SET): /health lists it in its
// alerts and the worker logs an error, until it is set back.
describe('Redis eviction policy re-checked while running', () => {
  const redis = new PrivateRedis();
  let stack: Stack;

  beforeAll(async () => {
    await redis.start();
    stack = new Stack({ redisUrl: redis.url, env: { REDIS_POLICY_CHECK_MS: '300' } });
    await stack.start();
  });
  afterAll(async () => {
    await stack.stop();
    await redis.stop();
  });

  it('reports an evicting policy in /health and the worker log, and clears it', async () => {
    expect((await stack.get('/health')).body.alerts).toEqual([]);
    const admin = new IORedis(redis.url);
    try {
      await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
      const health = await waitFor('the alert', async () => {
        const res = await stack.get('/health');
        return res.body.alerts.some((a: string) => a.includes('allkeys-lru')) && res;
      });
      expect(health.status).toBe(200); // still serving; a person must act
      await waitFor('the worker to log it', () =>
        stack.output().includes('unsafe Redis eviction policy'),
      );
      await admin.config('SET', 'maxmemory-policy', 'noeviction');
      await waitFor(
        'the alert to clear',
        async () => (await stack.get('/health')).body.alerts.length === 0,
      );
    } finally {
      admin.disconnect();
    }
  });
});
