// Repeated warnings about the same condition (Redis out of memory, PostgreSQL
// restarting) can come thousands of times a second from retrying clients. The
// first one is logged at once, then at most one per `intervalMs` per key,
// carrying how many were suppressed in between.
export class LogThrottle {
  private readonly seen = new Map<string, { last: number; suppressed: number }>();

  constructor(
    private readonly intervalMs = 10000,
    private readonly now: () => number = Date.now,
  ) {}

  // Calls `log(suppressed)` when this key may log now; returns whether it did.
  run(key: string, log: (suppressed: number) => void): boolean {
    const t = this.now();
    const entry = this.seen.get(key);
    if (entry && t - entry.last < this.intervalMs) {
      entry.suppressed += 1;
      return false;
    }
    const suppressed = entry?.suppressed ?? 0;
    this.seen.set(key, { last: t, suppressed: 0 });
    if (this.seen.size > 1000) this.seen.delete(this.seen.keys().next().value as string);
    log(suppressed);
    return true;
  }
}

// Groups error texts that differ only in numbers, ids or addresses.
export function errorKey(err: unknown): string {
  const text = err instanceof Error ? `${err.name}:${err.message}` : String(err);
  return text.replace(/[0-9a-f]{8,}|\d+/gi, '#').slice(0, 200);
}
