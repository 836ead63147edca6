import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PrismaService } from '@app/database';
import { ALL_QUEUES, EVENT_CONSUMERS, EventName, QueueName, eventJobId } from '@app/events';
import { PeriodicTask } from '../periodic-task';
import { QueueRegistry } from './queue-registry.service';

const LOOKBACK_DAYS = 7;
const BATCH = 500;

// Redis holds deliveries, PostgreSQL the truth. An event that was published
// long enough ago but that a consumer never recorded in its inbox lost its job
// (a Redis flush, failover or restart without persistence): add it again. A job
// still in Redis keeps its id, so re-adding a live one changes nothing.
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
      const n = await this.reconcile(queue);
      if (n) this.logger.warn({ queue, republished: n }, 'republished events whose jobs were lost');
    }
  }

  async reconcile(queue: QueueName): Promise<number> {
    const types = (Object.keys(EVENT_CONSUMERS) as EventName[]).filter((t) => EVENT_CONSUMERS[t].includes(queue));
    const lost = await this.prisma.$queryRaw<{ id: string; type: EventName }[]>`
      SELECT o.id, o.type FROM outbox_events o
       WHERE o.published_at IS NOT NULL
         AND o.published_at < now() - (${this.config.RECONCILE_AFTER_MS}::int * interval '1 millisecond')
         AND o.created_at > now() - (${LOOKBACK_DAYS}::int * interval '1 day')
         AND o.type = ANY(${types}::text[])
         AND NOT EXISTS (SELECT 1 FROM processed_events p WHERE p.consumer = ${queue} AND p.event_id = o.id)
       ORDER BY o.created_at
       LIMIT ${BATCH}`;
    if (lost.length === 0) return 0;
    await this.queues.addEventJobs(
      queue,
      lost.map((e) => ({ name: e.type, data: { eventId: e.id, type: e.type }, jobId: eventJobId(e.id) })),
    );
    return lost.length;
  }
}
