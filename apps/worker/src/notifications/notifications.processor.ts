import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PrismaService, recordProcessed } from '@app/database';
import { DomainEvent, EventJobData, QueueName } from '@app/events';
import { messageIdFor, renderMail } from '@app/mail';
import { workerOptions } from '../worker-options';
import { planMails } from './mail-plan';
import { MailSenderService } from './mail-sender.service';

const CONSUMER = QueueName.Notifications;

// Turns events into notification rows (once: the inbox row commits with them)
// and then delivers whatever of this event is still PENDING. A redelivered
// event skips the first step and finishes the second, so a crash at any point
// neither loses a mail nor plans it twice.
@Processor(QueueName.Notifications, workerOptions())
export class NotificationsProcessor extends WorkerHost {
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
    this.logger.warn({ err: String(err) }, 'worker connection error; BullMQ reconnects by itself');
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job<EventJobData> | undefined, err: Error): void {
    this.logger.warn({ jobId: job?.id, attemptsMade: job?.attemptsMade, err: err.message }, 'notification job attempt failed');
  }

  async process(job: Job<EventJobData>): Promise<{ delivered: number }> {
    const { eventId } = job.data;
    const event = await this.prisma.outboxEvent.findUnique({ where: { id: eventId } });
    if (!event) throw new UnrecoverableError(`outbox event ${eventId} does not exist`);

    await this.prisma.$transaction(async (tx) => {
      if (!(await recordProcessed(tx, CONSUMER, eventId))) return;
      const mails = planMails(event as unknown as DomainEvent, { publicUrl: this.config.PUBLIC_URL });
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
    const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    for (const n of pending) await this.sender.deliver(n.id, finalAttempt);
    return { delivered: pending.length };
  }
}
