import { DomainError } from '../domain-error';

export type RoundStatus = 'DRAFT' | 'OPEN' | 'CLOSED';
export type ScoreStatus = 'DRAFT' | 'SUBMITTED';

export const RoundLifecycle = {
  open(status: RoundStatus): RoundStatus {
    if (status !== 'DRAFT')
      throw DomainError.of(
        'ROUND_NOT_DRAFT',
        { status },
        `round is ${status}; only a DRAFT round can be opened`,
      );
    return 'OPEN';
  },
  close(status: RoundStatus): RoundStatus {
    if (status !== 'OPEN')
      throw DomainError.of(
        'ROUND_NOT_OPEN',
        { status },
        `round is ${status}; only an OPEN round can be closed`,
      );
    return 'CLOSED';
  },
  // Pool, assignments, conflicts and scores of a CLOSED round are final: its
  // ranking is a published result, and nothing may change it after the fact.
  assertChangeable(status: RoundStatus): void {
    if (status === 'CLOSED')
      throw DomainError.of(
        'ROUND_CLOSED',
        'round is CLOSED; its judges, assignments, conflicts and scores are final',
      );
  },
  assertScorable(round: RoundStatus, score: ScoreStatus | null): void {
    if (round !== 'OPEN')
      throw DomainError.of(
        'ROUND_NOT_OPEN',
        { status: round },
        `round is ${round}; scores are taken only while it is OPEN`,
      );
    if (score === 'SUBMITTED')
      throw DomainError.of(
        'SCORE_LOCKED',
        'this score is submitted and locked; ask the organiser to reopen it',
      );
  },
  assertReopenable(round: RoundStatus, score: ScoreStatus | null): void {
    if (round !== 'OPEN')
      throw DomainError.of(
        'ROUND_NOT_OPEN',
        { status: round },
        `round is ${round}; scores can be reopened only while it is OPEN`,
      );
    if (score !== 'SUBMITTED')
      throw DomainError.of('SCORE_NOT_SUBMITTED', 'only a submitted score can be reopened');
  },
};
