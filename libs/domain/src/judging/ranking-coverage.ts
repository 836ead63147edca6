// Which score changes a stored ranking includes. A recompute reads the round's
// scores in one consistent snapshot (REPEATABLE READ) without blocking any
// writer, and stores that snapshot with the ranking. A change is included
// exactly when the transaction that wrote it is visible in the snapshot, so a
// later change, or one that committed after the snapshot even though its
// sequence number was drawn earlier, triggers another recompute. (A "highest
// sequence number seen" cannot tell that: writers commit out of draw order.)

// PostgreSQL's pg_snapshot: every transaction id below xmin had finished when
// it was taken, none from xmax on had started, and those in between except
// `inProgress` had committed (text form `xmin:xmax:xip,xip,…`).
export interface TxSnapshot {
  xmin: bigint;
  xmax: bigint;
  inProgress: bigint[];
}

export function parseSnapshot(text: string): TxSnapshot {
  const match = /^(\d+):(\d+):([\d,]*)$/.exec(text.trim());
  if (!match) throw new Error(`not a pg_snapshot: ${text}`);
  return {
    xmin: BigInt(match[1]),
    xmax: BigInt(match[2]),
    inProgress: match[3] ? match[3].split(',').map((x) => BigInt(x)) : [],
  };
}

export function formatSnapshot(s: TxSnapshot): string {
  return `${s.xmin}:${s.xmax}:${s.inProgress.join(',')}`;
}

// Whether a committed transaction's writes are visible in the snapshot
// (pg_visible_in_snapshot, for a transaction known to have committed).
export function visibleInSnapshot(snapshot: TxSnapshot, xid: bigint): boolean {
  if (xid < snapshot.xmin) return true;
  if (xid >= snapshot.xmax) return false;
  return !snapshot.inProgress.includes(xid);
}

export interface StoredRankingCoverage {
  snapshot: TxSnapshot | null; // null: computed before snapshots were stored
  final: boolean;
}

// Whether a recompute triggered by a change (written by transaction `xid`,
// committed before the event is handled) still has work to do. Closing a
// round always produces one final ranking; otherwise a ranking whose snapshot
// sees the change already includes it, and the rest of a burst settles
// without recomputing. An event that does not name its transaction recomputes.
export function needsRecompute(
  ranking: StoredRankingCoverage | null,
  change: { xid: bigint | null; closing: boolean },
): boolean {
  if (change.closing && !ranking?.final) return true;
  if (!ranking?.snapshot || change.xid === null) return true;
  return !visibleInSnapshot(ranking.snapshot, change.xid);
}
