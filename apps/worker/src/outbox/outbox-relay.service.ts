import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PrismaService } from '@app/database';
import { ClaimedEvent, OutboxRelay } from '@app/messaging';
import { QueueRegistry } from './queue-registry.service';

const BATCH = 200;

// Runs the relay in a loop: straight on while batches are full, pausing
// RELAY_INTERVAL_MS when idle, backing off while Redis or PostgreSQL is down.
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private running = false;
  private loop?: Promise<void>;
  private readonly relay: OutboxRelay;

  constructor(
    private readonly prisma: PrismaService,
    queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('OutboxRelay');
    this.relay = new OutboxRelay(
      {
        claim: (limit, leaseMs) => this.claim(limit, leaseMs),
        markPublished: async (ids) => {
          await this.prisma
            .$executeRaw`UPDATE outbox_events SET published_at = now(), claimed_until = NULL WHERE id = ANY(${ids}::uuid[])`;
        },
      },
      (queue, jobs) => queues.addEventJobs(queue, jobs),
      { warn: (obj, msg) => this.logger.warn(obj, msg) },
      { batchSize: BATCH, leaseMs: config.RELAY_LEASE_MS },
    );
  }

  onApplicationBootstrap(): void {
    this.running = true;
    this.loop = this.run();
  }

  async onModuleDestroy(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const published = await this.relay.relayOnce();
        if (failures) this.logger.info({ after: failures }, 'outbox relay recovered');
        failures = 0;
        if (published) this.logger.debug({ published }, 'outbox events published');
        if (published < BATCH) await sleep(this.config.RELAY_INTERVAL_MS);
      } catch (error) {
        failures += 1;
        const wait = Math.min(this.config.RELAY_INTERVAL_MS * 2 ** failures, 5000);
        this.logger.warn(
          { err: String(error), failures, retryInMs: wait },
          'outbox relay failed; events stay in the outbox and will be retried',
        );
        await sleep(wait);
      }
    }
  }

  // FOR UPDATE SKIP LOCKED lets several relays share the table; the lease
  // (claimed_until) hands a dead relay's rows to the next one.
  private claim(limit: number, leaseMs: number): Promise<ClaimedEvent[]> {
    return this.prisma.$queryRaw<ClaimedEvent[]>`
      UPDATE outbox_events o
         SET claimed_until = now() + (${leaseMs}::int * interval '1 millisecond'), attempts = o.attempts + 1
       WHERE o.id IN (
         SELECT id FROM outbox_events
          WHERE published_at IS NULL AND (claimed_until IS NULL OR claimed_until < now())
          ORDER BY created_at
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
      RETURNING o.id, o.type`;
  }
}
