import IORedis, { Redis, RedisOptions } from 'ioredis';

// Workers block on Redis and must wait out a restart rather than fail their
// commands: BullMQ requires maxRetriesPerRequest null for them.
export function createWorkerRedis(url: string, extra: RedisOptions = {}): Redis {
  return new IORedis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...extra });
}

// For request paths (health): fail fast instead of queueing commands while
// Redis is down, so an HTTP request never waits on Redis.
export function createProbeRedis(url: string): Redis {
  return new IORedis(url, {
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    lazyConnect: false,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

// BullMQ loses jobs if Redis evicts keys under memory pressure.
export async function checkEvictionPolicy(redis: Redis): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply?.[1];
    if (policy && policy !== 'noeviction') {
      return `Redis maxmemory-policy is "${policy}"; set it to "noeviction" (redis-cli CONFIG SET maxmemory-policy noeviction, or in redis.conf) or queued jobs can be evicted and lost`;
    }
    return null;
  } catch {
    // Managed Redis services often disable CONFIG; nothing to check then.
    return null;
  }
}

// Connection options for BullMQ queues and workers, parsed from REDIS_URL so
// each Queue and Worker owns (and closes) its connections.
export function bullConnectionFromUrl(url: string): RedisOptions {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname && u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}
