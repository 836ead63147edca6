import { api, call } from '../../api/client';
import { ApiError } from '../../api/errors';

export interface ScoreContent {
  scores: Record<string, number>;
  comment: string;
}

const sameContent = (
  a: ScoreContent,
  b: { scores: Record<string, number>; comment: string | null },
) =>
  Object.keys(a.scores).length === Object.keys(b.scores).length &&
  Object.entries(a.scores).every(([k, v]) => b.scores[k] === v) &&
  (a.comment || null) === (b.comment || null);

const path = (roundId: string, projectId: string) => ({
  params: { path: { id: roundId, projectId } },
});

function putScore(roundId: string, projectId: string, content: ScoreContent, submit: boolean) {
  return call(
    api.PUT('/api/v1/rounds/{id}/projects/{projectId}/score', {
      ...path(roundId, projectId),
      body: { scores: content.scores, comment: content.comment || undefined, submit },
    }),
  );
}

export const saveDraft = (roundId: string, projectId: string, content: ScoreContent) =>
  putScore(roundId, projectId, content, false);

/**
 * Saves and submits in one request, which the server makes idempotent for
 * identical content: a retry after a lost answer succeeds. Should the server
 * still say "already submitted" (e.g. the comment's whitespace differs), it is
 * asked what it holds, and the same scores and comment mean success too.
 */
export async function submitScore(
  roundId: string,
  projectId: string,
  content: ScoreContent,
): Promise<void> {
  try {
    await putScore(roundId, projectId, content, true);
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 409) throw e;
    const view = await call(
      api.GET('/api/v1/judge/rounds/{id}/projects/{projectId}', path(roundId, projectId)),
    );
    if (view.myScore?.status === 'SUBMITTED' && sameContent(content, view.myScore)) return;
    throw e;
  }
}
