import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Redis } from 'ioredis';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@app/config';
import { checkEvictionPolicy, createProbeRedis, createWorkerRedis } from '@app/messaging';
import { PeriodicTask } from './periodic-task';

// Refuses to start on a Redis that may evict queue keys, and checks again every
// REDIS_POLICY_CHECK_MS: a failover or a CONFIG SET can change the policy of a
// running Redis, and then queued jobs may silently disappear. The api's
// /health reports the same check.
@Injectable()
export class RedisPolicyCheck extends PeriodicTask implements OnModuleInit, OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    logger: PinoLogger,
  ) {
    super(logger, config.REDIS_POLICY_CHECK_MS);
    this.logger.setContext('RedisPolicyCheck');
    this.redis = createProbeRedis(config.REDIS_URL);
    this.redis.on('error', () => undefined); // Redis outages are reported by the queues
  }

  // At boot the check waits for Redis (a worker is useless without it).
  async onModuleInit(): Promise<void> {
    const redis = createWorkerRedis(this.config.REDIS_URL);
    try {
      const problem = await checkEvictionPolicy(redis);
      if (problem) throw new Error(problem);
    } finally {
      redis.disconnect();
    }
  }

  protected async runOnce(): Promise<void> {
    const problem = await checkEvictionPolicy(this.redis);
    if (problem) this.logger.error({ problem }, 'unsafe Redis eviction policy');
  }

  override async onModuleDestroy(): Promise<void> {
    await super.onModuleDestroy();
    this.redis.disconnect();
  }
}
