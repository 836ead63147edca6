import {
  DoubleMarkingRule,
  arbitrationAllowed,
  assertDoubleMarksDecided,
  doubleMark,
  doubleMarkRanking,
  doubleMarkStoredRanking,
  toleranceOf,
  undecidedDoubleMarks,
} from './double-marking';
import { DomainError } from '../domain-error';

const rule = (over: Partial<DoubleMarkingRule> = {}): DoubleMarkingRule => ({
  tolerance: 10,
  toleranceKind: 'ABSOLUTE',
  maxTotal: 100,
  thirdMarkRule: 'CLOSEST_PAIR',
  pairTieRule: 'MEAN_OF_ALL',
  ...over,
});

describe('2+1 double marking (FIELD.md test vectors, T = 10)', () => {
  it('(70, 78) → 74', () => {
    expect(doubleMark([70, 78], rule())).toMatchObject({
      status: 'DONE',
      result: 74,
      needsThird: false,
      via: 'PAIR_WITHIN_TOLERANCE',
    });
  });
  it('(60, 80) needs a third', () => {
    expect(doubleMark([60, 80], rule())).toMatchObject({
      status: 'NEEDS_THIRD',
      result: null,
      needsThird: true,
    });
  });
  it('(60, 80, third 75) → 77.5, the closest pair', () => {
    expect(doubleMark([60, 80, 75], rule())).toMatchObject({
      status: 'DONE',
      result: 77.5,
      via: 'CLOSEST_PAIR',
      pair: [1, 2],
    });
  });
  it('(60, 80, third 95) → arbitration: no pair within T', () => {
    expect(doubleMark([60, 80, 95], rule())).toMatchObject({
      status: 'NEEDS_ARBITRATION',
      result: null,
    });
    expect(doubleMark([60, 80, 95], rule(), 88)).toMatchObject({
      status: 'DONE',
      result: 88,
      via: 'ARBITRATION',
    });
  });
  it('(60, 80, third 70) → equidistant: the declared tie rule decides', () => {
    expect(doubleMark([60, 80, 70], rule())).toMatchObject({
      result: 70,
      via: 'TIE_MEAN_OF_ALL',
    });
    expect(doubleMark([60, 80, 70], rule({ pairTieRule: 'HIGHER_PAIR' }))).toMatchObject({
      result: 75,
      via: 'TIE_HIGHER_PAIR',
      pair: [1, 2],
    });
    expect(doubleMark([60, 80, 70], rule({ pairTieRule: 'LOWER_PAIR' }))).toMatchObject({
      result: 65,
      via: 'TIE_LOWER_PAIR',
      pair: [0, 2],
    });
    expect(doubleMark([60, 80, 70], rule({ pairTieRule: 'ARBITRATION' }))).toMatchObject({
      status: 'NEEDS_ARBITRATION',
    });
  });
});

