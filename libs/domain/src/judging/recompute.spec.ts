import fc from 'fast-check';
import {
  StoredRankingCoverage,
  TxSnapshot,
  formatSnapshot,
  needsRecompute,
  parseSnapshot,
  visibleInSnapshot,
} from './ranking-coverage';
import { RankedEntry, SubmittedTotal, computeRanking } from './scoring';

// A model of the scoring pipeline: each score change is a transaction that
// takes an id when it writes and commits later, possibly after changes that
// began after it; its event is published only once it commits, then delivered
// late, out of order and more than once. A recompute reads the committed
// scores in a snapshot (which transactions are still in progress) while
// writers go on, and stores that snapshot; each delivery runs the worker's
// rule (skip when the stored ranking's snapshot sees the change, else
// recompute). Whatever happens, once every event has been delivered the
// ranking equals a recompute from scratch.
type Op =
  | { kind: 'submit'; judge: number; project: number; total: number }
  | { kind: 'reopen'; judge: number; project: number }
  | { kind: 'commit'; pick: number }
  | { kind: 'deliver'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('submit' as const),
    judge: fc.nat(4),
    project: fc.nat(5),
    total: fc.integer({ min: 0, max: 10000 }).map((x) => x / 100),
  }),
  fc.record({ kind: fc.constant('reopen' as const), judge: fc.nat(4), project: fc.nat(5) }),
  fc.record({ kind: fc.constant('commit' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat() }),
);

interface OpenTx {
  xid: bigint;
  key: string;
  apply: () => boolean; // applies the change at commit; false when the conditional write found nothing to do
}

function run(
  method: 'MEAN' | 'TRIMMED_MEAN' | 'ZSCORE',
  ops: Op[],
  redeliver: number[],
): { live: RankedEntry[]; scratch: RankedEntry[] } {
  let nextXid = 100n;
  const scores = new Map<string, { total: number; submitted: boolean }>(); // committed state
  const open: OpenTx[] = [];
  const pending: bigint[] = []; // events of committed changes, by their transaction id
  const delivered: bigint[] = [];
  let ranking: (StoredRankingCoverage & { entries: RankedEntry[] }) | null = null;
  const current = (): SubmittedTotal[] =>
    [...scores]
      .filter(([, s]) => s.submitted)
      .map(([k, s]) => ({ judgeId: k.split(':')[0], projectId: k.split(':')[1], total: s.total }));
  const snapshotNow = (): TxSnapshot => {
    const inProgress = open.map((t) => t.xid);
    return { xmin: inProgress.length ? inProgress[0] : nextXid, xmax: nextXid, inProgress };
  };
  const deliver = (xid: bigint) => {
    if (needsRecompute(ranking, { xid, closing: false })) {
      // The stored snapshot goes through its text form, as it does in the database.
      const snapshot = parseSnapshot(formatSnapshot(snapshotNow()));
      ranking = { snapshot, final: false, entries: computeRanking(method, current()) };
      nextXid++; // the recompute's own write takes an id too
    }
    delivered.push(xid);
  };
  for (const op of ops) {
    const key = 'judge' in op ? `J${op.judge}:P${op.project}` : '';
    if (op.kind === 'submit' || op.kind === 'reopen') {
      // One open change per score: a second writer would wait for its row lock.
      if (open.some((t) => t.key === key)) continue;
      const apply =
        op.kind === 'submit'
          ? () => {
              if (scores.get(key)?.submitted) return false; // locked: 409, no event
              scores.set(key, { total: op.total, submitted: true });
              return true;
            }
          : () => {
              const s = scores.get(key);
              if (!s?.submitted) return false;
              s.submitted = false;
              return true;
            };
      open.push({ xid: nextXid++, key, apply });
    } else if (op.kind === 'commit') {
      if (!open.length) continue;
      const tx = open.splice(op.pick % open.length, 1)[0];
      if (tx.apply()) pending.push(tx.xid);
    } else if (pending.length) {
      deliver(pending.splice(op.pick % pending.length, 1)[0]);
    }
  }
  while (open.length) {
    const tx = open.shift()!;
    if (tx.apply()) pending.push(tx.xid);
  }
  while (pending.length) deliver(pending.shift()!);
  for (const i of redeliver) if (delivered.length) deliver(delivered[i % delivered.length]); // duplicates
  const live: RankedEntry[] = (ranking as { entries: RankedEntry[] } | null)?.entries ?? [];
  return { live, scratch: computeRanking(method, current()) };
}

describe('ranking recompute', () => {
  for (const method of ['MEAN', 'TRIMMED_MEAN', 'ZSCORE'] as const) {
    it(`after any interleaving of submits, reopens, out-of-order commits and late or repeated deliveries equals a recompute from scratch (${method})`, () => {
      fc.assert(
        fc.property(
          fc.array(opArb, { maxLength: 100 }),
          fc.array(fc.nat(), { maxLength: 10 }),
          (ops, redeliver) => {
            const { live, scratch } = run(method, ops, redeliver);
            expect(live).toEqual(scratch);
          },
        ),
        { numRuns: 300 },
      );
    });
  }

  it('always recomputes once when the round closes, even if nothing changed', () => {
    const seen = parseSnapshot('100:110:');
    expect(needsRecompute({ snapshot: seen, final: false }, { xid: 105n, closing: true })).toBe(
      true,
    );
    expect(needsRecompute({ snapshot: seen, final: true }, { xid: 105n, closing: true })).toBe(
      false,
    );
    expect(needsRecompute(null, { xid: 1n, closing: false })).toBe(true);
  });

  it('recomputes for a change that committed after the snapshot though its id is lower than a visible one', () => {
    // 104 was still in progress when the ranking was read; 106 had committed.
    const snapshot = parseSnapshot('104:108:104,107');
    const ranking = { snapshot, final: false };
    expect(needsRecompute(ranking, { xid: 106n, closing: false })).toBe(false);
    expect(needsRecompute(ranking, { xid: 104n, closing: false })).toBe(true);
    expect(needsRecompute(ranking, { xid: 107n, closing: false })).toBe(true);
    expect(needsRecompute(ranking, { xid: 108n, closing: false })).toBe(true);
    expect(needsRecompute(ranking, { xid: 99n, closing: false })).toBe(false);
    // An event without a transaction id, or a ranking stored without a snapshot: recompute.
    expect(needsRecompute(ranking, { xid: null, closing: false })).toBe(true);
    expect(needsRecompute({ snapshot: null, final: false }, { xid: 99n, closing: false })).toBe(
      true,
    );
  });

  it('reads PostgreSQL’s pg_snapshot text form', () => {
    expect(parseSnapshot('748:752:748,750')).toEqual({
      xmin: 748n,
      xmax: 752n,
      inProgress: [748n, 750n],
    });
    expect(parseSnapshot('5000000000:5000000000:')).toEqual({
      xmin: 5000000000n,
      xmax: 5000000000n,
      inProgress: [],
    });
    expect(visibleInSnapshot(parseSnapshot('748:752:748,750'), 749n)).toBe(true);
    expect(visibleInSnapshot(parseSnapshot('748:752:748,750'), 751n)).toBe(true);
    expect(() => parseSnapshot('748-752')).toThrow('not a pg_snapshot');
  });
});
