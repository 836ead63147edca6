import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, ConfigModule, loadConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { ALL_QUEUES } from '@app/events';
import { bullConnectionFromUrl } from '@app/messaging';
import { NotificationsProcessor } from './notifications/notifications.processor';
import { MailSenderService } from './notifications/mail-sender.service';
import { PendingMailSweeper } from './notifications/pending-mail.sweeper';
import { DueProcessSchedulerService } from './due-process/due-process-scheduler.service';
import { EventReconcilerService } from './outbox/event-reconciler.service';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { QueueRegistry } from './outbox/queue-registry.service';
import { RedisPolicyCheck } from './redis-policy.check';
import { RetentionService } from './retention/retention.service';
import { RankingRecomputer } from './scoring/ranking.recomputer';
import { RoundSchedulerService } from './scoring/round-scheduler.service';
import { ScoringProcessor } from './scoring/scoring.processor';
import { WorkerShutdown } from './worker-shutdown.service';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRoot({ pinoHttp: { level: loadConfig().LOG_LEVEL } }),
    DatabaseModule,
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: bullConnectionFromUrl(config.REDIS_URL),
        prefix: config.QUEUE_PREFIX,
      }),
    }),
    BullModule.registerQueue(...ALL_QUEUES.map((name) => ({ name }))),
  ],
  providers: [
    RedisPolicyCheck,
    QueueRegistry,
    OutboxRelayService,
    EventReconcilerService,
    MailSenderService,
    NotificationsProcessor,
    PendingMailSweeper,
    RankingRecomputer,
    ScoringProcessor,
    RoundSchedulerService,
    DueProcessSchedulerService,
    RetentionService,
    WorkerShutdown,
  ],
})
export class WorkerModule {}
