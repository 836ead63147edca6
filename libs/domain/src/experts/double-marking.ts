import { rankEntries } from '../judging/scoring';
import { roundHalfAwayFromZero } from '../judging/rounding';
import { DomainError } from '../domain-error';

// Double marking with a tolerance (网上阅卷 "2+1", docs/expert-draw.md): two
// experts per project; when their totals differ by more than T a third marks
// it; the result follows the round's stated rule. Plain functions, tested to
// the last tie (double-marking.spec.ts).

export type ToleranceKind = 'ABSOLUTE' | 'SHARE_OF_MAX';
/** What a project with three marks gets. */
export type ThirdMarkRule = 'CLOSEST_PAIR' | 'MEAN_OF_ALL' | 'ARBITRATION';
/** When two pairs are equally close (CLOSEST_PAIR only). */
export type PairTieRule = 'MEAN_OF_ALL' | 'HIGHER_PAIR' | 'LOWER_PAIR' | 'ARBITRATION';

export interface DoubleMarkingRule {
  tolerance: number;
  toleranceKind: ToleranceKind;
  /** The highest total a judge can give (totals are 0..100 here). */
  maxTotal: number;
  thirdMarkRule: ThirdMarkRule;
  pairTieRule: PairTieRule;
}

export type DoubleMarkStatus = 'PENDING' | 'NEEDS_THIRD' | 'NEEDS_ARBITRATION' | 'DONE';
export type DoubleMarkVia =
  | 'PAIR_WITHIN_TOLERANCE'
  | 'CLOSEST_PAIR'
  | 'MEAN_OF_ALL'
  | 'TIE_MEAN_OF_ALL'
  | 'TIE_HIGHER_PAIR'
  | 'TIE_LOWER_PAIR'
  | 'ARBITRATION';

export interface DoubleMarkOutcome {
  status: DoubleMarkStatus;
  /** Unrounded; null until decided. */
  result: number | null;
  needsThird: boolean;
  via: DoubleMarkVia | null;
  /** The indexes (into the totals) of the pair that counted, when one did. */
  pair: [number, number] | null;
}

/** T in total points. */
export const toleranceOf = (rule: DoubleMarkingRule): number =>
  rule.toleranceKind === 'ABSOLUTE' ? rule.tolerance : rule.tolerance * rule.maxTotal;

// Differences compared at 9 decimals, as rounding does: 80 − 70 is exactly 10.
const fix = (x: number) => Number(x.toFixed(9));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * totals: the project's submitted totals in the order they were marked (the
 * first two, then the third); arbitration: the chief expert's total, if given.
 */
export function doubleMark(
  totals: readonly number[],
  rule: DoubleMarkingRule,
  arbitration: number | null = null,
): DoubleMarkOutcome {
  const T = fix(toleranceOf(rule));
  const pending = (status: DoubleMarkStatus, needsThird: boolean): DoubleMarkOutcome => ({
    status,
    result: null,
    needsThird,
    via: null,
    pair: null,
  });
  const arbitrated = (): DoubleMarkOutcome =>
    arbitration === null
      ? pending('NEEDS_ARBITRATION', true)
      : { status: 'DONE', result: arbitration, needsThird: true, via: 'ARBITRATION', pair: null };
  if (totals.length < 2) return pending('PENDING', false);
  const [a, b] = totals;
  if (fix(Math.abs(a - b)) <= T)
    return {
      status: 'DONE',
      result: (a + b) / 2,
      needsThird: false,
      via: 'PAIR_WITHIN_TOLERANCE',
      pair: [0, 1],
    };
  if (totals.length < 3) return pending('NEEDS_THIRD', true);
  const three = totals.slice(0, 3);
  if (rule.thirdMarkRule === 'MEAN_OF_ALL')
    return {
      status: 'DONE',
      result: mean(three),
      needsThird: true,
      via: 'MEAN_OF_ALL',
      pair: null,
    };
  if (rule.thirdMarkRule === 'ARBITRATION') return arbitrated();
  const pairs: [number, number][] = [
    [0, 1],
    [0, 2],
    [1, 2],
  ];
  const diff = (p: [number, number]) => fix(Math.abs(three[p[0]] - three[p[1]]));
  const closest = Math.min(...pairs.map(diff));
  if (closest > T) return arbitrated();
  const best = pairs.filter((p) => diff(p) === closest);
  const pairMean = (p: [number, number]) => (three[p[0]] + three[p[1]]) / 2;
  if (best.length === 1)
    return {
      status: 'DONE',
      result: pairMean(best[0]),
      needsThird: true,
      via: 'CLOSEST_PAIR',
      pair: best[0],
    };
  switch (rule.pairTieRule) {
    case 'MEAN_OF_ALL':
      return {
        status: 'DONE',
        result: mean(three),
        needsThird: true,
        via: 'TIE_MEAN_OF_ALL',
        pair: null,
      };
    case 'HIGHER_PAIR':
    case 'LOWER_PAIR': {
      const sorted = [...best].sort((p, q) => pairMean(p) - pairMean(q));
      const pick = rule.pairTieRule === 'HIGHER_PAIR' ? sorted[sorted.length - 1] : sorted[0];
      return {
        status: 'DONE',
        result: pairMean(pick),
        needsThird: true,
        via: rule.pairTieRule === 'HIGHER_PAIR' ? 'TIE_HIGHER_PAIR' : 'TIE_LOWER_PAIR',
        pair: pick,
      };
    }
    case 'ARBITRATION':
      return arbitrated();
  }
}

export interface DoubleMarkEntry {
  projectId: string;
  totals: number[];
  arbitration?: number | null;
}

