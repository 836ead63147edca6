import { Controller, Get, Inject, OnModuleDestroy, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PrismaService } from '@app/database';
import { createProbeRedis } from '@app/messaging';
import { Public } from '../../common/auth.decorators';

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);

@ApiTags('operations')
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.redis = createProbeRedis(config.REDIS_URL);
    this.redis.on('error', () => undefined); // reported through /health, not as log noise
  }

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) reply: { status(code: number): void }) {
    const [db, redis] = await Promise.all([
      withTimeout(this.prisma.$queryRaw`SELECT 1`, 2000).then(() => 'up', () => 'down'),
      withTimeout(this.redis.ping(), 2000).then(() => 'up', () => 'down'),
    ]);
    const status = db === 'up' && redis === 'up' ? 'ok' : 'degraded';
    if (status !== 'ok') reply.status(503);
    return { status, db, redis };
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
