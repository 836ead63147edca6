import { DomainError } from '../domain-error';
import { planAdvancement } from './advancement';

const s = (projectId: string, score: number) => ({ projectId, score });
const standings = [s('A', 90), s('B', 85), s('C', 80), s('D', 80), s('E', 70), s('F', 60)];
const entrants = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
const ids = (xs: { projectId: string }[]) => xs.map((x) => x.projectId);

describe('planAdvancement', () => {
  it('takes the top count', () => {
    const plan = planAdvancement(standings, entrants, { count: 2 });
    expect(ids(plan.advanced)).toEqual(['A', 'B']);
    expect(ids(plan.eliminated)).toEqual(['C', 'D', 'E', 'F', 'G']);
    expect(plan.tiedAtCutoff).toEqual([]);
  });

  it('advances every project tied at the cut-off and shows them', () => {
    const plan = planAdvancement(standings, entrants, { count: 3 });
    expect(ids(plan.advanced)).toEqual(['A', 'B', 'C', 'D']);
    expect(plan.tiedAtCutoff).toEqual(['C', 'D']);
    expect(plan.cutoffScore).toBe(80);
  });

  it('lets the next project move up when one is excluded, with the reason kept', () => {
    const plan = planAdvancement(standings, entrants, {
      count: 2,
      exclude: [{ projectId: 'B', reason: '尽职调查未通过' }],
    });
    expect(ids(plan.advanced)).toEqual(['A', 'C', 'D']);
    expect(plan.eliminated.find((e) => e.projectId === 'B')).toMatchObject({
      override: 'EXCLUDED',
      reason: '尽职调查未通过',
    });
  });

  it('adds an included project (赛区推荐) on top, marked as an override', () => {
    const plan = planAdvancement(standings, entrants, { count: 2, include: ['E'] }, '赛区推荐');
    expect(ids(plan.advanced)).toEqual(['A', 'B', 'E']);
    expect(plan.advanced[2]).toMatchObject({ override: 'INCLUDED', reason: '赛区推荐' });
  });

  it('counts projects absent from the standings as 0', () => {
    const plan = planAdvancement([], ['X', 'Y'], { count: 1 });
    expect(ids(plan.advanced)).toEqual(['X', 'Y']);
    expect(plan.tiedAtCutoff).toEqual(['X', 'Y']);
  });

  it('refuses overrides outside the heat or contradicting each other', () => {
    const kind = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as DomainError).kind;
      }
    };
    expect(kind(() => planAdvancement(standings, entrants, { count: 1, include: ['Z'] }))).toBe(
      'UNPROCESSABLE',
    );
    expect(
      kind(() =>
        planAdvancement(standings, entrants, {
          count: 1,
          include: ['A'],
          exclude: [{ projectId: 'A', reason: 'x' }],
        }),
      ),
    ).toBe('UNPROCESSABLE');
  });

  it('advances nobody with count 0 and everybody when count exceeds the heat', () => {
    expect(planAdvancement(standings, entrants, { count: 0 }).advanced).toEqual([]);
    expect(planAdvancement(standings, entrants, { count: 99 }).advanced).toHaveLength(7);
  });
});
