import { DomainError } from '../domain-error';
import { AggregationMethod } from './scoring';

// Rules real panels need, beyond scoring itself (issue 12).

// Heat standings combine the rounds' reported scores by weight. A MEAN or
// TRIMMED_MEAN score is a 0–100 total; a ZSCORE score is 50 + 10·z, a
// different scale whose spread depends on the panel. Adding one to the other
// would rank by accident, so a heat's rounds must all be on one scale:
// either all raw (MEAN, TRIMMED_MEAN) or all ZSCORE. Refused with 422 at
// round creation and when a DRAFT round's method is changed.
export type ScoreScale = 'RAW_0_100' | 'ZSCORE_50_10';

export const scaleOf = (method: AggregationMethod): ScoreScale =>
  method === 'ZSCORE' ? 'ZSCORE_50_10' : 'RAW_0_100';

export function assertSameScale(
  method: AggregationMethod,
  others: { name: string; method: AggregationMethod }[],
): void {
  const clash = others.find((o) => scaleOf(o.method) !== scaleOf(method));
  if (clash)
    throw DomainError.of(
      'METHOD_SCALE_MISMATCH',
      { method, otherRoundName: clash.name, otherMethod: clash.method },
      `method ${method} (scale ${scaleOf(method)}) cannot be combined with round "${clash.name}" ` +
        `(${clash.method}, scale ${scaleOf(clash.method)}) in the same heat's standings`,
      [
        {
          field: 'method',
          code: 'METHOD_SCALE_MISMATCH',
          message: `another round of this heat uses ${clash.method}`,
          params: { method, otherRoundName: clash.name, otherMethod: clash.method },
        },
      ],
    );
}

// A conflict declared in one round holds for that judge and project in that
// round and every later round of the same competition (later = created at or
// after the declaring round). Earlier rounds keep their scores.
export interface RoundRef {
  id: string;
  competitionId: string;
  createdAt: Date;
}

export function conflictHoldsIn(declaredIn: RoundRef, target: RoundRef): boolean {
  if (declaredIn.id === target.id) return true;
  return (
    declaredIn.competitionId === target.competitionId &&
    declaredIn.createdAt.getTime() <= target.createdAt.getTime()
  );
}

// HotCRP's rule: a judge sees the other judges' submitted scores of a project
// only when the round allows it and after submitting its own.
export function mayReadPeerScores(
  round: { peerScoresVisible: boolean },
  ownScore: 'DRAFT' | 'SUBMITTED' | null,
):
  | { ok: true }
  | { ok: false; code: 'PEER_SCORES_HIDDEN' | 'PEER_SCORES_AFTER_OWN'; reason: string } {
  if (!round.peerScoresVisible)
    return {
      ok: false,
      code: 'PEER_SCORES_HIDDEN',
      reason: "this round does not show other judges' scores",
    };
  if (ownScore !== 'SUBMITTED')
    return {
      ok: false,
      code: 'PEER_SCORES_AFTER_OWN',
      reason: "submit your own score first to see the other judges' scores",
    };
  return { ok: true };
}

// Blind review: in a blind round judges see the project's content but neither
// the organisation nor the team. Applied to every judge-facing project view.
export interface JudgeProjectView {
  organisation?: unknown;
  organisationName?: unknown;
  team?: unknown;
  [key: string]: unknown;
}

export function blindForJudge<T extends JudgeProjectView>(
  project: T,
  blind: boolean,
): Omit<T, 'organisation' | 'organisationName' | 'team'> & { blind: boolean } {
  const { organisation, organisationName, team, ...rest } = project;
  if (!blind) return { ...rest, organisation, organisationName, team, blind };
  return { ...rest, blind };
}

// Closing a round with unsubmitted drafts loses nothing: the drafts stay
// drafts (they never count in the ranking), but the organiser must say so.
export function assertClosable(
  drafts: { judgeId: string; projectId: string; judgeName?: string; projectTitle?: string }[],
  force: { force?: boolean; reason?: string | null },
): void {
  if (!drafts.length) return;
  if (force.force && force.reason?.trim()) return;
  if (force.force)
    throw DomainError.of('FORCE_REASON_REQUIRED', 'a reason is required to force the close', [
      { field: 'reason', code: 'FIELD_REQUIRED', message: 'required with force' },
    ]);
  const list = drafts
    .map((d) => `judge ${d.judgeName ?? d.judgeId} / project ${d.projectTitle ?? d.projectId}`)
    .join('; ');
  const named = drafts.map((d) => ({
    judgeName: d.judgeName ?? '',
    projectTitle: d.projectTitle ?? '',
  }));
  throw DomainError.of(
    'ROUND_HAS_DRAFTS',
    { drafts: named },
    `${drafts.length} score(s) are unsubmitted drafts: ${list}. ` +
      'Ask the judges to submit, or close with {"force": true, "reason": "…"}; the drafts stay drafts.',
  );
}