describe('2+1 edges', () => {
  it('a difference of exactly T is within tolerance (binary noise included)', () => {
    expect(doubleMark([70, 80], rule()).result).toBe(75);
    expect(doubleMark([70.1, 80.1], rule()).status).toBe('DONE'); // 80.1 − 70.1 = 9.999999999999986
    expect(doubleMark([0.3, 10.3 + 1e-12], rule()).status).toBe('DONE');
    expect(doubleMark([70, 80.01], rule()).status).toBe('NEEDS_THIRD');
  });
  it('a share of the maximum', () => {
    const r = rule({ tolerance: 0.15, toleranceKind: 'SHARE_OF_MAX' });
    expect(toleranceOf(r)).toBeCloseTo(15, 12);
    expect(doubleMark([60, 75], r).status).toBe('DONE');
    expect(doubleMark([60, 75.5], r).status).toBe('NEEDS_THIRD');
  });
  it('fewer than two marks is pending; a third never changes a pair within tolerance', () => {
    expect(doubleMark([], rule()).status).toBe('PENDING');
    expect(doubleMark([50], rule()).status).toBe('PENDING');
    expect(doubleMark([70, 78, 20], rule()).result).toBe(74);
  });
  it('the round may state the mean of all three, or arbitration, instead', () => {
    expect(doubleMark([60, 80, 75], rule({ thirdMarkRule: 'MEAN_OF_ALL' })).result).toBeCloseTo(
      71.6666666667,
      9,
    );
    expect(doubleMark([60, 80, 75], rule({ thirdMarkRule: 'ARBITRATION' })).status).toBe(
      'NEEDS_ARBITRATION',
    );
    expect(doubleMark([60, 80, 75], rule({ thirdMarkRule: 'ARBITRATION' }), 79).result).toBe(79);
  });
  it('three equal marks: every pair ties at 0', () => {
    expect(doubleMark([40, 60, 60], rule()).result).toBe(60);
    expect(doubleMark([60, 60, 60].slice(0, 2), rule()).result).toBe(60);
  });
  it('the ranking marks projects that needed a third; ties share a rank; undecided last', () => {
    const ranked = doubleMarkRanking(
      [
        { projectId: 'c', totals: [70, 78] },
        { projectId: 'a', totals: [60, 80, 75] },
        { projectId: 'b', totals: [74, 74] },
        { projectId: 'd', totals: [60, 80] },
        { projectId: 'e', totals: [60, 80, 95] },
      ],
      rule(),
    );
    expect(ranked.map((r) => [r.projectId, r.rank, r.score, r.needsThird])).toEqual([
      ['a', 1, 77.5, true],
      ['b', 2, 74, false],
      ['c', 2, 74, false],
      ['d', null, null, true],
      ['e', null, null, true],
    ]);
  });
});

describe('the stored ranking under 2+1 (the scoring worker’s)', () => {
  const marks = [
    { projectId: 'a', totals: [70, 78] }, // within T: 74
    { projectId: 'b', totals: [60, 80, 75] }, // closest pair: 77.5
    { projectId: 'c', totals: [60, 80, 70] }, // tie: the mean of all, 70
    { projectId: 'd', totals: [60, 80] }, // waiting for the third: provisional 70
    { projectId: 'e', totals: [60, 80, 95] }, // no pair within T: arbitration
    { projectId: 'f', totals: [] }, // nothing submitted: not ranked
  ];
  it('scores each project by the rule, marks those that needed a third, ranks by rule 3', () => {
    const r = doubleMarkStoredRanking(marks, rule());
    expect(r.map((e) => [e.rank, e.projectId, e.score, e.thirdExpert, e.doubleMarkStatus])).toEqual(
      [
        [1, 'e', 78.33, true, 'NEEDS_ARBITRATION'], // provisional mean (60+80+95)/3
        [2, 'b', 77.5, true, 'DONE'],
        [3, 'a', 74, false, 'DONE'],
        [4, 'c', 70, true, 'DONE'],
        [4, 'd', 70, true, 'NEEDS_THIRD'],
      ],
    );
    expect(r.find((e) => e.projectId === 'b')).toMatchObject({
      judgeCount: 3,
      spread: 20,
      doubleMarkVia: 'CLOSEST_PAIR',
    });
    expect(r.find((e) => e.projectId === 'c')!.doubleMarkVia).toBe('TIE_MEAN_OF_ALL');
  });
  it('the chief expert’s arbitration decides the project that needs one', () => {
    const r = doubleMarkStoredRanking(
      marks.map((m) => (m.projectId === 'e' ? { ...m, arbitration: 82 } : m)),
      rule(),
    );
    expect(r[0]).toMatchObject({
      projectId: 'e',
      score: 82,
      thirdExpert: true,
      doubleMarkStatus: 'DONE',
      doubleMarkVia: 'ARBITRATION',
    });
  });
  it('the round’s stated alternatives: the mean of all three; arbitration for every third', () => {
    const all = doubleMarkStoredRanking(marks, rule({ thirdMarkRule: 'MEAN_OF_ALL' }));
    expect(all.find((e) => e.projectId === 'b')!.score).toBe(71.67);
    expect(all.find((e) => e.projectId === 'e')).toMatchObject({
      score: 78.33,
      doubleMarkStatus: 'DONE',
    });
    const chief = doubleMarkStoredRanking(
      marks.map((m) => (m.projectId === 'b' ? { ...m, arbitration: 90 } : m)),
      rule({ thirdMarkRule: 'ARBITRATION' }),
    );
    expect(chief[0]).toMatchObject({ projectId: 'b', score: 90, doubleMarkVia: 'ARBITRATION' });
    expect(chief.find((e) => e.projectId === 'c')!.doubleMarkStatus).toBe('NEEDS_ARBITRATION');
    // An arbitration on a project the rule decides without one changes nothing.
    const ignored = doubleMarkStoredRanking(
      marks.map((m) => (m.projectId === 'a' ? { ...m, arbitration: 10 } : m)),
      rule(),
    );
    expect(ignored.find((e) => e.projectId === 'a')!.score).toBe(74);
  });
  it('is the same ranking however often and in whatever order it is computed', () => {
    const once = doubleMarkStoredRanking(marks, rule());
    expect(doubleMarkStoredRanking([...marks].reverse(), rule())).toEqual(once);
    expect(doubleMarkStoredRanking(marks, rule())).toEqual(once);
  });
});

