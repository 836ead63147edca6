import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PrismaService } from '@app/database';
import { EventName, QueueName, eventJobId } from '@app/events';
import { QueueRegistry } from '../outbox/queue-registry.service';
import { PeriodicTask } from '../periodic-task';

const BATCH = 500;

// The inbox says an event was planned into mails, but a mail still PENDING
// with a free lease long after it was planned lost its job (Redis restarted
// while the job waited for a retry). Re-adding the event's job finishes it;
// a job still alive in Redis keeps its id and makes the add a no-op.
@Injectable()
export class PendingMailSweeper extends PeriodicTask {
  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    logger: PinoLogger,
  ) {
    super(logger, config.RECONCILE_INTERVAL_MS);
    this.logger.setContext('PendingMailSweeper');
  }

  protected async runOnce(): Promise<void> {
    const n = await this.sweep();
    if (n) this.logger.warn({ events: n }, 're-queued events with mails left pending');
  }

  async sweep(): Promise<number> {
    const stuck = await this.prisma.$queryRaw<{ event_id: string; type: EventName }[]>`
      SELECT DISTINCT n.event_id, o.type FROM notifications n JOIN outbox_events o ON o.id = n.event_id
       WHERE n.status = 'PENDING'
         AND (n.lease_until IS NULL OR n.lease_until < now())
         AND n.created_at < now() - (${this.config.RECONCILE_AFTER_MS}::int * interval '1 millisecond')
       LIMIT ${BATCH}`;
    if (!stuck.length) return 0;
    await this.queues.addEventJobs(
      QueueName.Notifications,
      stuck.map((s) => ({ name: s.type, data: { eventId: s.event_id, type: s.type }, jobId: eventJobId(s.event_id) })),
    );
    return stuck.length;
  }
}
