import { DomainError } from '../domain-error';
import { roundHalfAwayFromZero } from '../judging/rounding';

// 申诉/复核: a team appeals its own result once per heat, within the window
// after the result was released to it (default 48 hours).
//   FILED ──decide──▶ UPHELD (re-ranked by the rules) | DISMISSED
export type AppealKind = 'RECHECK' | 'REREVIEW';
export type AppealStatus = 'FILED' | 'UPHELD' | 'DISMISSED';

export function appealDeadline(releasedAt: Date, windowHours: number): Date {
  return new Date(releasedAt.getTime() + windowHours * 3600 * 1000);
}

export function assertAppealWindow(
  releasedAt: Date | null,
  windowHours: number,
  now: Date,
  heatName: string,
  // The competition's zone: the page shows the closing time as its people read it.
  timeZone?: string,
): void {
  if (!releasedAt)
    throw DomainError.of(
      'APPEAL_RESULT_NOT_RELEASED',
      { heatName },
      'the result has not been released to the team yet',
    );
  const deadline = appealDeadline(releasedAt, windowHours);
  if (now.getTime() > deadline.getTime())
    throw DomainError.of(
      'APPEAL_WINDOW_CLOSED',
      {
        heatName,
        closedAt: deadline.toISOString(),
        windowHours,
        ...(timeZone ? { timeZone } : {}),
      },
      `appeals of this result closed ${windowHours} hours after its release`,
    );
}

export function assertAppealOpen(status: AppealStatus): void {
  if (status !== 'FILED')
    throw DomainError.of('APPEAL_ALREADY_DECIDED', { status }, 'the appeal was decided already');
}

export interface RankedResult {
  projectId: string;
  score: number;
  result: 'ADVANCED' | 'ELIMINATED';
}

/**
 * An upheld appeal's corrected score, re-ranked by the rules: the heat keeps
 * as many places as it had advanced; the best scores take them (rounded to 2
 * decimals as the rankings are), and every project tied with the last place
 * taken advances too. Returns the projects whose result changes.
 */
export function reRank(
  results: RankedResult[],
  projectId: string,
  correctedScore: number,
): { projectId: string; from: RankedResult['result']; to: RankedResult['result'] }[] {
  const places = results.filter((r) => r.result === 'ADVANCED').length;
  const rescored = results.map((r) => ({
    ...r,
    score: roundHalfAwayFromZero(r.projectId === projectId ? correctedScore : r.score),
  }));
  const ordered = [...rescored].sort(
    (a, b) => b.score - a.score || (a.projectId < b.projectId ? -1 : 1),
  );
  const cutoff = places > 0 ? ordered[Math.min(places, ordered.length) - 1].score : Infinity;
  return ordered
    .map((r) => {
      const to: RankedResult['result'] =
        places > 0 && r.score >= cutoff ? 'ADVANCED' : 'ELIMINATED';
      return { projectId: r.projectId, from: r.result, to };
    })
    .filter((c) => c.from !== c.to);
}
