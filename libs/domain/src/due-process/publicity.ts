import { DomainError } from '../domain-error';

// 公示: a heat's result published for a stated period. While it runs the
// result is provisional; it becomes final when the period has ended and no
// objection is open, by itself (the worker's scheduler) or when the last open
// objection is decided after the end.
//
//   ACTIVE ──(ends, no open objection)──────────────▶ FINAL
//   ACTIVE ──(ends, an objection open)──▶ HELD ──(last objection decided)──▶ FINAL
//   HELD / ACTIVE ──(an upheld objection re-opens the result)──▶ ACTIVE (new end)
export type PublicityStatus = 'ACTIVE' | 'HELD' | 'FINAL';
export type PublicityKind = 'ADVANCEMENT' | 'AWARDS';
export type VacancyRule = 'OFFER_NEXT' | 'LEAVE_EMPTY';

export const DEFAULT_PUBLICITY_DAYS = 7;
export const DEFAULT_APPEAL_WINDOW_HOURS = 48;
export const DEFAULT_OFFER_HOURS = 72;
export const DAY_MS = 24 * 3600 * 1000;

/** When a 公示 starting at `startsAt` ends: `endsAt` when given (must be later), else `days` later. */
export function publicityEnd(startsAt: Date, days: number, endsAt?: Date | null): Date {
  if (endsAt) {
    if (endsAt.getTime() <= startsAt.getTime())
      throw DomainError.of(
        'PUBLICITY_END_NOT_AFTER_START',
        { startsAt: startsAt.toISOString() },
        'the 公示 must end after it starts',
      );
    return endsAt;
  }
  return new Date(startsAt.getTime() + days * DAY_MS);
}

/** What the scheduler (or a decided objection) makes of a 公示 at `now`. */
export function publicityAfter(
  p: { status: PublicityStatus; endsAt: Date },
  openObjections: number,
  now: Date,
): PublicityStatus {
  if (p.status === 'FINAL') return 'FINAL';
  if (now.getTime() < p.endsAt.getTime()) return 'ACTIVE';
  return openObjections > 0 ? 'HELD' : 'FINAL';
}

/** Objections are taken only while the 公示 runs (no complaints after the period). */
export function assertObjectionWindow(
  p: { status: PublicityStatus; endsAt: Date; heatName: string },
  now: Date,
): void {
  if (p.status !== 'ACTIVE' || now.getTime() >= p.endsAt.getTime())
    throw DomainError.of(
      'PUBLICITY_CLOSED',
      { heatName: p.heatName, endedAt: p.endsAt.toISOString() },
      'the 公示 has ended: objections are no longer taken',
    );
}

// The standing of a line of a published list.
export type EntryStanding =
  | 'ADVANCED'
  | 'ELIMINATED'
  | 'AWARDED'
  | 'WITHDRAWN'
  | 'DISQUALIFIED'
  | 'FAILED_DILIGENCE'
  | 'OFFERED'
  | 'SUBSTITUTED';

/** Standings that hold a place on the list. */
export const HOLDS_PLACE: readonly EntryStanding[] = ['ADVANCED', 'AWARDED', 'SUBSTITUTED'];
