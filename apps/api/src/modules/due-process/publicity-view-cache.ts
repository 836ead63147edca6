import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Client } from 'pg';
import { APP_CONFIG, AppConfig } from '@app/config';

// NOTIFYed by the database on every change of a 公示 or its list (migration
// 20261207004500_publicity_change_notify), with the publicity's id.
export const PUBLICITY_CHANGED_CHANNEL = 'publicity_changed';
const MAX_ENTRIES = 5_000;
// Bounds an entry's age should a notification ever be lost.
const MAX_AGE_MS = 60_000;

interface Entry {
  stamp: string;
  at: number;
  value: Promise<unknown>;
}

/**
 * The public 公示 page as the database holds it, read once per change
 * however many visitors ask: a crowd opening the page when the list is
 * published costs the database one read, not one per visitor. The database
 * itself announces every change (a trigger on the tables, so the worker's
 * scheduler and any other writer are covered); an entry is served while no
 * change of its publicity was heard since it was read. While the LISTEN
 * connection is down nothing is cached.
 */
@Injectable()
export class PublicityViewCache implements OnModuleInit, OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  private readonly generations = new Map<string, number>();
  private connection = 0;
  private listener?: Client;
  private stopped = false;
  private reconnecting = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('PublicityViewCache');
  }

  async onModuleInit(): Promise<void> {
    await this.listen().catch((err) => this.lost(err));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.listener?.end().catch(() => undefined);
  }

  read<T>(publicityId: string, load: () => Promise<T>): Promise<T> {
    if (!this.listener) return load();
    // Taken before the read: a change heard during it makes the value stale at once.
    const stamp = `${this.connection}:${this.generations.get(publicityId) ?? 0}`;
    const now = Date.now();
    const hit = this.entries.get(publicityId);
    if (hit && hit.stamp === stamp && now - hit.at < MAX_AGE_MS) return hit.value as Promise<T>;
    const value = load();
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(publicityId, { stamp, at: now, value });
    value.catch(() => {
      if (this.entries.get(publicityId)?.value === value) this.entries.delete(publicityId);
    });
    return value;
  }

  private heard(publicityId: string): void {
    if (this.generations.size >= MAX_ENTRIES) {
      this.generations.clear();
      this.connection++;
    }
    this.generations.set(publicityId, (this.generations.get(publicityId) ?? 0) + 1);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    client.on('notification', (n) => {
      if (n.channel === PUBLICITY_CHANGED_CHANNEL && n.payload) this.heard(n.payload);
    });
    const onLoss = (err: unknown) => {
      if (this.listener === client) this.lost(err);
    };
    client.on('error', onLoss);
    client.on('end', () => onLoss(new Error('connection ended')));
    this.listener = undefined;
    await client.connect();
    await client.query(`LISTEN ${PUBLICITY_CHANGED_CHANNEL}`);
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    // Anything read before this point may have missed a notification.
    this.connection++;
    this.listener = client;
  }

  private lost(err: unknown): void {
    if (this.stopped || this.reconnecting) return;
    const client = this.listener;
    this.listener = undefined;
    this.connection++;
    void client?.end().catch(() => undefined);
    this.reconnecting = true;
    this.logger.warn(
      { err: String(err) },
      'publicity listener down; reading public pages uncached',
    );
    setTimeout(() => {
      this.reconnecting = false;
      if (!this.stopped) void this.listen().catch((e) => this.lost(e));
    }, 1000).unref();
  }
}
