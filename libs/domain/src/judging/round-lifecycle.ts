import { DomainError } from '../domain-error';

export type RoundStatus = 'DRAFT' | 'OPEN' | 'CLOSED';
export type ScoreStatus = 'DRAFT' | 'SUBMITTED';

export const RoundLifecycle = {
  open(status: RoundStatus): RoundStatus {
    if (status !== 'DRAFT') throw DomainError.conflict(`round is ${status}; only a DRAFT round can be opened`);
    return 'OPEN';
  },
  close(status: RoundStatus): RoundStatus {
    if (status !== 'OPEN') throw DomainError.conflict(`round is ${status}; only an OPEN round can be closed`);
    return 'CLOSED';
  },
  assertScorable(round: RoundStatus, score: ScoreStatus | null): void {
    if (round !== 'OPEN') throw DomainError.conflict(`round is ${round}; scores are taken only while it is OPEN`);
    if (score === 'SUBMITTED') throw DomainError.conflict('this score is submitted and locked; ask the organiser to reopen it');
  },
  assertReopenable(round: RoundStatus, score: ScoreStatus | null): void {
    if (round !== 'OPEN') throw DomainError.conflict(`round is ${round}; scores can be reopened only while it is OPEN`);
    if (score !== 'SUBMITTED') throw DomainError.conflict('only a submitted score can be reopened');
  },
  // Whether a recompute triggered by a change with sequence number `eventSeq`
  // still has work to do, given the sequence the stored ranking covers. A
  // ranking covering a later sequence already includes the change: bursts of
  // submits collapse into the few recomputes that run.
  needsRecompute(rankingSeq: bigint | null, eventSeq: bigint, final: { rankingFinal: boolean; closing: boolean }): boolean {
    if (final.closing && !final.rankingFinal) return true;
    return rankingSeq === null || rankingSeq < eventSeq;
  },
};
