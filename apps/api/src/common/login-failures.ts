import type { Redis } from 'ioredis';

// Failed logins, counted in Redis per (account, address) and per account over
// every address. A login reserves one count in both before the password is
// checked (so a burst of parallel guesses cannot all pass the check before
// any is counted) and gives it back unless the answer is 401: only failures
// stay counted. Over the per-account cap, an address that has failed on the
// account is refused, while one that has not may still try: the owner,
// elsewhere, keeps logging in while someone guesses at the account.

export interface LoginFailureLimits {
  perAddress: number; // 0: off
  perAccount: number; // 0: off
  windowMs: number;
}

export interface LoginReservation {
  keys: [string, string];
}

export type LoginCheck =
  { allowed: true; reservation: LoginReservation } | { allowed: false; retryAfterSeconds: number };

// INCR both, starting each window at its first count; answers both counts and TTLs.
const RESERVE = `
local a = redis.call('INCR', KEYS[1])
if a == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local c = redis.call('INCR', KEYS[2])
if c == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[1]) end
return {a, c, redis.call('PTTL', KEYS[1]), redis.call('PTTL', KEYS[2])}`;

// Gives a reservation back without creating a key that expired meanwhile.
const RELEASE = `
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then redis.call('DECR', key) end
end
return 1`;

export class LoginFailures {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: LoginFailureLimits,
  ) {}

  get enabled(): boolean {
    return this.limits.perAddress > 0 || this.limits.perAccount > 0;
  }

  /** Reserves one attempt on `account` from `address`, or says when to come back. */
  async reserve(account: string, address: string): Promise<LoginCheck> {
    const keys: [string, string] = [
      `${this.prefix}login:${account}:${address}`,
      `${this.prefix}login:${account}`,
    ];
    const [fromAddress, onAccount, addressTtl, accountTtl] = (await this.redis.eval(
      RESERVE,
      2,
      ...keys,
      String(this.limits.windowMs),
    )) as number[];
    const { perAddress, perAccount } = this.limits;
    const addressOver = perAddress > 0 && fromAddress > perAddress;
    // `fromAddress > 1`: this address failed on the account before (or is
    // guessing in parallel); a first try from a new address is let through.
    const accountOver = perAccount > 0 && onAccount > perAccount && fromAddress > 1;
    if (!addressOver && !accountOver) return { allowed: true, reservation: { keys } };
    await this.release({ keys });
    const ttl = addressOver ? addressTtl : accountTtl;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
  }

  /** After the answer: a failure (401) stays counted; a success clears the address's failures. */
  async settle(reservation: LoginReservation, status: number): Promise<void> {
    if (status === 401) return;
    if (status >= 200 && status < 300) {
      await this.redis.del(reservation.keys[0]);
      await this.redis.eval(RELEASE, 1, reservation.keys[1]);
      return;
    }
    await this.release(reservation);
  }

  private async release(reservation: LoginReservation): Promise<void> {
    await this.redis.eval(RELEASE, 2, ...reservation.keys);
  }
}
