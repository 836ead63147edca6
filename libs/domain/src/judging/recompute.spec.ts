import fc from 'fast-check';
import { RoundLifecycle } from './round-lifecycle';
import { RankedEntry, SubmittedTotal, computeRanking } from './scoring';

// A model of the scoring pipeline: score changes each draw a sequence number
// and emit an event; events are delivered late, out of order and more than
// once, interleaved with further changes; each delivery runs the worker's rule
// (skip when the stored ranking already covers the event, else recompute from
// the current scores and record a fresh sequence number). Whatever happens,
// once every event has been delivered the ranking equals a recompute from scratch.
type Op =
  | { kind: 'submit'; judge: number; project: number; total: number }
  | { kind: 'reopen'; judge: number; project: number }
  | { kind: 'deliver'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('submit' as const), judge: fc.nat(4), project: fc.nat(5), total: fc.integer({ min: 0, max: 10000 }).map((x) => x / 100) }),
  fc.record({ kind: fc.constant('reopen' as const), judge: fc.nat(4), project: fc.nat(5) }),
  fc.record({ kind: fc.constant('deliver' as const), pick: fc.nat() }),
);

function run(method: 'MEAN' | 'TRIMMED_MEAN' | 'ZSCORE', ops: Op[], redeliver: number[]): { live: RankedEntry[]; scratch: RankedEntry[] } {
  let seq = 0n;
  const scores = new Map<string, { total: number; submitted: boolean }>();
  const pending: bigint[] = [];
  const delivered: bigint[] = [];
  let rankingSeq: bigint | null = null;
  let ranking: RankedEntry[] = [];
  const current = (): SubmittedTotal[] =>
    [...scores].filter(([, s]) => s.submitted).map(([k, s]) => ({ judgeId: k.split(':')[0], projectId: k.split(':')[1], total: s.total }));
  const deliver = (eventSeq: bigint) => {
    if (RoundLifecycle.needsRecompute(rankingSeq, eventSeq, { rankingFinal: false, closing: false })) {
      rankingSeq = ++seq;
      ranking = computeRanking(method, current());
    }
    delivered.push(eventSeq);
  };
  for (const op of ops) {
    const key = 'judge' in op ? `J${op.judge}:P${op.project}` : '';
    if (op.kind === 'submit') {
      const s = scores.get(key);
      if (s?.submitted) continue; // locked: the API answers 409 and emits nothing
      scores.set(key, { total: op.total, submitted: true });
      pending.push(++seq);
    } else if (op.kind === 'reopen') {
      const s = scores.get(key);
      if (!s?.submitted) continue;
      s.submitted = false;
      pending.push(++seq);
    } else if (pending.length) {
      deliver(pending.splice(op.pick % pending.length, 1)[0]);
    }
  }
  while (pending.length) deliver(pending.shift()!);
  for (const i of redeliver) if (delivered.length) deliver(delivered[i % delivered.length]); // duplicates
  return { live: ranking, scratch: computeRanking(method, current()) };
}

describe('ranking recompute', () => {
  for (const method of ['MEAN', 'TRIMMED_MEAN', 'ZSCORE'] as const) {
    it(`after any sequence of submits, reopens and late or repeated deliveries equals a recompute from scratch (${method})`, () => {
      fc.assert(
        fc.property(fc.array(opArb, { maxLength: 80 }), fc.array(fc.nat(), { maxLength: 10 }), (ops, redeliver) => {
          const { live, scratch } = run(method, ops, redeliver);
          expect(live).toEqual(scratch);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('always recomputes once when the round closes, even if nothing changed', () => {
    expect(RoundLifecycle.needsRecompute(10n, 5n, { rankingFinal: false, closing: true })).toBe(true);
    expect(RoundLifecycle.needsRecompute(10n, 5n, { rankingFinal: true, closing: true })).toBe(false);
    expect(RoundLifecycle.needsRecompute(null, 1n, { rankingFinal: false, closing: false })).toBe(true);
  });
});
