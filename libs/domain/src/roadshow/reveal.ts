// 现场亮分: the card the hall sees for one project once every judge of it has
// submitted: each judge's total, the highest and lowest struck through where
// the round's method drops them, and the result to two decimals by the same
// rule the ranking uses (scoring.ts), so the card and the ranking never differ.
import { AggregationMethod, trimmedMean } from '../judging/scoring';
import { roundHalfAwayFromZero } from '../judging/rounding';

export interface RevealInput {
  judgeId: string;
  // 评委1…评委N or the judge's name: the organiser's choice, decided by the caller.
  label: string;
  total: number; // unrounded, as stored
}

export type DroppedAs = 'HIGHEST' | 'LOWEST';

export interface RevealEntry {
  judgeId: string;
  label: string;
  total: number; // rounded to 2 decimals, as every total is reported
  dropped: DroppedAs | null;
}

export interface RevealCard {
  entries: RevealEntry[]; // in the order given (the panel's seating order)
  // The project's score by the round's method; null where the method cannot be
  // computed from one project's scores alone (ZSCORE needs every project).
  score: number | null;
}

// Which judges a trimmed mean leaves out. With ties at an extreme exactly
// `trim` judges are struck on each side (the value left out is the same
// whichever of the equal totals is struck): the lowest struck is the first of
// equals in seating order, the highest struck the last, so a card is the same
// every time it is drawn. Nothing is struck when too few judges remain (n ≤
// 2·trim), as trimmedMean then takes the plain mean.
export function droppedJudges(
  entries: readonly RevealInput[],
  trim: number,
): Map<string, DroppedAs> {
  const dropped = new Map<string, DroppedAs>();
  if (trim <= 0 || entries.length <= 2 * trim) return dropped;
  const order = entries
    .map((e, seat) => ({ e, seat }))
    .sort((a, b) => a.e.total - b.e.total || a.seat - b.seat);
  for (const { e } of order.slice(0, trim)) dropped.set(e.judgeId, 'LOWEST');
  for (const { e } of order.slice(order.length - trim)) dropped.set(e.judgeId, 'HIGHEST');
  return dropped;
}

export function revealCard(
  method: AggregationMethod,
  trim: number,
  entries: readonly RevealInput[],
): RevealCard {
  const dropped =
    method === 'TRIMMED_MEAN' ? droppedJudges(entries, trim) : new Map<string, DroppedAs>();
  const totals = entries.map((e) => e.total);
  let score: number | null = null;
  if (entries.length > 0 && method === 'MEAN')
    score = roundHalfAwayFromZero(totals.reduce((a, b) => a + b, 0) / totals.length);
  else if (entries.length > 0 && method === 'TRIMMED_MEAN')
    score = roundHalfAwayFromZero(trimmedMean(totals, trim));
  return {
    entries: entries.map((e) => ({
      judgeId: e.judgeId,
      label: e.label,
      total: roundHalfAwayFromZero(e.total),
      dropped: dropped.get(e.judgeId) ?? null,
    })),
    score,
  };
}

// A project's card may be shown once every judge assigned to it has
// submitted: never a partial score (FIELD.md: no score before every judge).
export function mayReveal(
  assignedJudgeIds: readonly string[],
  submittedJudgeIds: Iterable<string>,
) {
  const submitted = new Set(submittedJudgeIds);
  return assignedJudgeIds.length > 0 && assignedJudgeIds.every((id) => submitted.has(id));
}
