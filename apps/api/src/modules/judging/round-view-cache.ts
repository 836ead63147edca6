import { Injectable } from '@nestjs/common';
import { RankingStreamService } from './ranking-stream.service';

const MAX_ENTRIES = 10_000;

interface Entry {
  stamp: string;
  at: number;
  value: Promise<unknown>;
}

/**
 * What the hall reads of a round (the big screen's frame, a screen ticket's
 * standing), read from the database once per change however many screens and
 * phones ask. Every change a screen shows NOTIFYs `ranking_updated` with the
 * round (after its commit); an entry is served while the round's stamp
 * (RankingStreamService.stamp) is the one it was read under, so the first read
 * after a notification reads again and every concurrent reader shares that
 * one read. While the LISTEN connection is down nothing is cached, and
 * `maxAgeMs` bounds an entry's age in case a notification were ever lost.
 */
@Injectable()
export class RoundViewCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly stream: RankingStreamService) {}

  read<T>(roundId: string, key: string, maxAgeMs: number, load: () => Promise<T>): Promise<T> {
    // Taken before the read: a notification arriving during it changes the
    // stamp, so the value read is not served after that notification.
    const stamp = this.stream.stamp(roundId);
    if (stamp === null) return load();
    const id = `${roundId}:${key}`;
    const now = Date.now();
    const hit = this.entries.get(id);
    if (hit && hit.stamp === stamp && now - hit.at < maxAgeMs) return hit.value as Promise<T>;
    const value = load();
    if (this.entries.size >= MAX_ENTRIES) this.sweep(now, maxAgeMs);
    this.entries.set(id, { stamp, at: now, value });
    // A failed read is not kept: the next reader tries again.
    value.catch(() => {
      if (this.entries.get(id)?.value === value) this.entries.delete(id);
    });
    return value;
  }

  private sweep(now: number, maxAgeMs: number): void {
    for (const [id, entry] of this.entries) if (now - entry.at >= maxAgeMs) this.entries.delete(id);
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
  }
}
