import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PrismaService } from '@app/database';
import { ALL_QUEUES, EVENT_CONSUMERS, EventName, QueueName, eventJobId } from '@app/events';
import { PeriodicTask } from '../periodic-task';
import { QueueRegistry, RepublishCount } from './queue-registry.service';

const LOOKBACK_DAYS = 7;
const BATCH = 500;

// Redis holds deliveries, PostgreSQL the truth. An event that was published
// long enough ago but that a consumer never recorded in its inbox lost its job
// (a Redis flush, failover or restart without persistence), or its job spent
// its whole retry budget (a PostgreSQL outage longer than it): run it again.
// A job still alive in Redis is left alone (QueueRegistry.republish).
@Injectable()
export class EventReconcilerService extends PeriodicTask {
  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    logger: PinoLogger,
  ) {
    super(logger, config.RECONCILE_INTERVAL_MS);
    this.logger.setContext('EventReconciler');
  }

  protected async runOnce(): Promise<void> {
    for (const queue of ALL_QUEUES) {
      const count = await this.reconcile(queue);
      if (count.added || count.retried)
        this.logger.warn(
          { queue, ...count },
          'events a consumer never recorded: lost jobs added again, failed or completed ones retried',
        );
    }
  }

  async reconcile(queue: QueueName): Promise<RepublishCount> {
    const types = (Object.keys(EVENT_CONSUMERS) as EventName[]).filter((t) =>
      EVENT_CONSUMERS[t].includes(queue),
    );
    const lost = await this.prisma.$queryRaw<{ id: string; type: EventName }[]>`
      SELECT o.id, o.type FROM outbox_events o
       WHERE o.published_at IS NOT NULL
         AND o.published_at < now() - (${this.config.RECONCILE_AFTER_MS}::int * interval '1 millisecond')
         AND o.created_at > now() - (${LOOKBACK_DAYS}::int * interval '1 day')
         AND o.type = ANY(${types}::text[])
         AND NOT EXISTS (SELECT 1 FROM processed_events p WHERE p.consumer = ${queue} AND p.event_id = o.id)
       ORDER BY o.created_at
       LIMIT ${BATCH}`;
    if (lost.length === 0) return { added: 0, retried: 0, promoted: 0, alive: 0 };
    return this.queues.republish(
      queue,
      lost.map((e) => ({
        name: e.type,
        data: { eventId: e.id, type: e.type },
        jobId: eventJobId(e.id),
      })),
    );
  }
}
