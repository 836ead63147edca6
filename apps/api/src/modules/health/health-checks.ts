import type { Redis } from 'ioredis';
import type { PrismaService } from '@app/database';
import { recentDatabaseResourceFaults } from '@app/database';

// A cause that does not stop the api from answering but needs a person:
// /health lists it under `degraded` with status "degraded" (HTTP 200).
export interface Degradation {
  component: 'db' | 'redis' | 'mail';
  cause:
    | 'DB_CONNECTION_SLOTS_EXHAUSTED'
    | 'DB_DISK_FULL'
    | 'DB_OUT_OF_MEMORY'
    | 'DB_INSUFFICIENT_RESOURCES'
    | 'REDIS_OUT_OF_MEMORY'
    | 'MAIL_DELAYED';
  message: string;
}

export const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms)),
  ]);

const RESOURCE_CAUSES: Record<string, Degradation['cause']> = {
  '53000': 'DB_INSUFFICIENT_RESOURCES',
  '53100': 'DB_DISK_FULL',
  '53200': 'DB_OUT_OF_MEMORY',
  '53300': 'DB_CONNECTION_SLOTS_EXHAUSTED',
};
// How long a statement's resource error keeps /health degraded.
const RESOURCE_FAULT_WINDOW_MS = 60000;

/** Connection slots: the server's (max_connections less the reserved) and the database's own limit. */
export async function connectionSlots(prisma: PrismaService): Promise<Degradation | null> {
  const [row] = await withTimeout(
    prisma.$queryRaw<{ used: number; usable: number; db_used: number; db_limit: number }[]>`
      SELECT (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')::int AS used,
             (current_setting('max_connections')::int
               - current_setting('superuser_reserved_connections')::int
               - coalesce(nullif(current_setting('reserved_connections', true), ''), '0')::int) AS usable,
             (SELECT count(*) FROM pg_stat_activity
               WHERE datname = current_database() AND backend_type = 'client backend')::int AS db_used,
             (SELECT datconnlimit FROM pg_database WHERE datname = current_database())::int AS db_limit`,
    2000,
  );
  if (row.used >= row.usable)
    return {
      component: 'db',
      cause: 'DB_CONNECTION_SLOTS_EXHAUSTED',
      message: `PostgreSQL has no connection slot left (${row.used} of ${row.usable} in use): new connections are refused`,
    };
  if (row.db_limit >= 0 && row.db_used >= row.db_limit)
    return {
      component: 'db',
      cause: 'DB_CONNECTION_SLOTS_EXHAUSTED',
      message: `the database's connection limit is reached (${row.db_used} of ${row.db_limit}): new connections are refused`,
    };
  return null;
}

/** Disk full, out of memory, no slot: what statements of this process failed with lately. */
export function recentResourceFaults(): Degradation[] {
  return recentDatabaseResourceFaults(RESOURCE_FAULT_WINDOW_MS).map(({ code, at }) => ({
    component: 'db',
    cause: RESOURCE_CAUSES[code] ?? 'DB_INSUFFICIENT_RESOURCES',
    message: `a statement failed with SQLSTATE ${code} at ${at.toISOString()}${code === '53100' ? ' (disk full): writes are refused' : ''}`,
  }));
}

/** Redis out of memory: a write is refused (noeviction at maxmemory). */
export async function redisWritable(redis: Redis, key: string): Promise<Degradation | null> {
  try {
    await withTimeout(redis.set(key, String(Date.now()), 'PX', 10000), 2000);
    return null;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (!/OOM/.test(message)) return null; // unreachable is reported as redis "down"
    return {
      component: 'redis',
      cause: 'REDIS_OUT_OF_MEMORY',
      message: `Redis refuses writes at maxmemory (${message.slice(0, 120)}): new jobs cannot be queued`,
    };
  }
}

/** Mail waiting longer than the delay (counted by the notifications context). */
export function mailDelay(
  delayed: { n: number; oldestSeconds: number | null; lastError: string | null } | null,
): Degradation | null {
  if (!delayed || delayed.n === 0) return null;
  return {
    component: 'mail',
    cause: 'MAIL_DELAYED',
    message: `${delayed.n} mail(s) waiting, the oldest for ${delayed.oldestSeconds} s: SMTP is slow or refusing${delayed.lastError ? ` (last error: ${delayed.lastError.slice(0, 200)})` : ''}`,
  };
}
