import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { PinoLogger } from 'nestjs-pino';
import { LogThrottle, errorKey } from '@app/config';
import { PgService } from '@app/database';
import { EventJobData, EventPayloads, QueueName } from '@app/events';
import { workerOptions } from '../worker-options';
import { RankingRecomputer } from './ranking.recomputer';

@Processor(QueueName.Scoring, workerOptions())
export class ScoringProcessor extends WorkerHost {
  private readonly errorLog = new LogThrottle();

  constructor(
    private readonly pg: PgService,
    private readonly recomputer: RankingRecomputer,
    private readonly logger: PinoLogger,
  ) {
    super();
    this.logger.setContext('ScoringProcessor');
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

  async process(job: Job<EventJobData>): Promise<{ outcome: string }> {
    // Plain pg: a burst brings one job per submit, and Prisma's per-query CPU
    // here competed with the api's on the same cores.
    const { rows } = await this.pg.pool.query<{ id: string; type: string; payload: unknown }>(
      'SELECT id, type, payload FROM outbox_events WHERE id = $1',
      [job.data.eventId],
    );
    const event = rows[0];
    if (!event) throw new UnrecoverableError(`outbox event ${job.data.eventId} does not exist`);
    const payload = event.payload as
      EventPayloads['judging.scores-changed'] | EventPayloads['judging.round-closed'];
    const closing = event.type === 'judging.round-closed';
    const outcome = await this.recomputer.handle(event.id, {
      roundId: payload.roundId,
      xid: payload.xid ? BigInt(payload.xid) : null,
      closing,
    });
    if (outcome === 'recomputed')
      this.logger.debug({ roundId: payload.roundId, closing }, 'ranking recomputed');
    return { outcome };
  }
}
