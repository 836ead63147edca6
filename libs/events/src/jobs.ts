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

// A large event's mails (a release to thousands) are sent by batch jobs on the
// notifications queue, so every worker shares the SMTP work and a killed worker
// holds up only its own batches. Batch `batch` is the event's mail rows
// ordered by id, MAIL_BATCH_SIZE at a time: rows are planned once (with the
// inbox row), so a batch always names the same rows and its id is deterministic.
export interface MailBatchJobData extends EventJobData {
  batch: number;
}

export const mailBatchJobId = (eventId: string, batch: number): string =>
  `evt_${eventId}_mails_${batch}`;

export const isMailBatchJob = (data: EventJobData): data is MailBatchJobData =>
  typeof (data as Partial<MailBatchJobData>).batch === 'number';

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
