import { RoundStatus, ScoreStatus, ScoreWriteFacts, reportedTotal } from '@app/domain';

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

export const SCORE_COLUMNS = `round_id AS "roundId", project_id AS "projectId", judge_id AS "judgeId", scores, comment,
  total, status, submitted_at AS "submittedAt"`;

// One score write as one statement, so it is one short transaction and one
// round trip, and takes no lock a ranking recompute holds:
//   round   the round's row FOR KEY SHARE (a close's FOR UPDATE waits for it,
//           and a write waiting on a close sees CLOSED), with the criteria check;
//   access  the judge's assignment and pool membership;
//   written the conditional upsert (only onto a DRAFT, only for an assigned
//           judge in an OPEN round), drawing the change sequence;
//   event   the outbox row of a submit, naming the writing transaction
//           (a data-modifying CTE runs whether or not anything reads it);
// and the score as it was before, for a repeated submit's answer.
// The rules that read these facts are scoreWriteAnswer's, in libs/domain.
const VIEW = [
  'roundId',
  'projectId',
  'judgeId',
  'scores',
  'comment',
  'total',
  'status',
  'submittedAt',
];
const STORED = [
  'round_id',
  'project_id',
  'judge_id',
  'scores',
  'comment',
  'total',
  'status',
  'submitted_at',
];
// The written score when the statement wrote, else the stored one as it was
// before (the main query sees the table as of the statement's start).
const WRITE_FACTS = `
SELECT round.status AS "roundStatus", round."criteriaCurrent", access.assigned, access.in_pool AS "inPool",
       w."roundId" IS NOT NULL AS written, s.status AS "storedStatus",
       ${VIEW.map((col, i) => `CASE WHEN w."roundId" IS NOT NULL THEN w."${col}" ELSE s.${STORED[i]} END AS "${col}"`).join(',\n       ')}
  FROM access
  LEFT JOIN round ON true
  LEFT JOIN written w ON true
  LEFT JOIN scores s ON s.round_id = $1 AND s.judge_id = $2 AND s.project_id = $3`;
const ACCESS = `
access AS (
  SELECT EXISTS (SELECT 1 FROM assignments a WHERE a.round_id = $1 AND a.judge_id = $2 AND a.project_id = $3) AS assigned,
         EXISTS (SELECT 1 FROM round_judges j WHERE j.round_id = $1 AND j.judge_id = $2) AS in_pool)`;
const EVENT = `
event AS (
  INSERT INTO outbox_events (id, type, aggregate_id, payload)
  SELECT gen_random_uuid(), 'judging.scores-changed', $1,
         jsonb_build_object('roundId', $1::text, 'seq', w.seq::text, 'change', 'SUBMITTED', 'judgeId', $2::text,
                            'projectId', $3::text, 'xid', pg_current_xact_id()::text)
    FROM written w WHERE w.status = 'SUBMITTED'
  RETURNING 1)`;
const returning = (alias: string) =>
  `RETURNING ${STORED.map((col, i) => `${alias}${col} AS "${VIEW[i]}"`).join(', ')}, ${alias}seq`;

export const SAVE_SCORE = `
WITH round AS (
  SELECT status, md5(criteria::text) = $8 AS "criteriaCurrent" FROM rounds WHERE id = $1 FOR KEY SHARE),
${ACCESS},
written AS (
  INSERT INTO scores (id, round_id, judge_id, project_id, scores, comment, total, status, submitted_at, seq, updated_at)
  SELECT gen_random_uuid(), $1, $2, $3, $4::jsonb, $5, $6,
         CASE WHEN $7 THEN 'SUBMITTED' ELSE 'DRAFT' END::"ScoreStatus", CASE WHEN $7 THEN now() END,
         nextval('judging_change_seq'), now()
    FROM round, access
   WHERE round.status = 'OPEN' AND round."criteriaCurrent" AND access.assigned
  ON CONFLICT (round_id, judge_id, project_id) DO UPDATE
     SET scores = EXCLUDED.scores, comment = EXCLUDED.comment, total = EXCLUDED.total, status = EXCLUDED.status,
         submitted_at = EXCLUDED.submitted_at, seq = EXCLUDED.seq, updated_at = now()
   WHERE scores.status = 'DRAFT'
  ${returning('scores.')}),
${EVENT}
${WRITE_FACTS}`;

export const SUBMIT_SCORE = `
WITH round AS (SELECT status, true AS "criteriaCurrent" FROM rounds WHERE id = $1 FOR KEY SHARE),
${ACCESS},
written AS (
  UPDATE scores s SET status = 'SUBMITTED', submitted_at = now(), seq = nextval('judging_change_seq'), updated_at = now()
    FROM round, access
   WHERE s.round_id = $1 AND s.judge_id = $2 AND s.project_id = $3 AND s.status = 'DRAFT'
     AND round.status = 'OPEN' AND access.assigned
  ${returning('s.')}),
${EVENT}
${WRITE_FACTS}`;

export interface WriteRow extends ScoreView {
  roundStatus: RoundStatus | null;
  criteriaCurrent: boolean | null;
  assigned: boolean;
  inPool: boolean;
  written: boolean;
  storedStatus: ScoreStatus | null;
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
