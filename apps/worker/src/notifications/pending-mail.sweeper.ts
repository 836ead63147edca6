import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PrismaService } from '@app/database';
import { EventName, QueueName, eventJobId } from '@app/events';
import { QueueRegistry, RepublishCount } from '../outbox/queue-registry.service';
import { PeriodicTask } from '../periodic-task';

const BATCH = 500;

// The inbox says an event was planned into mails, but a mail still PENDING,
// due, with a free lease, long after it was planned, has no job that will send
// it: Redis lost it, its job spent its retry budget (a long PostgreSQL outage),
// or it completed before an organiser re-sent the mail. The event's job runs
// again (QueueRegistry.republish: retried in place, added, or promoted when
// it waits longer than the mail); a job that is alive is left alone.
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
    const count = await this.sweep();
    if (count.added || count.retried || count.promoted)
      this.logger.warn({ ...count }, 're-queued events with mails left pending');
  }

  async sweep(): Promise<RepublishCount> {
    const stuck = await this.prisma.$queryRaw<{ event_id: string; type: EventName }[]>`
      SELECT DISTINCT n.event_id, o.type FROM notifications n JOIN outbox_events o ON o.id = n.event_id
       WHERE n.status = 'PENDING'
         AND (n.lease_until IS NULL OR n.lease_until < now())
         AND (n.next_attempt_at IS NULL OR n.next_attempt_at <= now())
         AND n.created_at < now() - (${this.config.RECONCILE_AFTER_MS}::int * interval '1 millisecond')
       LIMIT ${BATCH}`;
    if (!stuck.length) return { added: 0, retried: 0, promoted: 0, alive: 0 };
    return this.queues.republish(
      QueueName.Notifications,
      stuck.map((s) => ({
        name: s.type,
        data: { eventId: s.event_id, type: s.type },
        jobId: eventJobId(s.event_id),
      })),
      { promoteDelayed: true },
    );
  }
}
