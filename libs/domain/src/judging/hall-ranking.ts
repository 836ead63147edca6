// What the hall may see of a live ranking (路演现场亮分): a project's score is
// public only once every judge assigned to it has submitted — "no score is
// shown before every judge has scored". A partial score (1 of 4 judges) is
// one judge's total, not the panel's, and never reaches the big screen.
// Organisers' own views show partial scores, marked by `complete`.

// Whether a project's score counts every judge assigned to it.
export function isCompleteScore(counted: number, assigned: number): boolean {
  return assigned > 0 && counted >= assigned;
}

// Marks each ranked entry with its assigned judges and whether it is complete.
export function withCoverage<T extends { projectId: string; judgeCount: number }>(
  entries: readonly T[],
  assignedJudges: ReadonlyMap<string, number>,
): (T & { assignedJudges: number; complete: boolean })[] {
  return entries.map((e) => {
    const assigned = assignedJudges.get(e.projectId) ?? 0;
    return { ...e, assignedJudges: assigned, complete: isCompleteScore(e.judgeCount, assigned) };
  });
}

// Some entries of a ranking (a room's, the complete ones) ranked among
// themselves in the full ranking's order, equal scores sharing a rank (1, 2, 2, 4).
export function rankAmong<T extends { score: number; rank: number }>(entries: readonly T[]): T[] {
  const sorted = [...entries].sort((a, b) => a.rank - b.rank);
  let rank = 0;
  return sorted.map((e, i) => {
    if (i === 0 || e.score !== sorted[i - 1].score) rank = i + 1;
    return { ...e, rank };
  });
}

// The hall's ranking: only complete entries, ranked among themselves.
export function hallRanking<
  T extends { projectId: string; judgeCount: number; score: number; rank: number },
>(entries: readonly T[], assignedJudges: ReadonlyMap<string, number>): T[] {
  return rankAmong(
    entries.filter((e) => isCompleteScore(e.judgeCount, assignedJudges.get(e.projectId) ?? 0)),
  );
}
