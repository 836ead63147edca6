import { ScoreStatus, ScoreWriteFacts, reportedTotal } from '@app/domain';
import type { WriteRow } from '@app/database';

// A score as the api answers it, and the facts of a score write's row
// (SAVE_SCORE / SUBMIT_SCORE in libs/database) as libs/domain reads them.

export interface ScoreView {
  roundId: string;
  projectId: string;
  judgeId: string;
  scores: Record<string, number>;
  comment: string | null;
  total: number;
  status: ScoreStatus;
  submittedAt: Date | null;
}

export const facts = (row: WriteRow): ScoreWriteFacts => ({
  round: row.roundStatus
    ? { status: row.roundStatus, criteriaCurrent: row.criteriaCurrent === true }
    : null,
  assigned: row.assigned,
  inPool: row.inPool,
  written: row.written,
  stored: row.storedStatus
    ? { status: row.storedStatus, scores: row.scores, comment: row.comment }
    : null,
});

export const view = (row: WriteRow): ScoreView => ({
  roundId: row.roundId,
  projectId: row.projectId,
  judgeId: row.judgeId,
  scores: row.scores,
  comment: row.comment,
  total: reportedTotal(row.total),
  status: row.status,
  submittedAt: row.submittedAt,
});
