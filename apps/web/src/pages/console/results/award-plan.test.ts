import { describe, expect, it } from 'vitest';
import { choiceInForce, tieKey, tieOutcome, slotsOf } from './award-plan';

const tie = {
  score: 80,
  projectIds: ['b', 'c'],
  titles: ['乙', '丙'],
  tiers: ['二等奖', '三等奖'],
};
const tiers = [
  { name: '一等奖', count: 1 },
  { name: '二等奖', count: 1 },
  { name: '三等奖', count: 1 },
];
const award = (projectId: string, tier: string | null, reason: string | null) => ({
  projectId,
  title: projectId,
  tier,
  score: 80,
  reason,
});

describe('award plan', () => {
  it('names a tie by its projects, whatever order the preview lists them in', () => {
    expect(tieKey(tie)).toBe(tieKey({ ...tie, projectIds: ['c', 'b'] }));
    expect(tieKey(tie)).not.toBe(tieKey({ ...tie, projectIds: ['b', 'd'] }));
  });

  it('starts a correction from the decision in force: better tier first, with its reason', () => {
    const assigned = [award('c', '二等奖', '加赛'), award('b', '三等奖', '加赛')];
    expect(choiceInForce(tie, assigned, tiers)).toEqual({ order: ['c', 'b'], reason: '加赛' });
    expect(choiceInForce(tie, [], tiers)).toBeNull();
  });

  it('gives the tied projects the places they hold, in the chosen order', () => {
    const rows = [{ projectId: 'a' }, { projectId: 'b' }, { projectId: 'c' }];
    expect(tieOutcome(tie, ['c', 'b'], rows, slotsOf(tiers))).toEqual([
      { projectId: 'c', tier: '二等奖' },
      { projectId: 'b', tier: '三等奖' },
    ]);
  });
});
