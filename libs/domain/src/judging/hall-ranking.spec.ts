import { hallRanking, isCompleteScore, rankAmong, withCoverage } from './hall-ranking';

const entry = (projectId: string, rank: number, score: number, judgeCount: number) => ({
  projectId,
  rank,
  score,
  judgeCount,
  spread: 0,
});

describe('the hall ranking (complete scores only)', () => {
  it('counts a score complete only when every assigned judge submitted', () => {
    expect(isCompleteScore(4, 4)).toBe(true);
    expect(isCompleteScore(1, 4)).toBe(false);
    expect(isCompleteScore(0, 0)).toBe(false); // nobody assigned: nothing to show
  });

  it('hides a project scored by 1 of 4 judges, even at the top', () => {
    const entries = [entry('solo', 1, 95, 1), entry('full', 2, 80, 4)];
    const assigned = new Map([
      ['solo', 4],
      ['full', 4],
    ]);
    expect(hallRanking(entries, assigned)).toEqual([entry('full', 1, 80, 4)]);
  });

  it('re-ranks the complete entries among themselves, ties sharing a rank', () => {
    const entries = [
      entry('a', 1, 90, 3),
      entry('partial', 2, 88, 2),
      entry('b', 3, 85, 3),
      entry('c', 3, 85, 3),
      entry('d', 5, 70, 3),
    ];
    const assigned = new Map(['a', 'partial', 'b', 'c', 'd'].map((p) => [p, 3]));
    expect(hallRanking(entries, assigned).map((e) => [e.projectId, e.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });

  it('drops a project whose assignments are gone (no judge left to complete it)', () => {
    expect(hallRanking([entry('gone', 1, 90, 2)], new Map())).toEqual([]);
  });

  it("marks the organisers' entries with their coverage", () => {
    const marked = withCoverage(
      [entry('solo', 1, 95, 1), entry('full', 2, 80, 4)],
      new Map([
        ['solo', 4],
        ['full', 4],
      ]),
    );
    expect(marked.map((e) => [e.projectId, e.assignedJudges, e.complete])).toEqual([
      ['solo', 4, false],
      ['full', 4, true],
    ]);
  });
});

describe("a room's entries ranked among themselves (rankAmong)", () => {
  it("keeps the full ranking's order and gives equal scores one rank, partial entries kept", () => {
    const room = [
      { projectId: 'd', rank: 7, score: 70, complete: false },
      { projectId: 'b', rank: 3, score: 85.5, complete: true },
      { projectId: 'c', rank: 4, score: 85.5, complete: true },
      { projectId: 'a', rank: 2, score: 90, complete: true },
    ];
    expect(rankAmong(room).map((e) => [e.projectId, e.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });
});
