import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { APP_CONFIG, AppConfig, LogThrottle, errorKey } from '@app/config';
import { PrismaClient } from './generated/prisma/client';
import { createResilientPool } from './pg-pool';

// Prisma 7's client runs on the pg driver adapter: no native engine needed.
// The adapter gets a pool this service owns, so every connection has an
// 'error' listener from birth: the adapter attaches its own only after a
// transaction's connection is handed out, and a backend terminated in between
// would otherwise crash the process.
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  readonly pool: Pool;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const logger = new Logger('PrismaService');
    const throttle = new LogThrottle();
    const pool = createResilientPool(
      { connectionString: config.DATABASE_URL, max: 20 },
      (err, source) =>
        throttle.run(errorKey(err), (suppressed) =>
          logger.warn(
            { err: String(err), source, suppressed },
            'PostgreSQL connection lost; reconnecting on next use',
          ),
        ),
    );
    super({
      adapter: new PrismaPg(pool, { disposeExternalPool: true }),
      // Under a burst (hundreds of jobs at once) a transaction waits for a
      // pooled connection rather than failing after Prisma's default 2 s.
      transactionOptions: { maxWait: 10000 },
    });
    this.pool = pool;
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    if (!this.pool.ended) await this.pool.end().catch(() => undefined);
  }
}
