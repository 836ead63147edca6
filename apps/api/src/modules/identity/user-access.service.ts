import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Client } from 'pg';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PgService, Tx } from '@app/database';
import { ROLES, RoleName } from '@app/domain';

// PostgreSQL NOTIFY channel: a user's roles, disabled flag or token version changed.
export const USER_ACCESS_CHANNEL = 'user_access_changed';
const MAX_ENTRIES = 50_000;

export interface UserAccess {
  tokenVersion: number;
  disabled: boolean;
  roles: RoleName[];
}

// Announces a change of a user's access, delivered by PostgreSQL to every api
// process only when the transaction commits (and not at all if it rolls back).
export async function announceAccessChange(tx: Tx, userId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_notify(${USER_ACCESS_CHANNEL}, ${userId})`;
}

// What the auth guard checks on every request: the user's current token
// version, disabled flag and roles. Cached per process so a roadshow's burst
// of score submits does not pay a query per request; kept correct across
// processes by PostgreSQL LISTEN/NOTIFY: a change evicts the entry in every
// api process as it commits. While the listening connection is down nothing
// is cached (each request reads the row), and USER_ACCESS_CACHE_MS bounds the
// age of any entry in case a notification were ever lost.
@Injectable()
export class UserAccessService implements OnModuleInit, OnModuleDestroy {
  private readonly cache = new Map<string, { access: UserAccess | null; at: number }>();
  // Bumped by every eviction: a read that started before one is not cached.
  private epoch = 0;
  private listener?: Client;
  private listening = false;
  private reconnecting = false;
  private stopped = false;

  constructor(
    private readonly pg: PgService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('UserAccess');
  }

  async onModuleInit(): Promise<void> {
    await this.listen().catch((err) => this.lost(err));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.listener?.end().catch(() => undefined);
  }

  async current(userId: string): Promise<UserAccess | null> {
    const hit = this.cache.get(userId);
    if (hit && this.listening && Date.now() - hit.at < this.config.USER_ACCESS_CACHE_MS)
      return hit.access;
    const epoch = this.epoch;
    const { rows } = await this.pg.pool.query<{
      token_version: number;
      disabled: boolean;
      roles: string[];
    }>(
      `SELECT token_version, disabled_at IS NOT NULL AS disabled, roles::text[] AS roles
         FROM users WHERE id = $1`,
      [userId],
    );
    const access = rows[0]
      ? {
          tokenVersion: rows[0].token_version,
          disabled: rows[0].disabled,
          roles: rows[0].roles.filter((r): r is RoleName => ROLES.includes(r as RoleName)),
        }
      : null;
    if (this.listening && epoch === this.epoch && this.config.USER_ACCESS_CACHE_MS > 0) {
      if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(userId, { access, at: Date.now() });
    }
    return access;
  }

  // Whether a one-time sign-in pass still carries its sessions: not revoked,
  // not past its end. Read on every request of such a session (uncached), so
  // a revocation ends it at once in every api process.
  async passActive(passId: string, userId: string): Promise<boolean> {
    const { rows } = await this.pg.pool.query(
      `SELECT 1 FROM sign_in_passes
        WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now()`,
      [passId, userId],
    );
    return rows.length === 1;
  }

  /**
   * A change of this user's access committed in this process: evicted here at
   * once, so the caller's next request already sees it (the NOTIFY reaches this
   * process's listener a moment later, and the other processes' as it does).
   */
  changed(userId: string): void {
    this.evict(userId);
  }

  private evict(userId?: string): void {
    this.epoch++;
    if (userId) this.cache.delete(userId);
    else this.cache.clear();
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    this.listener = client;
    client.on('notification', (n) => {
      if (n.channel === USER_ACCESS_CHANNEL && n.payload) this.evict(n.payload);
    });
    // Only the current connection's failure counts; an old one's late 'end' does not.
    const onLoss = (err: unknown) => {
      if (this.listener === client) this.lost(err);
    };
    client.on('error', onLoss);
    client.on('end', () => onLoss(new Error('connection ended')));
    await client.connect();
    await client.query(`LISTEN ${USER_ACCESS_CHANNEL}`);
    // Anything cached before this point may have missed a notification.
    this.evict();
    this.listening = true;
  }

  private lost(err: unknown): void {
    if (this.stopped || this.reconnecting) return;
    this.listening = false;
    this.evict();
    const client = this.listener;
    this.listener = undefined;
    void client?.end().catch(() => undefined);
    this.reconnecting = true;
    this.logger.warn({ err: String(err) }, 'access-change listener down; reading users uncached');
    setTimeout(() => {
      this.reconnecting = false;
      if (!this.stopped) void this.listen().catch((e) => this.lost(e));
    }, 1000).unref();
  }
}
