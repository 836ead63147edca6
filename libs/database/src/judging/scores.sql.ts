import { changeEventSql, NEXT_CHANGE_SEQ } from './change-protocol';

// The score aggregate's statements.

// Whether a judge may score a project of a round, as two boolean columns
// `assigned` (the pair is assigned) and `in_pool` (the judge is in the
// round's pool); the arguments are SQL expressions.
export function judgeAccessSql(round: string, judge: string, project: string): string {
  return `EXISTS (SELECT 1 FROM assignments a WHERE a.round_id = ${round} AND a.judge_id = ${judge} AND a.project_id = ${project}) AS assigned,
         EXISTS (SELECT 1 FROM round_judges j WHERE j.round_id = ${round} AND j.judge_id = ${judge}) AS in_pool`;
}

export const SCORE_COLUMNS = `round_id AS "roundId", project_id AS "projectId", judge_id AS "judgeId", scores, comment,
  total, status, submitted_at AS "submittedAt"`;

// One score write as one statement, so it is one short transaction and one
// round trip, and takes no lock a ranking recompute holds:
//   round   the round's row FOR KEY SHARE (a close's FOR UPDATE waits for it,
//           and a write waiting on a close sees CLOSED), with the criteria check
//           and whether the competition's pledge (回避与保密承诺) still waits
//           for this judge's acceptance (then nothing is written);
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
SELECT round.status AS "roundStatus", round."criteriaCurrent", round."pledgeMissing", access.assigned, access.in_pool AS "inPool",
       w."roundId" IS NOT NULL AS written, s.status AS "storedStatus",
       ${VIEW.map((col, i) => `CASE WHEN w."roundId" IS NOT NULL THEN w."${col}" ELSE s.${STORED[i]} END AS "${col}"`).join(',\n       ')}
  FROM access
  LEFT JOIN round ON true
  LEFT JOIN written w ON true
  LEFT JOIN scores s ON s.round_id = $1 AND s.judge_id = $2 AND s.project_id = $3`;
const ACCESS = `
access AS (SELECT ${judgeAccessSql('$1', '$2', '$3')})`;
const EVENT = `
event AS (${changeEventSql('judging.scores-changed', {
  roundId: '$1',
  seq: 'w.seq',
  fields: { change: "'SUBMITTED'", judgeId: '$2::text', projectId: '$3::text' },
  from: "FROM written w WHERE w.status = 'SUBMITTED'",
})})`;
const returning = (alias: string) =>
  `RETURNING ${STORED.map((col, i) => `${alias}${col} AS "${VIEW[i]}"`).join(', ')}, ${alias}seq`;

export const SAVE_SCORE = `
WITH round AS (
  SELECT r.status, md5(r.criteria::text) = $8 AS "criteriaCurrent",
         EXISTS (SELECT 1 FROM competition_pledges p WHERE p.competition_id = r.competition_id)
         AND NOT EXISTS (SELECT 1 FROM pledge_acceptances a WHERE a.competition_id = r.competition_id AND a.judge_id = $2) AS "pledgeMissing"
    FROM rounds r WHERE r.id = $1 FOR KEY SHARE OF r),
${ACCESS},
written AS (
  INSERT INTO scores (id, round_id, judge_id, project_id, scores, comment, total, status, submitted_at, seq, updated_at)
  SELECT gen_random_uuid(), $1, $2, $3, $4::jsonb, $5, $6,
         CASE WHEN $7 THEN 'SUBMITTED' ELSE 'DRAFT' END::"ScoreStatus", CASE WHEN $7 THEN now() END,
         ${NEXT_CHANGE_SEQ}, now()
    FROM round, access
   WHERE round.status = 'OPEN' AND round."criteriaCurrent" AND access.assigned AND NOT round."pledgeMissing"
  ON CONFLICT (round_id, judge_id, project_id) DO UPDATE
     SET scores = EXCLUDED.scores, comment = EXCLUDED.comment, total = EXCLUDED.total, status = EXCLUDED.status,
         submitted_at = EXCLUDED.submitted_at, seq = EXCLUDED.seq, updated_at = now()
   WHERE scores.status = 'DRAFT'
  ${returning('scores.')}),
${EVENT}
${WRITE_FACTS}`;

export const SUBMIT_SCORE = `
WITH round AS (
  SELECT r.status, true AS "criteriaCurrent",
         EXISTS (SELECT 1 FROM competition_pledges p WHERE p.competition_id = r.competition_id)
         AND NOT EXISTS (SELECT 1 FROM pledge_acceptances a WHERE a.competition_id = r.competition_id AND a.judge_id = $2) AS "pledgeMissing"
    FROM rounds r WHERE r.id = $1 FOR KEY SHARE OF r),
${ACCESS},
written AS (
  UPDATE scores s SET status = 'SUBMITTED', submitted_at = now(), seq = ${NEXT_CHANGE_SEQ}, updated_at = now()
    FROM round, access
   WHERE s.round_id = $1 AND s.judge_id = $2 AND s.project_id = $3 AND s.status = 'DRAFT'
     AND round.status = 'OPEN' AND access.assigned AND NOT round."pledgeMissing"
  ${returning('s.')}),
${EVENT}
${WRITE_FACTS}`;

// One row of SAVE_SCORE or SUBMIT_SCORE: the facts libs/domain's
// scoreWriteAnswer decides on, and the score as written or as stored.
export interface WriteRow {
  roundId: string;
  projectId: string;
  judgeId: string;
  scores: Record<string, number>;
  comment: string | null;
  total: number;
  status: 'DRAFT' | 'SUBMITTED';
  submittedAt: Date | null;
  roundStatus: 'DRAFT' | 'OPEN' | 'CLOSED' | null;
  criteriaCurrent: boolean | null;
  // The competition has a pledge this judge has not accepted (null: no such round).
  pledgeMissing: boolean | null;
  assigned: boolean;
  inPool: boolean;
  written: boolean;
  storedStatus: 'DRAFT' | 'SUBMITTED' | null;
}
