import type { Redis } from 'ioredis';

export type LeaseVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

// Takes up to ARGV[2] tokens from a fixed window's shared budget of ARGV[1]
// (the window is ARGV[3] ms, started by its first grant). Answers the tokens
// granted (0 when the budget is spent) and the window's remaining ms.
const LEASE_SCRIPT = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local grant = math.min(tonumber(ARGV[2]), tonumber(ARGV[1]) - used)
if grant <= 0 then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]); ttl = tonumber(ARGV[3]) end
  return {0, ttl}
end
local total = redis.call('INCRBY', KEYS[1], grant)
if total == grant then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]); ttl = tonumber(ARGV[3]) end
return {grant, ttl}
`;

const LEASE_COMMAND = 'rateLimitLease';
type LeaseCommand = (key: string, max: string, size: string, windowMs: string) => Promise<unknown>;

interface Lease {
  left: number;
  /** The shared window's end, by this process's clock. */
  until: number;
  /** The shared budget was spent: refuse locally until the window ends. */
  spent: boolean;
}

const MAX_KEYS = 50_000;

/**
 * A fixed-window limit of `max` requests per `windowMs` per key, counted in
 * Redis but without a Redis round trip per request: a process leases a slice
 * of the key's window budget (`leaseSize` tokens, one Redis script) and spends
 * it locally, asking for another slice when it runs out.
 *
 * The shared counter only grows by what was leased, and no lease goes past
 * `max`, so across any number of processes a key is never allowed more than
 * `max` requests in a window. A process holding an unspent slice when the key's
 * traffic moves to another process makes the limit stricter by at most that
 * slice: with P processes, a key gets between max − (P−1)·(leaseSize−1) and
 * max requests per window (docs/security.md). With leaseSize 1 it is the exact
 * shared count, one round trip per request.
 *
 * When Redis cannot be reached the request is allowed (the limits are skipped,
 * not the requests), as everywhere in the API.
 */
export class LeasedRateLimit {
  private readonly leases = new Map<string, Lease>();
  private readonly inFlight = new Map<string, Promise<Lease | null>>();

  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix: string,
    private readonly max: number,
    private readonly windowMs: number,
    private readonly leaseSize: number,
  ) {
    // EVALSHA after the first call: the script is not sent with every lease.
    if (!(LEASE_COMMAND in redis))
      redis.defineCommand(LEASE_COMMAND, { numberOfKeys: 1, lua: LEASE_SCRIPT });
  }

  async take(key: string): Promise<LeaseVerdict> {
    // Each pass either spends a local token, refuses, or waits for one lease
    // request; a lease shared out among more waiters than it holds sends the
    // rest round again.
    for (;;) {
      const lease = this.leases.get(key);
      const now = Date.now();
      if (lease && lease.until > now) {
        if (lease.spent)
          return {
            allowed: false,
            retryAfterSeconds: Math.max(1, Math.ceil((lease.until - now) / 1000)),
          };
        if (lease.left > 0) {
          lease.left--;
          return { allowed: true };
        }
      }
      let pending = this.inFlight.get(key);
      if (!pending) {
        pending = this.lease(key).finally(() => this.inFlight.delete(key));
        this.inFlight.set(key, pending);
      }
      if ((await pending) === null) return { allowed: true };
    }
  }

  private async lease(key: string): Promise<Lease | null> {
    let reply: [number, number];
    try {
      reply = (await (this.redis as unknown as Record<string, LeaseCommand>)[LEASE_COMMAND](
        this.keyPrefix + key,
        String(this.max),
        String(this.leaseSize),
        String(this.windowMs),
      )) as [number, number];
    } catch {
      return null; // Redis unreachable: skip the limit, not the request
    }
    const [granted, ttlMs] = reply;
    if (this.leases.size >= MAX_KEYS) this.sweep();
    const lease: Lease = { left: granted, until: Date.now() + ttlMs, spent: granted === 0 };
    this.leases.set(key, lease);
    return lease;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, lease] of this.leases) if (lease.until <= now) this.leases.delete(key);
    if (this.leases.size >= MAX_KEYS) this.leases.clear();
  }
}
