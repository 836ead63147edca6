import { planAwards, validateAwardTiers } from './awards';

const tiers = [
  { name: '一等奖', count: 1 },
  { name: '二等奖', count: 2 },
  { name: '三等奖', count: 3 },
  { name: '优秀奖', count: 2 },
];
const standings = (scores: Record<string, number>) =>
  Object.entries(scores).map(([projectId, score]) => ({ projectId, score }));

describe('planAwards', () => {
  it('fills the tiers down the standings; the rest get no award', () => {
    const plan = planAwards(
      standings({ a: 95, b: 90, c: 89, d: 80, e: 79, f: 78, g: 70, h: 69, i: 60 }),
      tiers,
    );
    expect(plan.ties).toEqual([]);
    expect(plan.awards.map((a) => `${a.projectId}:${a.tier ?? '-'}`)).toEqual([
      'a:一等奖',
      'b:二等奖',
      'c:二等奖',
      'd:三等奖',
      'e:三等奖',
      'f:三等奖',
      'g:优秀奖',
      'h:优秀奖',
      'i:-',
    ]);
  });

  it('keeps a tie inside one tier without asking', () => {
    const plan = planAwards(standings({ a: 95, b: 90, c: 90 }), tiers);
    expect(plan.ties).toEqual([]);
    expect(plan.awards.map((a) => a.tier)).toEqual(['一等奖', '二等奖', '二等奖']);
  });

  it('surfaces a tie at a tier boundary and leaves those projects unplaced', () => {
    const plan = planAwards(standings({ a: 90, b: 90, c: 80 }), tiers);
    expect(plan.ties).toEqual([{ score: 90, projectIds: ['a', 'b'], tiers: ['一等奖', '二等奖'] }]);
    expect(plan.awards.map((a) => a.tier)).toEqual([null, null, '二等奖']);
  });

  it('surfaces a tie at the last slot (award or none)', () => {
    const plan = planAwards(standings({ a: 90, b: 80, c: 80 }), [{ name: '一等奖', count: 2 }]);
    expect(plan.ties).toEqual([{ score: 80, projectIds: ['b', 'c'], tiers: ['一等奖', '(none)'] }]);
  });

  it('applies an explicit tie-break with its reason', () => {
    const plan = planAwards(standings({ a: 90, b: 90, c: 80 }), tiers, [
      { projectIds: ['b', 'a'], reason: '加赛答辩 b 胜出' },
    ]);
    expect(plan.ties).toEqual([]);
    expect(plan.awards).toEqual([
      { projectId: 'b', score: 90, tier: '一等奖', reason: '加赛答辩 b 胜出' },
      { projectId: 'a', score: 90, tier: '二等奖', reason: '加赛答辩 b 胜出' },
      { projectId: 'c', score: 80, tier: '二等奖', reason: null },
    ]);
  });

  it('refuses a tie-break that does not cover the whole tied group', () => {
    const plan = planAwards(standings({ a: 90, b: 90, c: 90, d: 80 }), tiers, [
      { projectIds: ['a', 'b'], reason: 'partial' },
    ]);
    expect(plan.ties).toHaveLength(1);
  });

  it('refuses unknown or repeated projects in tie-breaks', () => {
    expect(() =>
      planAwards(standings({ a: 90 }), tiers, [{ projectIds: ['z'], reason: 'r' }]),
    ).toThrow(/not in the final's standings/);
    expect(() =>
      planAwards(standings({ a: 90, b: 90 }), tiers, [
        { projectIds: ['a', 'b'], reason: 'r' },
        { projectIds: ['a'], reason: 'r' },
      ]),
    ).toThrow(/appears twice/);
  });

  it('validates tiers', () => {
    expect(() => validateAwardTiers([])).toThrow(/at least one/);
    expect(() =>
      validateAwardTiers([
        { name: '一等奖', count: 1 },
        { name: '一等奖', count: 1 },
      ]),
    ).toThrow(/duplicate/);
    expect(() => validateAwardTiers([{ name: '一等奖', count: 0 }])).toThrow(/≥ 1/);
  });
});
