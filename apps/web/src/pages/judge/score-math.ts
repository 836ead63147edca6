import type { components } from '../../api/schema';

export type Criterion = components['schemas']['JudgeCriterionDto'];
export type Scores = Record<string, number | null>;

/**
 * The published formula (the API's scoring rules, 1): a judge's total is
 * Σ weight · score / maxScore · 100, in [0, 100]. Unfilled criteria count 0
 * so the running total grows as the judge types.
 */
export function runningTotal(criteria: Criterion[], scores: Scores): number {
  return (
    criteria.reduce((sum, c) => sum + (c.weight * (scores[c.code] ?? 0)) / c.maxScore, 0) * 100
  );
}

/** Half away from zero to 2 decimals, as the server reports scores. */
export function round2(x: number): number {
  return (Math.sign(x) * Math.round(Number((Math.abs(x) * 100).toFixed(6)))) / 100;
}

export const formatScore = (x: number) => round2(x).toFixed(2);

export function isComplete(
  criteria: Criterion[],
  scores: Scores,
): scores is Record<string, number> {
  return criteria.every((c) => typeof scores[c.code] === 'number');
}

/** A criterion's problem, or null: a number in [0, maxScore]. */
export function scoreProblem(c: Criterion, value: number | null): 'range' | null {
  if (value === null) return null;
  return Number.isFinite(value) && value >= 0 && value <= c.maxScore ? null : 'range';
}
