import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Pool, PoolClient } from 'pg';
import { APP_CONFIG, AppConfig } from '@app/config';
import { EventName, EventPayloads } from '@app/events';

// Plain pg for the hot paths (a roadshow's burst of score submits): Prisma's
// per-query overhead caps a 2-core api at ~90 requests/s there, raw pg
// transactions do not. Same database, same outbox, same rules.
@Injectable()
export class PgService implements OnModuleDestroy {
  readonly pool: Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.pool = new Pool({ connectionString: config.DATABASE_URL, max: 20 });
    this.pool.on('error', () => undefined); // idle client errors: the next query reconnects
  }

  async tx<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
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
  await client.query(`INSERT INTO outbox_events (id, type, aggregate_id, payload) VALUES ($1, $2, $3, $4::jsonb)`, [
    id,
    type,
    aggregateId,
    JSON.stringify(payload),
  ]);
  return id;
}
