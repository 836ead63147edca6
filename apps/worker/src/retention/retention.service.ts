import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import type { PoolClient } from 'pg';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PgService } from '@app/database';
import { PeriodicTask } from '../periodic-task';
import { RETENTION_RULES, RetentionRule } from './retention-rules';

// Rows per DELETE: each is its own short statement, so a first run over a
// year of rows never holds locks or a transaction for long.
const BATCH = 2000;
// One run at a time across every worker process (a session advisory lock).
const LOCK_KEY = 'retention';

// Prunes the outbox, the inbox (processed_events) and finished mails once they
// are older than their stated periods (RETENTION_*_DAYS; docs/operations.md).
// Never the audit log, and never a row something still needs: unpublished
// events, events with a mail not SENT (a PENDING one is being sent, a FAILED
// or CANCELLED one may be re-sent), PENDING or FAILED mails.
@Injectable()
export class RetentionService extends PeriodicTask {
  constructor(
    private readonly pg: PgService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    logger: PinoLogger,
  ) {
    super(logger, config.RETENTION_INTERVAL_MS);
    this.logger.setContext('Retention');
  }

  protected async runOnce(): Promise<void> {
    const deleted = await this.prune();
    if (deleted && Object.values(deleted).some((n) => n > 0))
      this.logger.info({ deleted }, 'old outbox, inbox and mail rows pruned');
  }

  // The rows deleted per table, or null when another worker is pruning.
  async prune(): Promise<Record<string, number> | null> {
    const client = await this.pg.pool.connect();
    let broken: Error | undefined;
    try {
      const {
        rows: [{ locked }],
      } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked',
        [LOCK_KEY],
      );
      if (!locked) return null;
      try {
        const deleted: Record<string, number> = {};
        for (const rule of RETENTION_RULES)
          deleted[rule.table] = await this.pruneTable(client, rule);
        return deleted;
      } finally {
        await client
          .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [LOCK_KEY])
          .catch((e: Error) => (broken = e)); // a dropped connection releases it anyway
      }
    } finally {
      client.release(broken);
    }
  }

  private async pruneTable(client: PoolClient, rule: RetentionRule): Promise<number> {
    const days = this.config[rule.days];
    let total = 0;
    for (;;) {
      const { rowCount } = await client.query(rule.sql, [days, BATCH]);
      total += rowCount ?? 0;
      if ((rowCount ?? 0) < BATCH) return total;
    }
  }
}
