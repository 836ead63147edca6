import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Client } from 'pg';
import { Observable, Subject, filter } from 'rxjs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { RANKING_UPDATED_CHANNEL } from '@app/events';

export type ListenerState = 'interrupted' | 'reconnected';

const FIRST_RETRY_MS = 250;
export const API_LISTENER_NAME = 'api-listener';
const MAX_RETRY_MS = 10000;

// The scoring worker NOTIFYs when it commits a ranking; PostgreSQL delivers
// the notification only after that commit. One LISTEN connection per api
// process fans the round ids out to the open Server-Sent Event streams.
// When that connection dies (PostgreSQL restarted, backend terminated) it is
// re-established with backoff until it succeeds, however long that takes;
// notifications sent meanwhile are lost, so streams are told 'reconnected'
// and re-send the current ranking.
@Injectable()
export class RankingStreamService implements OnModuleInit, OnModuleDestroy {
  private client?: Client;
  private readonly updates = new Subject<string>();
  private readonly states = new Subject<ListenerState>();
  private stopped = false;
  private reconnecting?: Promise<void>;
  // Per round, how many notifications this process has received, and a count
  // of connections made and lost: together a round's stamp, which changes
  // whenever something a screen shows may have changed (RoundViewCache).
  private readonly generations = new Map<string, number>();
  private connection = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('RankingStream');
  }

  async onModuleInit(): Promise<void> {
    // The first connection may fail too (api started while PostgreSQL is down).
    if (!(await this.connectOnce())) this.reconnect();
  }

  updatesFor(roundId: string): Observable<string> {
    return this.updates.pipe(filter((id) => id === roundId));
  }

  // 'interrupted' when the LISTEN connection is lost, 'reconnected' when it is back.
  listenerStates(): Observable<ListenerState> {
    return this.states.asObservable();
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  /**
   * What this process has heard of the round: changes with each of its
   * notifications, and with every loss or return of the LISTEN connection.
   * Null while not listening: nothing heard then can be trusted to be current.
   */
  stamp(roundId: string): string | null {
    if (!this.client) return null;
    return `${this.connection}:${this.generations.get(roundId) ?? 0}`;
  }

  private heard(roundId: string): void {
    if (this.generations.size >= 10_000) {
      // Forgetting the counts changes every stamp: bump the connection's too.
      this.generations.clear();
      this.connection++;
    }
    this.generations.set(roundId, (this.generations.get(roundId) ?? 0) + 1);
    this.updates.next(roundId);
  }

  private async connectOnce(): Promise<boolean> {
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      connectionTimeoutMillis: 5000,
      keepAlive: true,
      // Named, so an operator (and the stream tests) can tell it in pg_stat_activity.
      application_name: API_LISTENER_NAME,
    });
    // Registered before connect(): an 'error' without a listener kills the process.
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (n) => n.payload && this.heard(n.payload));
    try {
      await client.connect();
      await client.query(`LISTEN ${RANKING_UPDATED_CHANNEL}`);
    } catch (error) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
      this.logger.debug({ err: String(error) }, 'ranking listener could not connect');
      return false;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return false;
    }
    this.connection++;
    this.client = client;
    return true;
  }

  private lost(client: Client, err: Error): void {
    if (this.client !== client || this.stopped) return;
    this.client = undefined;
    this.connection++;
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    this.logger.warn({ err: String(err) }, 'ranking listener lost its connection; reconnecting');
    this.states.next('interrupted');
    this.reconnect();
  }

  private reconnect(): void {
    if (this.reconnecting || this.stopped) return;
    this.reconnecting = (async () => {
      let delay = FIRST_RETRY_MS;
      for (let attempt = 1; !this.stopped; attempt++) {
        await new Promise((r) => setTimeout(r, delay).unref());
        if (this.stopped) break;
        if (await this.connectOnce()) {
          this.logger.info({ attempts: attempt }, 'ranking listener reconnected');
          this.states.next('reconnected');
          break;
        }
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      }
    })().finally(() => (this.reconnecting = undefined));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.updates.complete();
    this.states.complete();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
