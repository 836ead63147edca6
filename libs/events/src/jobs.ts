import { EventName, QueueName } from './event-catalog';

// A job carries the event's id, not a copy of its row: the consumer re-reads
// the committed outbox row, so what it acts on is always what was committed.
export interface EventJobData {
  eventId: string;
  type: EventName;
}

// Deterministic: the relay and the reconciler may add the same event twice;
// BullMQ keeps one job per id.
export const eventJobId = (eventId: string): string => `evt_${eventId}`;

export interface RetryPolicy {
  attempts: number;
  backoff: { type: 'exponential'; delay: number };
}

// Retry policy per queue, in one place. Delays are a base; BullMQ doubles them.
// `attempts` overrides the queue's budget (JOB_ATTEMPTS; the fault tests shorten it).
export function jobOptionsFor(
  queue: QueueName,
  retryBaseMs = 2000,
  attempts?: number,
): RetryPolicy & {
  removeOnComplete: { age: number; count: number };
  removeOnFail: { age: number };
} {
  const defaults: Record<QueueName, number> = { notifications: 10, scoring: 20 };
  return {
    attempts: attempts ?? defaults[queue],
    backoff: { type: 'exponential', delay: retryBaseMs },
    // Completed jobs are dropped after a day; the inbox is the record of what was done.
    removeOnComplete: { age: 24 * 3600, count: 10000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}
