import { describe, expect, it } from 'vitest';
import {
  type Criterion,
  formatScore,
  isComplete,
  round2,
  runningTotal,
  scoreProblem,
} from './score-math';

// The rubric of docs/scoring.md's rule 1 example.
const criteria: Criterion[] = [
  { code: 'TECH', name: '技术', weight: 0.4, maxScore: 10 },
  { code: 'MARKET', name: '市场', weight: 0.3, maxScore: 10 },
  { code: 'TEAM', name: '团队', weight: 0.3, maxScore: 20 },
];

describe('runningTotal', () => {
  it('is the published formula: 8, 7, 15 give 75.5 (docs/scoring.md, rule 1)', () => {
    expect(runningTotal(criteria, { TECH: 8, MARKET: 7, TEAM: 15 })).toBeCloseTo(75.5, 10);
  });

  it('counts unfilled criteria as 0 so the total grows while the judge types', () => {
    expect(runningTotal(criteria, {})).toBe(0);
    expect(runningTotal(criteria, { TECH: 8, MARKET: null })).toBeCloseTo(32, 10);
    expect(runningTotal(criteria, { TECH: 8, MARKET: 7 })).toBeCloseTo(53, 10);
  });

  it('gives 100 for every criterion at its maximum and 0 at zero', () => {
    expect(runningTotal(criteria, { TECH: 10, MARKET: 10, TEAM: 20 })).toBeCloseTo(100, 10);
    expect(runningTotal(criteria, { TECH: 0, MARKET: 0, TEAM: 0 })).toBe(0);
  });

  it('ignores scores for codes the rubric does not have', () => {
    expect(runningTotal(criteria, { OTHER: 99, TECH: 10 })).toBeCloseTo(40, 10);
  });
});

describe('round2 and formatScore', () => {
  it('round half away from zero to 2 decimals, as the server reports scores', () => {
    expect(round2(82.125)).toBe(82.13);
    expect(round2(-82.125)).toBe(-82.13);
    expect(round2(1.005)).toBe(1.01);
    expect(round2(2.675)).toBe(2.68);
    expect(round2(82.124)).toBe(82.12);
  });

  it('formats with exactly two decimals', () => {
    expect(formatScore(75.5)).toBe('75.50');
    expect(formatScore(0)).toBe('0.00');
    expect(formatScore(100)).toBe('100.00');
    expect(formatScore(66.666666)).toBe('66.67');
  });
});

describe('isComplete', () => {
  it('is true only when every criterion has a number', () => {
    expect(isComplete(criteria, { TECH: 8, MARKET: 7, TEAM: 15 })).toBe(true);
    expect(isComplete(criteria, { TECH: 0, MARKET: 0, TEAM: 0 })).toBe(true);
    expect(isComplete(criteria, { TECH: 8, MARKET: 7 })).toBe(false);
    expect(isComplete(criteria, { TECH: 8, MARKET: 7, TEAM: null })).toBe(false);
  });
});

describe('scoreProblem', () => {
  const team = criteria[2];

  it('accepts an empty value and any number in [0, maxScore]', () => {
    expect(scoreProblem(team, null)).toBeNull();
    expect(scoreProblem(team, 0)).toBeNull();
    expect(scoreProblem(team, 12.5)).toBeNull();
    expect(scoreProblem(team, 20)).toBeNull();
  });

  it('refuses a value below 0, above maxScore or not finite', () => {
    expect(scoreProblem(team, -0.5)).toBe('range');
    expect(scoreProblem(team, 20.01)).toBe('range');
    expect(scoreProblem(team, Number.NaN)).toBe('range');
    expect(scoreProblem(team, Number.POSITIVE_INFINITY)).toBe('range');
  });
});
