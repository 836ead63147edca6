import { biasReport } from './bias-report';

describe('judge-bias report (FIELD.md test vectors)', () => {
  it('J1: A 85, B 75; J2: B 65, C 70 → J1 +5, J2 −5; calibrated A 80, B 70, C 75', () => {
    const r = biasReport([
      { judgeId: 'J1', projectId: 'A', total: 85 },
      { judgeId: 'J1', projectId: 'B', total: 75 },
      { judgeId: 'J2', projectId: 'B', total: 65 },
      { judgeId: 'J2', projectId: 'C', total: 70 },
    ]);
    expect(r.connected).toBe(true);
    expect(r.judges.map((j) => [j.judgeId, j.offset])).toEqual([
      ['J1', 5],
      ['J2', -5],
    ]);
    expect(r.projects.map((p) => [p.projectId, p.rawMean, p.calibrated])).toEqual([
      ['A', 85, 80],
      ['B', 70, 70],
      ['C', 70, 75],
    ]);
    // Four scores, four free parameters: an exact fit, no uncertainty can be given.
    expect(r.residualDf).toBe(0);
    expect(r.judges.every((j) => j.standardError === null)).toBe(true);
  });

  it('two rooms with no judge in common: two components, nothing compares them', () => {
    const r = biasReport([
      { judgeId: 'J1', projectId: 'A', total: 80 },
      { judgeId: 'J2', projectId: 'A', total: 70 },
      { judgeId: 'J3', projectId: 'B', total: 60 },
      { judgeId: 'J4', projectId: 'B', total: 90 },
    ]);
    expect(r.connected).toBe(false);
    expect(r.components).toEqual([
      { index: 0, judgeIds: ['J1', 'J2'], projectIds: ['A'] },
      { index: 1, judgeIds: ['J3', 'J4'], projectIds: ['B'] },
    ]);
    expect(r.judges.map((j) => [j.judgeId, j.component, j.offset])).toEqual([
      ['J1', 0, 5],
      ['J2', 0, -5],
      ['J3', 1, -15],
      ['J4', 1, 15],
    ]);
    expect(r.projects.find((p) => p.projectId === 'B')!.spreadFlag).toBe(true);
  });

  it('with residual freedom, standard errors and flags', () => {
    // Three judges over three projects, every pair: J3 marks 10 higher, with noise.
    const obs = [
      { judgeId: 'J1', projectId: 'A', total: 70 },
      { judgeId: 'J2', projectId: 'A', total: 71 },
      { judgeId: 'J3', projectId: 'A', total: 80 },
      { judgeId: 'J1', projectId: 'B', total: 61 },
      { judgeId: 'J2', projectId: 'B', total: 60 },
      { judgeId: 'J3', projectId: 'B', total: 70 },
      { judgeId: 'J1', projectId: 'C', total: 50 },
      { judgeId: 'J2', projectId: 'C', total: 50 },
      { judgeId: 'J3', projectId: 'C', total: 61 },
    ];
    const r = biasReport(obs, {
      positions: new Map([
        ['A', 1],
        ['B', 2],
        ['C', 3],
      ]),
    });
    expect(r.residualDf).toBe(4);
    // Balanced design: offsets are judge means minus the grand mean.
    expect(r.judges.map((j) => j.offset)).toEqual([-3.3333, -3.3333, 6.6667]);
    expect(r.judges.every((j) => j.standardError !== null && j.standardError > 0)).toBe(true);
    expect(r.judges.find((j) => j.judgeId === 'J3')!.flagged).toBe(true);
    expect(r.orderEffect!.slope).toBe(-10);
    expect(r.orderEffect!.correlation).toBe(-1);
  });
});
