import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { APP_CONFIG, AppConfig, LogThrottle, errorKey } from '@app/config';
import { EventName, EventPayloads } from '@app/events';
import { createResilientPool } from './pg-pool';

// Plain pg for the hot paths (a roadshow's burst of score submits): Prisma's
// per-query overhead caps a 2-core api at ~90 requests/s there, raw pg
// transactions do not. Same database, same outbox, same rules.
@Injectable()
export class PgService implements OnModuleDestroy {
  readonly pool: Pool;
  private readonly logger = new Logger('PgService');
  private readonly throttle = new LogThrottle();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    // A lost connection fails its query (503 to the caller, a retry for a
    // job); the pool drops the broken client and the next query reconnects.
    this.pool = createResilientPool(
      { connectionString: config.DATABASE_URL, max: 20 },
      (err, source) =>
        this.throttle.run(errorKey(err), (suppressed) =>
          this.logger.warn(
            { err: String(err), source, suppressed },
            'PostgreSQL connection lost; reconnecting on next use',
          ),
        ),
    );
  }

  async tx<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      throw error;
    } finally {
      // A client whose connection failed is destroyed, not returned to the pool.
      client.release(broken);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool.end();
  }
}

export async function appendEventSql<N extends EventName>(
  client: PoolClient,
  type: N,
  aggregateId: string,
  payload: EventPayloads[N],
): Promise<string> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO outbox_events (id, type, aggregate_id, payload) VALUES ($1, $2, $3, $4::jsonb)`,
    [id, type, aggregateId, JSON.stringify(payload)],
  );
  return id;
}
