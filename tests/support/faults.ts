import { BASE_DATABASE_URL } from './env';
import { Stack } from './stack';
import { TcpProxy } from './tcp-proxy';

// A proxy in front of the machine's shared PostgreSQL (see TcpProxy).
export function databaseProxy(): TcpProxy {
  const u = new URL(BASE_DATABASE_URL);
  return new TcpProxy(u.hostname || '127.0.0.1', u.port ? Number(u.port) : 5432);
}

// What a restart does to the sessions that were open: PostgreSQL terminates
// every backend of the product's database (the test's own session excepted).
export async function terminateBackends(stack: Stack): Promise<number> {
  const rows = await stack.sql<{ n: number }>(
    `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  return rows[0].n;
}

// A database restart as the product sees it: every connection dropped, new
// ones refused for `ms`, then the server answers again.
export async function databaseRestart(stack: Stack, proxy: TcpProxy, ms: number): Promise<void> {
  await proxy.down();
  await terminateBackends(stack);
  await new Promise((r) => setTimeout(r, ms));
  await proxy.up();
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Calls `fn` and records the HTTP status, or 0 when no answer came at all
// (connection refused or reset: the api died).
export async function statusOf(fn: () => Promise<{ status: number }>): Promise<number> {
  try {
    return (await fn()).status;
  } catch {
    return 0;
  }
}
