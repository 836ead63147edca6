import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { checkEvictionPolicy, createWorkerRedis } from '@app/messaging';

// Refuses to start on a Redis that may evict queue keys.
@Injectable()
export class RedisPolicyCheck implements OnModuleInit {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    const redis = createWorkerRedis(this.config.REDIS_URL);
    try {
      const problem = await checkEvictionPolicy(redis);
      if (problem) throw new Error(problem);
    } finally {
      redis.disconnect();
    }
  }
}
