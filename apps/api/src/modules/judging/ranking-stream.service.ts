import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Client } from 'pg';
import { Observable, Subject, filter } from 'rxjs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { RANKING_UPDATED_CHANNEL } from '@app/events';

// The scoring worker NOTIFYs when it commits a ranking; PostgreSQL delivers
// the notification only after that commit. One LISTEN connection per api
// process fans the round ids out to the open Server-Sent Event streams.
@Injectable()
export class RankingStreamService implements OnModuleInit, OnModuleDestroy {
  private client?: Client;
  private readonly updates = new Subject<string>();
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('RankingStream');
  }

  async onModuleInit(): Promise<void> {
    await this.connect();
  }

  updatesFor(roundId: string): Observable<string> {
    return this.updates.pipe(filter((id) => id === roundId));
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    client.on('notification', (n) => n.payload && this.updates.next(n.payload));
    client.on('error', (err) => {
      this.logger.warn({ err: String(err) }, 'ranking listener lost its connection; reconnecting');
      void client.end().catch(() => undefined);
      if (!this.stopped) setTimeout(() => void this.connect().catch(() => undefined), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${RANKING_UPDATED_CHANNEL}`);
    this.client = client;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.updates.complete();
    await this.client?.end().catch(() => undefined);
  }
}
