import { EVENT_CONSUMERS, EventJobData, QueueName, eventJobId, isEventName } from '@app/events';

export interface ClaimedEvent {
  id: string;
  type: string;
}

// What the relay needs from the database and from BullMQ; wired to Prisma and
// real queues in the worker, and small enough to reason about on its own.
export interface RelayStore {
  // Claims up to `limit` unpublished events whose lease is free, leasing them for `leaseMs`.
  claim(limit: number, leaseMs: number): Promise<ClaimedEvent[]>;
  markPublished(ids: string[]): Promise<void>;
}

export type PublishFn = (
  queue: QueueName,
  jobs: { name: string; data: EventJobData; jobId: string }[],
) => Promise<void>;

export interface RelayLogger {
  warn(obj: object, msg: string): void;
}

// Moves committed outbox rows to BullMQ. Rows are claimed with
// FOR UPDATE SKIP LOCKED and a lease (never a "last id seen" cursor, which
// skips rows of transactions that commit out of order); a relay that dies
// mid-batch leaves the lease to expire and another claims the rows. Publishing
// twice is harmless: the job id is derived from the event id.
export class OutboxRelay {
  constructor(
    private readonly store: RelayStore,
    private readonly publish: PublishFn,
    private readonly logger: RelayLogger,
    private readonly options: { batchSize: number; leaseMs: number },
  ) {}

  async relayOnce(): Promise<number> {
    const events = await this.store.claim(this.options.batchSize, this.options.leaseMs);
    if (events.length === 0) return 0;
    const byQueue = new Map<QueueName, { name: string; data: EventJobData; jobId: string }[]>();
    const publishable: string[] = [];
    for (const event of events) {
      if (!isEventName(event.type)) {
        // Left unpublished (its lease expires and it is retried) so a deploy
        // that knows the event can deliver it; shout so someone notices.
        this.logger.warn(
          { eventId: event.id, type: event.type },
          'outbox event of unknown type left unpublished',
        );
        continue;
      }
      for (const queue of EVENT_CONSUMERS[event.type]) {
        const list = byQueue.get(queue) ?? [];
        list.push({
          name: event.type,
          data: { eventId: event.id, type: event.type },
          jobId: eventJobId(event.id),
        });
        byQueue.set(queue, list);
      }
      publishable.push(event.id);
    }
    for (const [queue, jobs] of byQueue) await this.publish(queue, jobs);
    if (publishable.length) await this.store.markPublished(publishable);
    return publishable.length;
  }
}
