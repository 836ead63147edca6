import { DomainError } from '../domain-error';
import { EntryStanding, VacancyRule } from './publicity';

// 递补: a place freed by a written withdrawal, a failed due diligence or an
// upheld objection goes to the next in the ranking (按成绩依序递补), who must
// accept within a deadline, or stays empty, as the stage's rule says.
//
//   offer: OFFERED ──accept──▶ ACCEPTED
//                  ──decline / deadline passes──▶ DECLINED | EXPIRED (→ next offer)
export type OfferStatus = 'OFFERED' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED';

export interface ListLine {
  projectId: string;
  position: number;
  standing: EntryStanding;
}

/**
 * The next project to offer a freed place to: the best-placed ELIMINATED
 * line that was never offered a place of this list; null when the rule
 * leaves the place empty or the ranking is exhausted.
 */
export function nextInLine(
  lines: ListLine[],
  rule: VacancyRule,
  alreadyOffered: ReadonlySet<string>,
): ListLine | null {
  if (rule === 'LEAVE_EMPTY') return null;
  return (
    [...lines]
      .sort((a, b) => a.position - b.position)
      .find((l) => l.standing === 'ELIMINATED' && !alreadyOffered.has(l.projectId)) ?? null
  );
}

export function assertOfferOpen(
  offer: { status: OfferStatus; deadline: Date },
  now: Date,
  projectTitle: string,
): void {
  if (offer.status !== 'OFFERED' || now.getTime() > offer.deadline.getTime())
    throw DomainError.of(
      'OFFER_NOT_OPEN',
      { projectTitle, status: offer.status === 'OFFERED' ? 'EXPIRED' : offer.status },
      'this place is no longer offered to the project',
    );
}

/**
 * Whether a line's project still holds its place and so may give it up. On
 * the final's award list a winner (AWARDED) may give its award up in writing
 * (弃赛, `awardWithdrawal`): the award is vacated, not offered on.
 */
export function assertHoldsPlace(
  standing: EntryStanding,
  projectTitle: string,
  awardWithdrawal = false,
): void {
  if (
    standing !== 'ADVANCED' &&
    standing !== 'SUBSTITUTED' &&
    !(awardWithdrawal && standing === 'AWARDED')
  )
    throw DomainError.of(
      'PROJECT_HOLDS_NO_PLACE',
      { projectTitle },
      'the project holds no place on this list',
    );
}

/** Why a project lost its place on a heat's list (docs/due-process.md). */
export type PlaceLostWhy =
  'WITHDRAWN' | 'DISQUALIFIED' | 'FAILED_DILIGENCE' | 'REFUSED_DILIGENCE' | 'RERANKED';

/**
 * The project's status once its place is lost: a written withdrawal or a
 * refused due diligence (which counts as one) leaves it WITHDRAWN in the
 * heat; a disqualification, a failed check or a re-ranking ELIMINATED.
 */
export function statusAfterPlaceLost(why: PlaceLostWhy): 'WITHDRAWN' | 'ELIMINATED' {
  return why === 'WITHDRAWN' || why === 'REFUSED_DILIGENCE' ? 'WITHDRAWN' : 'ELIMINATED';
}