describe('when the chief expert arbitrates', () => {
  it('only where the marks call for it', () => {
    expect(arbitrationAllowed([60, 80, 95], rule())).toEqual({ allowed: true });
    expect(arbitrationAllowed([70, 78], rule())).toEqual({
      allowed: false,
      because: 'NO_THIRD_NEEDED',
    });
    expect(arbitrationAllowed([60, 80], rule())).toEqual({
      allowed: false,
      because: 'THIRD_PENDING',
    });
    expect(arbitrationAllowed([60, 80, 75], rule())).toEqual({
      allowed: false,
      because: 'RULE_DECIDES',
    });
    expect(arbitrationAllowed([60, 80, 75], rule({ thirdMarkRule: 'MEAN_OF_ALL' }))).toEqual({
      allowed: false,
      because: 'RULE_DECIDES',
    });
    expect(arbitrationAllowed([60, 80, 75], rule({ thirdMarkRule: 'ARBITRATION' }))).toEqual({
      allowed: true,
    });
    expect(arbitrationAllowed([60, 80, 70], rule({ pairTieRule: 'ARBITRATION' }))).toEqual({
      allowed: true,
    });
  });
});

describe('closing a 2+1 round', () => {
  it('finds the projects awaiting a third mark or the arbitration, not the decided or unmarked', () => {
    const entries = [
      { projectId: 'within', totals: [70, 78] }, // within T: decided
      { projectId: 'third', totals: [60, 80] }, // a third awaited
      { projectId: 'closest', totals: [60, 80, 75] }, // closest pair decides
      { projectId: 'unmarked', totals: [70] }, // the second expert still marking: not a 2+1 gap
      { projectId: 'arbitrate', totals: [60, 80, 95] }, // no pair within T: arbitration
      { projectId: 'arbitrated', totals: [60, 80, 95], arbitration: 82 },
    ];
    expect(undecidedDoubleMarks(entries, rule())).toEqual(['third', 'arbitrate']);
    expect(undecidedDoubleMarks(entries, rule({ thirdMarkRule: 'ARBITRATION' })).sort()).toEqual([
      'arbitrate',
      'closest',
      'third',
    ]);
  });

  it('refuses naming them, needs a reason to force, and says when it was forced', () => {
    expect(assertDoubleMarksDecided([], {})).toBe(false);
    const refusal = (() => {
      try {
        assertDoubleMarksDecided(['项目A', '项目B'], {});
      } catch (e) {
        return e as DomainError;
      }
    })();
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({
      code: 'ROUND_DOUBLE_MARK_UNDECIDED',
      params: { projects: ['项目A', '项目B'] },
    });
    expect(() => assertDoubleMarksDecided(['项目A'], { force: true, reason: '  ' })).toThrow(
      expect.objectContaining({ code: 'FORCE_REASON_REQUIRED' }),
    );
    expect(assertDoubleMarksDecided(['项目A'], { force: true, reason: '专家缺席' })).toBe(true);
  });
});
