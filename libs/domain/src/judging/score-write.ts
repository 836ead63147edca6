import { DomainError } from '../domain-error';
import { CriterionScores } from './scoring';
import { RoundLifecycle, RoundStatus, ScoreStatus } from './round-lifecycle';

export interface ScoreContent {
  scores: CriterionScores;
  comment: string | null;
}

export interface StoredScore extends ScoreContent {
  status: ScoreStatus;
}

// What a judge asked for: save a draft (content), submit the stored draft (no
// content), or save and submit in one request (content + submit).
export interface ScoreRequest {
  submit: boolean;
  content?: ScoreContent;
}

// Same criteria with numerically equal values, and the same comment (absent = null).
export function sameScoreContent(a: ScoreContent, b: ScoreContent): boolean {
  const codes = Object.keys(a.scores);
  if (codes.length !== Object.keys(b.scores).length) return false;
  return (
    codes.every((code) => code in b.scores && a.scores[code] === b.scores[code]) &&
    (a.comment ?? null) === (b.comment ?? null)
  );
}

// A write that changed nothing (the stored score was not an open draft): a
// repeated submit of the same content is idempotent and answers the stored
// score; anything else on a submitted score is a conflict.
export function unwrittenScoreAnswer(stored: StoredScore | null, request: ScoreRequest): 'same' {
  if (!stored) {
    throw DomainError.of(
      'SCORE_NOTHING_TO_SUBMIT',
      'there is no score to submit: save one with PUT first',
      [{ field: 'scores', code: 'FIELD_REQUIRED', message: 'missing' }],
    );
  }
  if (stored.status === 'SUBMITTED') {
    if (request.submit && (!request.content || sameScoreContent(stored, request.content)))
      return 'same';
    throw DomainError.of(
      request.submit ? 'SCORE_SUBMITTED_DIFFERENT' : 'SCORE_LOCKED',
      request.submit
        ? 'this score is already submitted with different content; ask the organiser to reopen it'
        : 'this score is submitted and locked; ask the organiser to reopen it',
    );
  }
  // A draft the write did not touch: another request changed it at the same moment.
  throw DomainError.of(
    'CHANGED_MEANWHILE',
    { resource: 'score' },
    'this score changed meanwhile; reload it and try again',
  );
}

// What the one statement that writes a score found (see ScoringService): the
// round (null: no such round), the judge's access, whether it wrote, and the
// stored score as it was before the statement.
export interface ScoreWriteFacts {
  round: { status: RoundStatus; criteriaCurrent: boolean } | null;
  assigned: boolean;
  inPool: boolean;
  written: boolean;
  stored: StoredScore | null;
}

// 'written': the change is stored. 'same': a repeated submit, answer the stored
// score. 'stale-criteria': the round's criteria changed since they were read
// for validation; validate again. 'raced': a concurrent write to the same score
// committed first; read it again and decide with unwrittenScoreAnswer.
export type ScoreWriteAnswer = 'written' | 'same' | 'stale-criteria' | 'raced';

// 404 for a round the judge is not on, 403 for a project not assigned to it,
// 409 unless the round is OPEN, then the score's own rules.
export function scoreWriteAnswer(facts: ScoreWriteFacts, request: ScoreRequest): ScoreWriteAnswer {
  const { round, stored } = facts;
  if (!round || (!facts.assigned && !facts.inPool)) throw DomainError.notFound('round');
  if (!facts.assigned)
    throw DomainError.of('NOT_ASSIGNED', 'this project is not assigned to you in this round');
  if (facts.written) return 'written';
  RoundLifecycle.assertScorable(round.status, null);
  if (request.content && !round.criteriaCurrent) return 'stale-criteria';
  const writable = stored ? stored.status === 'DRAFT' : request.content !== undefined;
  if (writable) return 'raced';
  return unwrittenScoreAnswer(stored, request);
}
