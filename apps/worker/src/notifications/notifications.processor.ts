import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig, LogThrottle, errorKey } from '@app/config';
import { PgService, PrismaService, recordProcessed } from '@app/database';
import {
  DomainEvent,
  EventJobData,
  MailBatchJobData,
  QueueName,
  competitionOfEvent,
  isMailBatchJob,
  mailBatchJobId,
} from '@app/events';
import { messageIdFor, renderMail } from '@app/mail';
import { QueueRegistry } from '../outbox/queue-registry.service';
import { workerOptions } from '../worker-options';
import { planMails } from './mail-plan';
import { DeliveryResult, MailSenderService } from './mail-sender.service';

const CONSUMER = QueueName.Notifications;

// Turns events into notification rows (once: the inbox row commits with them)
// and then delivers whatever of this event is still PENDING, itself when it
// fits in one batch (MAIL_BATCH_SIZE), else through batch jobs (fanOut). A
// redelivered event skips the first step and finishes the second, so a crash
// at any point neither loses a mail nor plans it twice.
@Processor(QueueName.Notifications, workerOptions())
export class NotificationsProcessor extends WorkerHost {
  private readonly errorLog = new LogThrottle();

  constructor(
    private readonly prisma: PrismaService,
    private readonly pg: PgService,
    private readonly sender: MailSenderService,
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    super();
    this.logger.setContext('NotificationsProcessor');
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    // Redis out of memory or gone makes BullMQ report the same error in a tight loop.
    this.errorLog.run(errorKey(err), (suppressed) =>
      this.logger.warn(
        { err: String(err), suppressed },
        'worker connection error; BullMQ reconnects by itself',
      ),
    );
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<EventJobData> | undefined, err: Error): void {
    this.logger.warn(
      { jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message },
      'notification job attempt failed',
    );
  }

  async process(job: Job<EventJobData>, token?: string): Promise<{ delivered: number }> {
    const data = job.data;
    if (isMailBatchJob(data)) return this.deliverBatch(job, token, data);
    const { eventId } = data;
    const event = await this.prisma.outboxEvent.findUnique({ where: { id: eventId } });
    if (!event) throw new UnrecoverableError(`outbox event ${eventId} does not exist`);

    await this.prisma.$transaction(async (tx) => {
      if (!(await recordProcessed(tx, CONSUMER, eventId))) return;
      const mails = planMails(event as unknown as DomainEvent, {
        publicUrl: this.config.PUBLIC_URL,
      });
      await tx.notification.createMany({
        data: mails.map((m) => {
          const id = randomUUID();
          const rendered = renderMail(m.type, m.locale, m.data as never);
          return {
            id,
            eventId,
            type: m.type,
            recipient: m.recipient,
            locale: m.locale,
            subject: rendered.subject,
            body: rendered.text,
            competitionId: competitionOfEvent(event.payload),
            messageId: messageIdFor(id, this.config.MAIL_FROM),
          };
        }),
        skipDuplicates: true,
      });
    });

    const pending = await this.prisma.notification.findMany({
      where: { eventId, status: 'PENDING' },
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    if (pending.length > this.config.MAIL_BATCH_SIZE) {
      await this.fanOut(data);
      return { delivered: 0 };
    }
    return this.deliverAll(
      job,
      token,
      eventId,
      pending.map((n) => n.id),
    );
  }

  // A release's mails go out as batch jobs that any worker may take, so a
  // second worker adds SMTP throughput and a killed one holds up only the
  // batches it had. Run again (the sweeper, the reconciler), it makes sure
  // every batch with a mail still pending has a live job: a finished or
  // failed one is retried in place, a delayed one runs now.
  private async fanOut({ eventId, type }: EventJobData): Promise<void> {
    const batches = await this.pg.pool.query<{ batch: number }>(
      `SELECT DISTINCT ((rn - 1) / $2::int)::int AS batch
         FROM (SELECT status, row_number() OVER (ORDER BY id) AS rn
                 FROM notifications WHERE event_id = $1) AS mails
        WHERE status = 'PENDING'
        ORDER BY batch`,
      [eventId, this.config.MAIL_BATCH_SIZE],
    );
    await this.queues.republish(
      QueueName.Notifications,
      batches.rows.map(({ batch }) => ({
        name: `${type}#mails`,
        data: { eventId, type, batch } satisfies MailBatchJobData,
        jobId: mailBatchJobId(eventId, batch),
      })),
      { promoteDelayed: true },
    );
    this.logger.info({ eventId, batches: batches.rows.length }, 'mails fanned out in batch jobs');
  }

  private async deliverBatch(
    job: Job<EventJobData>,
    token: string | undefined,
    { eventId, batch }: MailBatchJobData,
  ): Promise<{ delivered: number }> {
    const size = this.config.MAIL_BATCH_SIZE;
    const { rows } = await this.pg.pool.query<{ id: string }>(
      `SELECT id FROM (SELECT id, status, row_number() OVER (ORDER BY id) AS rn
                         FROM notifications WHERE event_id = $1) AS mails
        WHERE rn > $2::int AND rn <= $3::int AND status = 'PENDING'
        ORDER BY id`,
      [eventId, batch * size, (batch + 1) * size],
    );
    return this.deliverAll(
      job,
      token,
      eventId,
      rows.map((r) => r.id),
    );
  }

  // Delivers mails side by side (MailSenderService bounds how many at once in
  // this process); each delivery claims its own row.
  private async deliverAll(
    job: Job<EventJobData>,
    token: string | undefined,
    eventId: string,
    ids: string[],
  ): Promise<{ delivered: number }> {
    const outcomes = await Promise.allSettled(ids.map((id) => this.sender.deliver(id)));
    const failure = outcomes.find((o) => o.status === 'rejected');
    if (failure) throw failure.reason;
    let later: Date | undefined;
    for (const o of outcomes) {
      const result = (o as PromiseFulfilledResult<DeliveryResult>).value;
      if (result.kind === 'later' && (!later || result.at < later)) later = result.at;
    }
    // An invitation's token is dropped from its event once no mail of it is pending.
    await this.sender.forgetSecrets(eventId);
    if (later) {
      // Mails that failed temporarily (or wait for another delivery's lease)
      // are not this job's failure: it waits until the earliest is due, without
      // spending an attempt, for as long as it takes.
      await job.moveToDelayed(later.getTime(), token);
      throw new DelayedError();
    }
    return { delivered: ids.length };
  }
}
