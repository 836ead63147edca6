import { Criterion } from '../rubric';
import { FieldProblem, fieldProblem } from '../domain-error';
import { roundHalfAwayFromZero } from './rounding';

export type AggregationMethod = 'MEAN' | 'TRIMMED_MEAN' | 'ZSCORE';
export const AGGREGATION_METHODS: AggregationMethod[] = ['MEAN', 'TRIMMED_MEAN', 'ZSCORE'];

export type CriterionScores = Record<string, number>;

// Every criterion present, nothing else, each 0 ≤ value ≤ maxScore (422 otherwise).
export function validateScores(criteria: Criterion[], scores: CriterionScores): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const known = new Set(criteria.map((c) => c.code));
  for (const c of criteria) {
    const v = scores[c.code];
    const field = `scores.${c.code}`;
    const criterion = c.name || c.code;
    if (v === undefined || v === null)
      problems.push(fieldProblem(field, 'SCORE_MISSING', 'missing', { criterion }));
    else if (typeof v !== 'number' || !Number.isFinite(v))
      problems.push(fieldProblem(field, 'SCORE_NOT_NUMBER', 'must be a number', { criterion }));
    else if (v < 0 || v > c.maxScore)
      problems.push(
        fieldProblem(field, 'SCORE_OUT_OF_RANGE', `must be between 0 and ${c.maxScore}`, {
          criterion,
          max: c.maxScore,
        }),
      );
  }
  for (const code of Object.keys(scores)) {
    if (!known.has(code))
      problems.push(
        fieldProblem(`scores.${code}`, 'SCORE_UNKNOWN_CRITERION', 'not a criterion of this round', {
          criterion: code,
        }),
      );
  }
  return problems;
}

// Rule 1: Σ_c weight_c · score_c / maxScore_c · 100, in [0, 100].
export function judgeTotal(criteria: Criterion[], scores: CriterionScores): number {
  return criteria.reduce((sum, c) => sum + (c.weight * scores[c.code]) / c.maxScore, 0) * 100;
}

export interface SubmittedTotal {
  judgeId: string;
  projectId: string;
  total: number;
}

export interface ProjectAggregate {
  projectId: string;
  score: number; // unrounded
  judgeCount: number;
  spread: number; // max − min of the judges' totals
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function trimmedMean(totals: number[], trim: number): number {
  if (totals.length <= 2 * trim) return mean(totals);
  const sorted = [...totals].sort((a, b) => a - b);
  return mean(sorted.slice(trim, sorted.length - trim));
}

// Appends to the list under `key`, creating it: linear in the number of
// totals (copying the list on every append was quadratic in judges per project).
function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function extent(xs: number[]): number {
  let min = Infinity;
  let max = -Infinity;
  for (const x of xs) {
    if (x < min) min = x;
    if (x > max) max = x;
  }
  return max - min;
}

// Rule 2, over the submitted totals of one round.
export function aggregate(
  method: AggregationMethod,
  totals: SubmittedTotal[],
  trim = 1,
): ProjectAggregate[] {
  const byProject = new Map<string, SubmittedTotal[]>();
  for (const t of totals) push(byProject, t.projectId, t);

  let zOf: ((t: SubmittedTotal) => number) | undefined;
  if (method === 'ZSCORE') {
    const stats = new Map<string, { mean: number; sd: number }>();
    const byJudge = new Map<string, number[]>();
    for (const t of totals) push(byJudge, t.judgeId, t.total);
    for (const [judgeId, xs] of byJudge) {
      const m = mean(xs);
      const sd = Math.sqrt(mean(xs.map((x) => (x - m) ** 2))); // population sd
      stats.set(judgeId, { mean: m, sd });
    }
    zOf = (t) => {
      const s = stats.get(t.judgeId)!;
      return s.sd === 0 ? 0 : (t.total - s.mean) / s.sd;
    };
  }

  return [...byProject].map(([projectId, ts]) => {
    const xs = ts.map((t) => t.total);
    let score: number;
    if (method === 'MEAN') score = mean(xs);
    else if (method === 'TRIMMED_MEAN') score = trimmedMean(xs, trim);
    else score = 50 + 10 * mean(ts.map(zOf!));
    return { projectId, score, judgeCount: ts.length, spread: extent(xs) };
  });
}

export interface RankedEntry {
  rank: number;
  projectId: string;
  score: number; // rounded to 2 decimals
  judgeCount: number;
  spread: number;
}

// Rule 3: scores rounded half away from zero to 2 decimals; equal rounded
// scores share a rank (1, 2, 2, 4), listed by projectId.
export function rankEntries<T extends { projectId: string; score: number }>(
  entries: T[],
): (Omit<T, 'score'> & { rank: number; score: number })[] {
  const rounded = entries.map((e) => ({ ...e, score: roundHalfAwayFromZero(e.score) }));
  rounded.sort(
    (a, b) =>
      b.score - a.score || (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0),
  );
  let rank = 0;
  return rounded.map((e, i) => {
    if (i === 0 || e.score !== rounded[i - 1].score) rank = i + 1;
    return { ...e, rank };
  });
}

export function computeRanking(
  method: AggregationMethod,
  totals: SubmittedTotal[],
  trim = 1,
): RankedEntry[] {
  return rankEntries(aggregate(method, totals, trim)).map((e) => ({
    rank: e.rank,
    projectId: e.projectId,
    score: e.score,
    judgeCount: e.judgeCount,
    spread: roundHalfAwayFromZero(e.spread),
  }));
}

export interface ClosedRoundResult {
  weight: number;
  scores: Map<string, number>; // projectId → reported (rounded) round score
}

// The heat's closed rounds combined: Σ weight·roundScore / Σ weight, a project
// absent from a closed round counting 0 there.
export function combineRounds(
  projectIds: string[],
  rounds: ClosedRoundResult[],
): { projectId: string; score: number; roundCount: number }[] {
  const totalWeight = rounds.reduce((s, r) => s + r.weight, 0);
  return projectIds.map((projectId) => {
    const weighted = rounds.reduce((s, r) => s + r.weight * (r.scores.get(projectId) ?? 0), 0);
    return {
      projectId,
      score: totalWeight > 0 ? weighted / totalWeight : 0,
      roundCount: rounds.filter((r) => r.scores.has(projectId)).length,
    };
  });
}
