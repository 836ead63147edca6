// Errors that mean "PostgreSQL cannot be reached right now" (restart, failover,
// terminated backends, refused or timed-out connections), as opposed to a bug
// or a bad statement. They answer 503 and are retried; they never crash a process.

// SQLSTATE classes 08 (connection exception), the 57P0x shutdowns and class
// 53, insufficient resources: 53000, 53100 disk full, 53200 out of memory,
// 53300 too many connections. A full disk is an outage of writes, not a bug:
// 503 with Retry-After and a throttled warning, never a 500 per request.
const SQLSTATE = /^(08...|57P01|57P02|57P03|53000|53100|53200|53300)$/;
const NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
// Prisma's codes for an unreachable server, a closed connection, a pool timeout,
// and P2028: no connection for an interactive transaction within maxWait (a
// sign-up rush exhausting the pool) — overload, answered 503 with Retry-After.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2037']);
// Driver adapter error kinds (@prisma/adapter-pg) for the same situations.
const ADAPTER_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
const MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|terminating connection due to administrator command|Connection refused|server closed the connection|the database system is (starting up|shutting down|in recovery mode)|Can't reach database server|Server has closed the connection|DatabaseNotReachable|ConnectionClosed|SocketTimeout|Cannot use a pool after calling end|No space left on device/i;

// SQLSTATE class 53 (insufficient resources) last seen by this process, by
// code: /health reports a full disk or out-of-memory server as degraded for a
// while after a statement failed with it (nothing else shows a full disk:
// reads keep working).
const RESOURCE_FAULT = /^53(000|100|200|300)$/;
const resourceFaults = new Map<string, number>();

export function recentDatabaseResourceFaults(withinMs: number): { code: string; at: Date }[] {
  const since = Date.now() - withinMs;
  return [...resourceFaults]
    .filter(([, at]) => at >= since)
    .map(([code, at]) => ({ code, at: new Date(at) }));
}

function noteResourceFault(code: string): void {
  if (RESOURCE_FAULT.test(code)) resourceFaults.set(code, Date.now());
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (error == null || typeof error !== 'object' || depth > 5) return false;
  const e = error as {
    code?: unknown;
    originalCode?: unknown;
    kind?: unknown;
    message?: unknown;
    cause?: unknown;
    meta?: { driverAdapterError?: unknown };
    errors?: unknown[];
  };
  if (typeof e.code === 'string') {
    noteResourceFault(e.code);
    if (SQLSTATE.test(e.code) || NODE_CODES.has(e.code) || PRISMA_CODES.has(e.code)) return true;
  }
  // The driver adapter keeps PostgreSQL's SQLSTATE as originalCode.
  if (typeof e.originalCode === 'string' && SQLSTATE.test(e.originalCode)) {
    noteResourceFault(e.originalCode);
    return true;
  }
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) {
    if (/No space left on device/i.test(e.message)) noteResourceFault('53100');
    return true;
  }
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1)))
    return true;
  return (
    isDatabaseUnavailable(e.cause, depth + 1) ||
    isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1)
  );
}
