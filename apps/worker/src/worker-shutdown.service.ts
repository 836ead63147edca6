import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@app/config';
import { MailSenderService } from './notifications/mail-sender.service';
import { NotificationsProcessor } from './notifications/notifications.processor';
import { PendingMailSweeper } from './notifications/pending-mail.sweeper';
import { EventReconcilerService } from './outbox/event-reconciler.service';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { RetentionService } from './retention/retention.service';
import { RoundSchedulerService } from './scoring/round-scheduler.service';
import { ScoringProcessor } from './scoring/scoring.processor';

// The worker's shutdown, in an order that costs no job an attempt:
//   1. stop producing (relay, reconciler, sweeper, scheduler) and pruning;
//   2. stop taking jobs and let the active ones finish (SHUTDOWN_GRACE_MS);
//      any still running then are handed back: their locks are released and
//      BullMQ returns them to waiting as stalled, which spends no attempt;
//   3. close SMTP.
// Redis (the queues, @nestjs/bullmq's application-shutdown hook) and
// PostgreSQL (DatabaseModule, destroyed after this module) close after that.
// Nest runs one module's destroy hooks in parallel, so this single hook owns
// the order and the other providers' own hooks only stop what they started.
@Injectable()
export class WorkerShutdown implements OnModuleDestroy {
  constructor(
    private readonly relay: OutboxRelayService,
    private readonly reconciler: EventReconcilerService,
    private readonly sweeper: PendingMailSweeper,
    private readonly scheduler: RoundSchedulerService,
    private readonly retention: RetentionService,
    private readonly notifications: NotificationsProcessor,
    private readonly scoring: ScoringProcessor,
    private readonly mail: MailSenderService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('WorkerShutdown');
  }

  async onModuleDestroy(): Promise<void> {
    const started = Date.now();
    await Promise.all([
      this.relay.onModuleDestroy(),
      this.reconciler.onModuleDestroy(),
      this.sweeper.onModuleDestroy(),
      this.scheduler.onModuleDestroy(),
      this.retention.onModuleDestroy(),
    ]);
    const workers = [this.notifications.worker, this.scoring.worker];
    // pause() stops fetching at once and resolves when the active jobs are done.
    const closing = Promise.all(workers.map((w) => w.pause()));
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      closing.then(() => true),
      new Promise<boolean>(
        (r) => (timer = setTimeout(() => r(false), this.config.SHUTDOWN_GRACE_MS)),
      ),
    ]);
    clearTimeout(timer);
    if (!finished) {
      this.logger.warn(
        { graceMs: this.config.SHUTDOWN_GRACE_MS },
        'jobs still running at the end of the shutdown grace; handing them back to the queue',
      );
    }
    await Promise.all(workers.map((w) => w.close(!finished)));
    this.mail.close();
    this.logger.info(
      { ms: Date.now() - started, finished },
      'queue workers stopped; closing connections',
    );
  }
}
