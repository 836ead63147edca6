import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { PoolClient } from 'pg';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  AggregationMethod,
  DoubleMarkingRule,
  RoundStatus,
  StoredRankingCoverage,
  computeRanking,
  doubleMarkStoredRanking,
  needsRecompute,
  parseSnapshot,
} from '@app/domain';
import { PgService } from '@app/database';
import { QueueName, RANKING_UPDATED_CHANNEL } from '@app/events';

export type RecomputeOutcome = 'duplicate' | 'already-current' | 'recomputed';

export interface ScoreChange {
  roundId: string;
  xid: bigint | null; // the writing transaction; null for events that predate it
  closing: boolean;
}

const SERIALIZATION_FAILURE = '40001';

// Recomputes a round's ranking from its stored scores: never increments, so
// duplicates and reordering cannot skew it. It reads one consistent snapshot
// (REPEATABLE READ) and takes no lock a score write waits for, so writes go on
// while it runs; the ranking stores the snapshot, and an event whose change
// that snapshot sees (the rest of a burst) is settled without recomputing,
// while one that committed after it recomputes again (see ranking-coverage in
// libs/domain). Recomputes of one round run one at a time (a session advisory
// lock taken before the snapshot), so each sees the previous one's ranking and
// a ranking never goes back to an older snapshot.
@Injectable()
export class RankingRecomputer {
  constructor(
    private readonly pg: PgService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(eventId: string, change: ScoreChange): Promise<RecomputeOutcome> {
    let covered = !(await this.needed(change));
    if (!covered && !change.closing && this.config.RANKING_DEBOUNCE_MS > 0) {
      // In a roadshow burst, waiting a moment lets one recompute cover the
      // changes arriving meanwhile.
      await sleep(this.config.RANKING_DEBOUNCE_MS);
      covered = !(await this.needed(change));
    }
    if (covered) {
      const { rowCount } = await this.pg.pool.query(INSERT_PROCESSED, [QueueName.Scoring, eventId]);
      return rowCount === 1 ? 'already-current' : 'duplicate';
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.recomputeIfNeeded(eventId, change);
      } catch (error) {
        // A duplicate delivery committing its inbox row after this snapshot
        // was taken: try again in a fresh snapshot (which then sees it).
        if ((error as { code?: string }).code !== SERIALIZATION_FAILURE || attempt >= 5)
          throw error;
      }
    }
  }

  private async needed(change: ScoreChange, db: Queryable = this.pg.pool): Promise<boolean> {
    const { rows } = await db.query<{ source_snapshot: string | null; final: boolean }>(
      'SELECT source_snapshot, final FROM rankings WHERE round_id = $1',
      [change.roundId],
    );
    return needsRecompute(coverage(rows[0]), change);
  }

