import { Pool, PoolConfig } from 'pg';

export type PgErrorHandler = (err: Error, source: 'idle' | 'checked-out') => void;

// A pg client emits 'error' when its connection dies (PostgreSQL restarted, a
// backend terminated, the network cut), also while it is checked out and busy,
// and an 'error' without a listener kills the process. The pool listens on
// idle clients only, so every client gets its own listener the moment the pool
// creates it ('connect' is emitted before the client is handed to anyone).
// The query that was running fails normally; the broken client is discarded.
export function createResilientPool(config: PoolConfig, onError: PgErrorHandler): Pool {
  const pool = new Pool({
    // Fail fast when PostgreSQL is unreachable instead of queueing requests forever.
    connectionTimeoutMillis: 10000,
    keepAlive: true,
    ...config,
  });
  pool.on('error', (err) => onError(err, 'idle'));
  pool.on('connect', (client) => {
    client.on('error', (err) => onError(err, 'checked-out'));
  });
  return pool;
}
