import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { PrismaService } from '@app/database';
import { EventJobData, EventPayloads, QueueName } from '@app/events';
import { workerOptions } from '../worker-options';
import { RankingRecomputer } from './ranking.recomputer';

@Processor(QueueName.Scoring, workerOptions())
export class ScoringProcessor extends WorkerHost {
  constructor(
    private readonly prisma: PrismaService,
    private readonly recomputer: RankingRecomputer,
    private readonly logger: PinoLogger,
  ) {
    super();
    this.logger.setContext('ScoringProcessor');
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.warn({ err: String(err) }, 'worker connection error; BullMQ reconnects by itself');
  }

  async process(job: Job<EventJobData>): Promise<{ outcome: string }> {
    const event = await this.prisma.outboxEvent.findUnique({ where: { id: job.data.eventId } });
    if (!event) throw new UnrecoverableError(`outbox event ${job.data.eventId} does not exist`);
    const payload = event.payload as unknown as EventPayloads['judging.scores-changed'] | EventPayloads['judging.round-closed'];
    const closing = event.type === 'judging.round-closed';
    const outcome = await this.recomputer.handle(event.id, payload.roundId, BigInt(payload.seq), closing);
    if (outcome === 'recomputed') this.logger.debug({ roundId: payload.roundId, closing }, 'ranking recomputed');
    return { outcome };
  }
}