  private async recomputeIfNeeded(eventId: string, change: ScoreChange): Promise<RecomputeOutcome> {
    const client = await this.pg.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [lockKey(change)]);
      try {
        return await this.inSnapshot(client, eventId, change);
      } finally {
        await client
          .query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [lockKey(change)])
          .catch((e: Error) => (broken = e)); // a dropped connection releases it anyway
      }
    } finally {
      client.release(broken);
    }
  }

  private async inSnapshot(
    client: PoolClient,
    eventId: string,
    change: ScoreChange,
  ): Promise<RecomputeOutcome> {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    try {
      // The first statement fixes the snapshot: everything below reads it.
      const { rows } = await client.query<RoundHead>(
        `SELECT pg_current_snapshot()::text AS snapshot, r.method, r.trim, r.status,
                r.double_marking,
                k.source_snapshot, k.final, k.source_seq::text AS source_seq
           FROM rounds r LEFT JOIN rankings k ON k.round_id = r.id WHERE r.id = $1`,
        [change.roundId],
      );
      const head = rows[0];
      const inserted = await client.query(INSERT_PROCESSED, [QueueName.Scoring, eventId]);
      let outcome: RecomputeOutcome = 'duplicate';
      if (inserted.rowCount === 1) {
        outcome = 'already-current';
        if (head && needsRecompute(coverage(head.final === null ? undefined : head), change)) {
          await this.recompute(client, change.roundId, head);
          outcome = 'recomputed';
        }
      }
      await client.query('COMMIT');
      return outcome;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async recompute(client: PoolClient, roundId: string, head: RoundHead): Promise<void> {
    const [scores, projects] = await Promise.all([
      client.query<{ judgeId: string; projectId: string; total: number; seq: string }>(
        `SELECT judge_id AS "judgeId", project_id AS "projectId", total, seq::text AS seq
           FROM scores WHERE round_id = $1 AND status = 'SUBMITTED'`,
        [roundId],
      ),
      client.query<{ projectId: string; title: string }>(
        'SELECT project_id AS "projectId", title FROM round_projects WHERE round_id = $1',
        [roundId],
      ),
    ]);
    const titles = new Map(projects.rows.map((p) => [p.projectId, p.title]));
    const entries = head.double_marking
      ? await this.doubleMarked(client, roundId, head.double_marking, scores.rows, titles)
      : computeRanking(head.method, scores.rows, head.trim).map((e) => ({
          rank: e.rank,
          projectId: e.projectId,
          title: titles.get(e.projectId) ?? '',
          score: e.score,
          judgeCount: e.judgeCount,
          spread: e.spread,
        }));
    // Informational: the highest change sequence among the scores it read.
    const sourceSeq = scores.rows.reduce(
      (max, s) => (BigInt(s.seq) > max ? BigInt(s.seq) : max),
      BigInt(head.source_seq ?? 0),
    );
    await client.query(
      `INSERT INTO rankings (round_id, method, final, computed_at, source_seq, source_snapshot, entries)
       VALUES ($1, $2, $3, now(), $4, $5, $6::jsonb)
       ON CONFLICT (round_id) DO UPDATE
          SET method = EXCLUDED.method, final = EXCLUDED.final, computed_at = EXCLUDED.computed_at,
              source_seq = EXCLUDED.source_seq, source_snapshot = EXCLUDED.source_snapshot,
              entries = EXCLUDED.entries`,
      [
        roundId,
        head.method,
        head.status === 'CLOSED',
        sourceSeq.toString(),
        head.snapshot,
        JSON.stringify(entries),
      ],
    );
    // Delivered to the api's listeners only when this transaction commits.
    await client.query('SELECT pg_notify($1, $2)', [RANKING_UPDATED_CHANNEL, roundId]);
  }

  // A 2+1 round (docs/expert-draw.md): each project's result is the rule's
  // (libs/domain doubleMarkStoredRanking) from its marks in the order its
  // judges were assigned (the first two, then the third) and the chief
  // expert's arbitration; the entry marks a project that needed a third.
  // Read in the same snapshot as the scores, so a recompute is a function of
  // that snapshot alone.
  private async doubleMarked(
    client: PoolClient,
    roundId: string,
    rule: DoubleMarkingRule,
    scores: { judgeId: string; projectId: string; total: number }[],
    titles: Map<string, string>,
  ) {
    const [assignments, arbitrations] = await Promise.all([
      client.query<{ judgeId: string; projectId: string }>(
        `SELECT judge_id AS "judgeId", project_id AS "projectId" FROM assignments
          WHERE round_id = $1 ORDER BY created_at, judge_id`,
        [roundId],
      ),
      client.query<{ projectId: string; total: number }>(
        `SELECT project_id AS "projectId", total FROM double_mark_arbitrations WHERE round_id = $1`,
        [roundId],
      ),
    ]);
    const order = new Map(assignments.rows.map((a, i) => [`${a.judgeId}:${a.projectId}`, i]));
    const totals = new Map<string, { at: number; total: number }[]>();
    for (const s of scores) {
      // A score without an assignment (none in practice) comes after the assigned ones.
      const at = order.get(`${s.judgeId}:${s.projectId}`) ?? Number.MAX_SAFE_INTEGER;
      totals.set(s.projectId, [...(totals.get(s.projectId) ?? []), { at, total: s.total }]);
    }
    const arbitration = new Map(arbitrations.rows.map((a) => [a.projectId, a.total]));
    return doubleMarkStoredRanking(
      [...totals].map(([projectId, marks]) => ({
        projectId,
        totals: marks.sort((a, b) => a.at - b.at).map((m) => m.total),
        arbitration: arbitration.get(projectId) ?? null,
      })),
      rule,
    ).map((e) => ({ ...e, title: titles.get(e.projectId) ?? '' }));
  }
}

type Queryable = Pick<PgService['pool'], 'query'>;

interface RoundHead {
  snapshot: string;
  method: AggregationMethod;
  trim: number;
  status: RoundStatus;
  double_marking: DoubleMarkingRule | null;
  source_snapshot: string | null;
  final: boolean | null;
  source_seq: string | null;
}

const INSERT_PROCESSED = `INSERT INTO processed_events (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`;

const lockKey = (change: ScoreChange) => `ranking:${change.roundId}`;

function coverage(
  row: { source_snapshot: string | null; final: boolean | null } | undefined,
): StoredRankingCoverage | null {
  if (!row) return null;
  return {
    snapshot: row.source_snapshot ? parseSnapshot(row.source_snapshot) : null,
    final: row.final === true,
  };
}