export interface DoubleMarkRankedEntry extends DoubleMarkOutcome {
  projectId: string;
  totals: number[];
  /** Rank among the decided projects (scoring rule 3); null while undecided. */
  rank: number | null;
  /** Rounded half away from zero to 2 decimals; null while undecided. */
  score: number | null;
}

/**
 * The round's ranking under 2+1: decided projects ranked by rule 3 (rounded
 * scores, shared ranks, ties listed by projectId), then the undecided ones by
 * projectId. Every entry says whether it needed a third mark.
 */
export function doubleMarkRanking(
  entries: readonly DoubleMarkEntry[],
  rule: DoubleMarkingRule,
): DoubleMarkRankedEntry[] {
  const outcomes = entries.map((e) => ({
    projectId: e.projectId,
    totals: e.totals,
    ...doubleMark(e.totals, rule, e.arbitration ?? null),
  }));
  const decided = rankEntries(
    outcomes.filter((o) => o.result !== null).map((o) => ({ ...o, score: o.result! })),
  );
  const open = outcomes
    .filter((o) => o.result === null)
    .sort((a, b) => (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0))
    .map((o) => ({ ...o, rank: null, score: null }));
  return [...decided.map((d) => ({ ...d, rank: d.rank })), ...open];
}

export interface DoubleMarkStoredEntry {
  rank: number;
  projectId: string;
  /** The 2+1 result when decided, else the provisional mean of the marks so far (2 decimals). */
  score: number;
  judgeCount: number;
  spread: number;
  /** The first two marks differed by more than the tolerance: a third expert was needed. */
  thirdExpert: boolean;
  doubleMarkStatus: DoubleMarkStatus;
  doubleMarkVia: DoubleMarkVia | null;
}

/**
 * The stored round ranking under 2+1 (the scoring worker's): every project
 * with a submitted mark, its score the 2+1 result (doubleMark: the pair within
 * T, the closest pair, the mean of all three or the chief expert's
 * arbitration, as the round states) or, while undecided, the provisional mean
 * of its marks (status says which); ranked together by rule 3. Each entry
 * marks whether it needed a third expert. A pure function of the marks, so a
 * recompute is idempotent.
 */
export function doubleMarkStoredRanking(
  entries: readonly DoubleMarkEntry[],
  rule: DoubleMarkingRule,
): DoubleMarkStoredEntry[] {
  const scored = entries
    .filter((e) => e.totals.length > 0)
    .map((e) => {
      const outcome = doubleMark(e.totals, rule, e.arbitration ?? null);
      return {
        projectId: e.projectId,
        score: outcome.result ?? mean(e.totals),
        judgeCount: e.totals.length,
        spread: roundHalfAwayFromZero(Math.max(...e.totals) - Math.min(...e.totals)),
        thirdExpert: outcome.needsThird,
        doubleMarkStatus: outcome.status,
        doubleMarkVia: outcome.via,
      };
    });
  return rankEntries(scored).map((e) => ({
    rank: e.rank,
    projectId: e.projectId,
    score: e.score,
    judgeCount: e.judgeCount,
    spread: e.spread,
    thirdExpert: e.thirdExpert,
    doubleMarkStatus: e.doubleMarkStatus,
    doubleMarkVia: e.doubleMarkVia,
  }));
}

/**
 * Whether the chief expert's arbitration decides this project: its marks
 * (without an arbitration) call for one. Otherwise the reason it does not:
 * no third was needed, the third is still to mark, or the round's rule
 * decided it (e.g. the closest pair within T, the mean of all three).
 */
export function arbitrationAllowed(
  totals: readonly number[],
  rule: DoubleMarkingRule,
):
  | { allowed: true }
  | { allowed: false; because: 'NO_THIRD_NEEDED' | 'THIRD_PENDING' | 'RULE_DECIDES' } {
  const outcome = doubleMark(totals, rule, null);
  if (outcome.status === 'NEEDS_ARBITRATION') return { allowed: true };
  if (!outcome.needsThird) return { allowed: false, because: 'NO_THIRD_NEEDED' };
  if (outcome.status === 'NEEDS_THIRD') return { allowed: false, because: 'THIRD_PENDING' };
  return { allowed: false, because: 'RULE_DECIDES' };
}

/**
 * Closing a 2+1 round: the projects still waiting for a third expert's mark
 * or the chief expert's arbitration would leave the round with a provisional
 * score in its final ranking. They refuse the close (409 naming them) unless
 * the organiser forces it with a reason; returns whether it was forced.
 */
export function assertDoubleMarksDecided(
  undecidedTitles: readonly string[],
  force: { force?: boolean; reason?: string | null },
): boolean {
  if (!undecidedTitles.length) return false;
  if (force.force && force.reason?.trim()) return true;
  if (force.force)
    throw DomainError.of('FORCE_REASON_REQUIRED', 'a reason is required to force the close', [
      { field: 'reason', code: 'FIELD_REQUIRED', message: 'required with force' },
    ]);
  throw DomainError.of(
    'ROUND_DOUBLE_MARK_UNDECIDED',
    { projects: [...undecidedTitles] },
    `2+1 undecided (a third mark or the arbitration missing): ${undecidedTitles.join(', ')}. ` +
      'Close with {"force": true, "reason": "…"} to close anyway.',
  );
}

/** The entries whose 2+1 result is still open: a third mark or an arbitration awaited. */
export function undecidedDoubleMarks(
  entries: readonly DoubleMarkEntry[],
  rule: DoubleMarkingRule,
): string[] {
  return entries
    .filter((e) => {
      const s = doubleMark(e.totals, rule, e.arbitration ?? null).status;
      return s === 'NEEDS_THIRD' || s === 'NEEDS_ARBITRATION';
    })
    .map((e) => e.projectId);
}
