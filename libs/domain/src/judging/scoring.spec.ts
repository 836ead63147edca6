import fc from 'fast-check';
import {
  aggregate,
  combineRounds,
  computeRanking,
  judgeTotal,
  rankEntries,
  trimmedMean,
  validateScores,
} from './scoring';
import { roundHalfAwayFromZero } from './rounding';

const t = (judgeId: string, projectId: string, total: number) => ({ judgeId, projectId, total });

// The published judge pool of issue 3.
const POOL = [
  t('J1', 'P1', 92),
  t('J1', 'P2', 88),
  t('J1', 'P3', 85),
  t('J1', 'P4', 90),
  t('J2', 'P2', 70),
  t('J2', 'P3', 62),
  t('J2', 'P5', 66),
  t('J3', 'P1', 70),
  t('J3', 'P4', 85),
  t('J3', 'P5', 80),
];

describe('rounding half away from zero', () => {
  it('rounds halves away from zero despite binary floats', () => {
    expect(roundHalfAwayFromZero(82.125)).toBe(82.13);
    expect(roundHalfAwayFromZero(1.005)).toBe(1.01);
    expect(roundHalfAwayFromZero(-1.005)).toBe(-1.01);
    expect(roundHalfAwayFromZero(2.675)).toBe(2.68);
    expect(roundHalfAwayFromZero(82.12499)).toBe(82.12);
    expect(roundHalfAwayFromZero(0)).toBe(0);
    expect(roundHalfAwayFromZero(100 / 3)).toBe(33.33);
  });
});

describe('judge totals and validation', () => {
  const criteria = [
    { code: 'TECH', name: '技术', weight: 0.3, maxScore: 10 },
    { code: 'MARKET', name: '市场', weight: 0.7, maxScore: 100 },
  ];

  it('weights each criterion by its max score into 0..100', () => {
    expect(judgeTotal(criteria, { TECH: 10, MARKET: 100 })).toBeCloseTo(100, 10);
    expect(judgeTotal(criteria, { TECH: 5, MARKET: 50 })).toBeCloseTo(50, 10);
    expect(judgeTotal(criteria, { TECH: 0, MARKET: 0 })).toBe(0);
  });

  it('names missing, out-of-range and unknown criteria', () => {
    expect(validateScores(criteria, { TECH: 11, EXTRA: 1 }).map((p) => p.field)).toEqual([
      'scores.TECH',
      'scores.MARKET',
      'scores.EXTRA',
    ]);
    expect(validateScores(criteria, { TECH: -1, MARKET: 100 }).map((p) => p.field)).toEqual([
      'scores.TECH',
    ]);
    expect(validateScores(criteria, { TECH: 0, MARKET: 100 })).toEqual([]);
  });
});

describe('aggregation', () => {
  it('trims one highest and one lowest: 72 76 81 81 85 87 90 gives 82', () => {
    expect(trimmedMean([72, 76, 81, 81, 85, 87, 90], 1)).toBe(82);
    const totals = [72, 76, 81, 81, 85, 87, 90].map((x, i) => t(`J${i}`, 'P', x));
    expect(computeRanking('TRIMMED_MEAN', totals, 1)[0].score).toBe(82);
  });

  it('falls back to the plain mean when judgeCount ≤ 2·trim', () => {
    expect(trimmedMean([70, 80], 1)).toBe(75);
    expect(trimmedMean([70, 80, 90, 100], 2)).toBe(85);
    expect(trimmedMean([70, 80, 90], 1)).toBe(80);
  });

  it('ranks the published pool P4 > P2 > P5 > P1 > P3 under ZSCORE', () => {
    expect(computeRanking('ZSCORE', POOL).map((e) => e.projectId)).toEqual([
      'P4',
      'P2',
      'P5',
      'P1',
      'P3',
    ]);
  });

  it('puts P5 last under MEAN for the same pool', () => {
    const ranking = computeRanking('MEAN', POOL);
    expect(ranking[ranking.length - 1].projectId).toBe('P5');
    expect(ranking.map((e) => [e.projectId, e.score])).toEqual([
      ['P4', 87.5],
      ['P1', 81],
      ['P2', 79],
      ['P3', 73.5],
      ['P5', 73],
    ]);
  });

  it('standardises with the population sd, and sd 0 gives z 0 (score 50)', () => {
    const flat = [t('J1', 'A', 80), t('J1', 'B', 80), t('J2', 'A', 90), t('J2', 'B', 70)];
    const byId = Object.fromEntries(aggregate('ZSCORE', flat).map((a) => [a.projectId, a.score]));
    // J2: mean 80, population sd 10 → z(A)=1, z(B)=−1; J1 contributes 0.
    expect(byId.A).toBeCloseTo(55, 10);
    expect(byId.B).toBeCloseTo(45, 10);
  });

  it('reports each project’s judge count and spread of totals', () => {
    const [p1] = aggregate('MEAN', POOL).filter((a) => a.projectId === 'P1');
    expect(p1).toMatchObject({ judgeCount: 2, spread: 22 });
  });
});

describe('ranks', () => {
  it('shares ranks for equal rounded scores (1, 2, 2, 4), listed by projectId', () => {
    const ranked = rankEntries([
      { projectId: 'c', score: 80.004 },
      { projectId: 'a', score: 90 },
      { projectId: 'b', score: 79.996 },
      { projectId: 'd', score: 70 },
    ]);
    expect(ranked.map((e) => [e.rank, e.projectId, e.score])).toEqual([
      [1, 'a', 90],
      [2, 'b', 80],
      [2, 'c', 80],
      [4, 'd', 70],
    ]);
  });

  it('ties at the top share rank 1', () => {
    expect(
      rankEntries([
        { projectId: 'x', score: 50 },
        { projectId: 'y', score: 50 },
      ]).map((e) => e.rank),
    ).toEqual([1, 1]);
  });

  it('is independent of input order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            projectId: fc.uuid(),
            score: fc.integer({ min: 0, max: 10000 }).map((x) => x / 100),
          }),
          { maxLength: 30 },
        ),
        (entries) => {
          const unique = [...new Map(entries.map((e) => [e.projectId, e])).values()];
          expect(rankEntries([...unique].reverse())).toEqual(rankEntries(unique));
        },
      ),
    );
  });
});

describe('heat standings', () => {
  it('combines closed rounds by weight, absent counting 0', () => {
    const rounds = [
      {
        weight: 1,
        scores: new Map([
          ['A', 80],
          ['B', 70],
        ]),
      },
      { weight: 3, scores: new Map([['A', 60]]) },
    ];
    const combined = Object.fromEntries(
      combineRounds(['A', 'B'], rounds).map((c) => [c.projectId, c.score]),
    );
    expect(combined.A).toBe(65);
    expect(combined.B).toBe(17.5);
  });
});
