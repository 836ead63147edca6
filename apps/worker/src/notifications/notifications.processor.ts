import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import { APP_CONFIG, AppConfig, LogThrottle, errorKey } from '@app/config';
import { PrismaService, recordProcessed } from '@app/database';
import { DomainEvent, EventJobData, QueueName, competitionOfEvent } from '@app/events';
import { messageIdFor, renderMail } from '@app/mail';
import { workerOptions } from '../worker-options';
import { planMails } from './mail-plan';
import { DeliveryResult, MailSenderService } from './mail-sender.service';

const CONSUMER = QueueName.Notifications;

// Turns events into notification rows (once: the inbox row commits with them)
// and then delivers whatever of this event is still PENDING. A redelivered
// event skips the first step and finishes the second, so a crash at any point
// neither loses a mail nor plans it twice.
@Processor(QueueName.Notifications, workerOptions())
export class NotificationsProcessor extends WorkerHost {
  private readonly errorLog = new LogThrottle();

  constructor(
    private readonly prisma: PrismaService,
    private readonly sender: MailSenderService,
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
    const { eventId } = job.data;
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
    // An event may carry thousands of mails (a results release): sent one
    // after another, every SMTP round trip would wait for the last one, and
    // the pool's other connections would idle. Each delivery claims its own
    // row, so they may run side by side; twice the pool keeps every
    // connection busy while the next mail's claim is being written.
    const limit = pLimit(this.config.SMTP_MAX_CONNECTIONS * 2);
    const outcomes = await Promise.allSettled(
      pending.map((n) => limit(() => this.sender.deliver(n.id))),
    );
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
    return { delivered: pending.length };
  }
}
