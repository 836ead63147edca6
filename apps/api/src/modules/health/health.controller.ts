import { Controller, Get, Inject, OnModuleDestroy, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import { Redis } from 'ioredis';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PrismaService } from '@app/database';
import {
  Degradation,
  connectionSlots,
  mailDelay,
  recentResourceFaults,
  redisWritable,
  withTimeout,
} from './health-checks';
import { checkEvictionPolicy, createProbeRedis } from '@app/messaging';
import { Public } from '../../common/auth.decorators';
import { ApiRoute } from '../../common/api-route.decorator';
import { MailHealthService } from '../notifications/mail-health.service';
import { HealthDto } from './dto/health.responses';

// `status` answers "can this api serve?": "down" (503) when the database or
// Redis cannot be reached; "degraded" (200) when both answer but something
// listed in `degraded` (cause and message) hampers service: connection slots
// exhausted, a full disk or out-of-memory PostgreSQL, Redis out of memory,
// mail delayed by a slow SMTP server; else "ok". `alerts` lists faults that
// need a person without stopping service: a Redis eviction policy that can
// lose queued jobs (checked every REDIS_POLICY_CHECK_MS), and mail held back
// by SMTP authentication failures, and mail given up on because the SMTP
// server never confirmed it (it may have arrived). See docs/operations.md (Health).
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
    summary:
      'Liveness of the database and Redis (503 "down" when either is unreachable), and what degrades service (200 "degraded", with causes)',
    type: HealthDto,
    errors: [],
  })
  @ApiResponse({ status: 503, description: 'The database or Redis is down', type: HealthDto })
  @Get()
  async health(@Res({ passthrough: true }) reply: { status(code: number): void }) {
    const [db, redis] = await Promise.all([
      withTimeout(this.prisma.$queryRaw`SELECT 1`, 2000).then(
        () => 'up',
        // No connection slot left: the server answers, the api cannot get in.
        (e: unknown) => (isSlotRefusal(e) ? 'up' : 'down'),
      ),
      withTimeout(this.redis.ping(), 2000).then(
        () => 'up',
        () => 'down',
      ),
    ]);
    const alerts: string[] = [];
    const degraded: Degradation[] = [...recentResourceFaults()];
    const optional = <T>(p: Promise<T>) => p.catch(() => null);
    if (redis === 'up') {
      const problem = await this.evictionProblem();
      if (problem) alerts.push(problem);
      const oom = await redisWritable(this.redis, `${this.config.QUEUE_PREFIX}:health-probe`);
      if (oom) degraded.push(oom);
    }
    if (db === 'up') {
      const [slots, mail, authFailures] = await Promise.all([
        optional(connectionSlots(this.prisma)),
        optional(withTimeout(this.mail.delayed(this.config.HEALTH_MAIL_DELAY_MS), 2000)),
        this.mailHeldByAuthFailure(),
      ]);
      if (slots && !degraded.some((d) => d.cause === slots.cause)) degraded.push(slots);
      const delay = mailDelay(mail);
      if (delay) degraded.push(delay);
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
    const status = db === 'up' && redis === 'up' ? (degraded.length ? 'degraded' : 'ok') : 'down';
    if (status === 'down') reply.status(503);
    return { status, db, redis, degraded, alerts };
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

  private async mailInDoubt(): Promise<number> {
    return withTimeout(this.mail.givenUpInDoubt(), 2000).catch(() => 0);
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}

function isSlotRefusal(error: unknown): boolean {
  const text = JSON.stringify(error, Object.getOwnPropertyNames(error ?? {})) ?? '';
  return /53300|TooManyConnections|too many clients|too many connections/i.test(text);
}
