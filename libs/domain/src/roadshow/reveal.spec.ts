import { computeRanking } from '../judging/scoring';
import { droppedJudges, mayReveal, revealCard, RevealInput } from './reveal';

const panel = (...totals: number[]): RevealInput[] =>
  totals.map((total, i) => ({ judgeId: `j${i + 1}`, label: `评委${i + 1}`, total }));

describe('revealCard (现场亮分)', () => {
  it('strikes the highest and lowest of 5 judges and shows the mean of the other three to 2 decimals', () => {
    const card = revealCard('TRIMMED_MEAN', 1, panel(88, 92.5, 79, 85, 90));
    expect(card.entries.map((e) => e.dropped)).toEqual([null, 'HIGHEST', 'LOWEST', null, null]);
    // (88 + 85 + 90) / 3 = 87.666… → 87.67
    expect(card.score).toBe(87.67);
  });

  it('with two equal highest strikes exactly one, the last in seating order; the score is unchanged', () => {
    const card = revealCard('TRIMMED_MEAN', 1, panel(90, 80, 90, 85, 70));
    expect(card.entries.map((e) => e.dropped)).toEqual([null, null, 'HIGHEST', null, 'LOWEST']);
    expect(card.score).toBe(85); // (90 + 80 + 85) / 3
  });

  it('with two equal lowest strikes exactly one, the first in seating order', () => {
    const card = revealCard('TRIMMED_MEAN', 1, panel(70, 80, 70, 85, 95));
    expect(card.entries.map((e) => e.dropped)).toEqual(['LOWEST', null, null, null, 'HIGHEST']);
    expect(card.score).toBe(78.33); // (80 + 70 + 85) / 3 = 78.333…
  });

  it('when every judge gives the same total strikes one on each side and scores that total', () => {
    const card = revealCard('TRIMMED_MEAN', 1, panel(80, 80, 80, 80, 80));
    expect(card.entries.filter((e) => e.dropped === 'HIGHEST')).toHaveLength(1);
    expect(card.entries.filter((e) => e.dropped === 'LOWEST')).toHaveLength(1);
    expect(card.entries[0].dropped).toBe('LOWEST');
    expect(card.entries[4].dropped).toBe('HIGHEST');
    expect(card.score).toBe(80);
  });

  it('strikes nothing when too few judges remain (2 judges, trim 1) and takes the plain mean', () => {
    const card = revealCard('TRIMMED_MEAN', 1, panel(80, 91));
    expect(card.entries.every((e) => e.dropped === null)).toBe(true);
    expect(card.score).toBe(85.5);
  });

  it('strikes two on each side with trim 2 of 7', () => {
    const dropped = droppedJudges(panel(60, 70, 80, 90, 100, 65, 95), 2);
    expect(Object.fromEntries(dropped)).toEqual({
      j1: 'LOWEST',
      j6: 'LOWEST',
      j5: 'HIGHEST',
      j7: 'HIGHEST',
    });
  });

  it('rounds half away from zero like the ranking (82.125 → 82.13)', () => {
    // trimmed: (82.125·3) / 3
    const card = revealCard('TRIMMED_MEAN', 1, panel(82.125, 82.125, 82.125, 50, 99));
    expect(card.score).toBe(82.13);
    expect(card.entries[0].total).toBe(82.13);
  });

  it('equals the ranking score for the same totals (MEAN and TRIMMED_MEAN)', () => {
    const totals = [77.3333, 91.05, 68.125, 84.875, 88.4];
    for (const method of ['MEAN', 'TRIMMED_MEAN'] as const) {
      const ranking = computeRanking(
        method,
        totals.map((total, i) => ({ judgeId: `j${i}`, projectId: 'p', total })),
        1,
      );
      expect(revealCard(method, 1, panel(...totals)).score).toBe(ranking[0].score);
    }
  });

  it('strikes nothing under MEAN', () => {
    const card = revealCard('MEAN', 1, panel(60, 100, 80));
    expect(card.entries.every((e) => e.dropped === null)).toBe(true);
    expect(card.score).toBe(80);
  });

  it('shows the totals but no score under ZSCORE (it needs every project)', () => {
    const card = revealCard('ZSCORE', 1, panel(60, 100, 80));
    expect(card.score).toBeNull();
    expect(card.entries.map((e) => e.total)).toEqual([60, 100, 80]);
  });
});

describe('mayReveal', () => {
  it('only once every assigned judge has submitted', () => {
    expect(mayReveal(['a', 'b', 'c'], ['a', 'b'])).toBe(false);
    expect(mayReveal(['a', 'b', 'c'], ['c', 'a', 'b'])).toBe(true);
    expect(mayReveal([], [])).toBe(false);
  });
});
