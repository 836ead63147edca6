import { Controller, Get, Inject, OnModuleDestroy, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PrismaService } from '@app/database';
import { checkEvictionPolicy, createProbeRedis } from '@app/messaging';
import { Public } from '../../common/auth.decorators';
import { ApiRoute } from '../../common/api-route.decorator';
import { MailHealthService } from '../notifications/mail-health.service';
import { HealthDto } from './dto/health.responses';

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms)),
  ]);

// `status`/503 answer "can this api serve?" (database and Redis reachable).
// `alerts` lists faults that need a person without stopping service: a Redis
// eviction policy that can lose queued jobs (checked every
// REDIS_POLICY_CHECK_MS), mail held back by SMTP authentication failures, and
// mail given up on because the SMTP server never confirmed it (it may have arrived).
@ApiTags('operations')
@Controller('health')
export class HealthController implements OnModuleDestroy {
  private readonly redis: Redis;
  private policy: { checkedAt: number; problem: string | null } = { checkedAt: 0, problem: null };

  constructor(
    private readonly prisma: PrismaService,
    private readonly mail: MailHealthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.redis = createProbeRedis(config.REDIS_URL);
    this.redis.on('error', () => undefined); // reported through /health, not as log noise
  }

  @Public()
  @ApiRoute({
    summary: 'Liveness of the database and Redis (503 when either is down)',
    type: HealthDto,
    errors: [],
  })
  @ApiResponse({ status: 503, description: 'The database or Redis is down', type: HealthDto })
  @Get()
  async health(@Res({ passthrough: true }) reply: { status(code: number): void }) {
    const [db, redis] = await Promise.all([
      withTimeout(this.prisma.$queryRaw`SELECT 1`, 2000).then(
        () => 'up',
        () => 'down',
      ),
      withTimeout(this.redis.ping(), 2000).then(
        () => 'up',
        () => 'down',
      ),
    ]);
    const alerts: string[] = [];
    if (redis === 'up') {
      const problem = await this.evictionProblem();
      if (problem) alerts.push(problem);
    }
    if (db === 'up') {
      const authFailures = await this.mailHeldByAuthFailure();
      if (authFailures)
        alerts.push(
          `SMTP authentication failed (530/535) for ${authFailures} pending mail(s): fix the credentials in SMTP_URL; they are sent once it works`,
        );
      const inDoubt = await this.mailInDoubt();
      if (inDoubt)
        alerts.push(
          `${inDoubt} mail(s) of the last 7 days given up on after sends the SMTP server never confirmed (slow or dropped final reply): they may have arrived; check the notification log, then re-send or leave them`,
        );
    }
    const status = db === 'up' && redis === 'up' ? 'ok' : 'degraded';
    if (status !== 'ok') reply.status(503);
    return { status, db, redis, alerts };
  }

  private async evictionProblem(): Promise<string | null> {
    if (Date.now() - this.policy.checkedAt >= this.config.REDIS_POLICY_CHECK_MS) {
      const problem = await withTimeout(checkEvictionPolicy(this.redis), 2000).catch(() => null);
      this.policy = { checkedAt: Date.now(), problem };
    }
    return this.policy.problem;
  }

  private async mailHeldByAuthFailure(): Promise<number> {
    return withTimeout(this.mail.heldByAuthFailure(), 2000).catch(() => 0);
  }

  // FAILED by the worker's MAIL_MAX_SENDS_IN_DOUBT (last_error 'in doubt: …').
  private async mailInDoubt(): Promise<number> {
    const rows = await withTimeout(
      this.prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM notifications
         WHERE status = 'FAILED' AND last_error LIKE 'in doubt:%'
           AND created_at > now() - interval '7 days'`,
      2000,
    ).catch(() => [{ n: 0 }]);
    return rows[0].n;
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
