import { Injectable } from '@nestjs/common';
import { Actor, Criterion, DomainError, RoundLifecycle, RoundStatus, ScoreStatus, judgeTotal, validateScores } from '@app/domain';
import { PgService, PrismaService, appendAudit, appendEvent, appendEventSql, lockRoundShared, nextChangeSeq, Tx } from '@app/database';
import { PoolClient } from 'pg';
import { ReopenScoreDto, ScoreDto } from './dto/judging.dto';
import { RoundsService } from './rounds.service';

interface ScoreView {
  roundId: string;
  projectId: string;
  judgeId: string;
  scores: Record<string, number>;
  comment: string | null;
  total: number;
  status: ScoreStatus;
  submittedAt: Date | null;
}

@Injectable()
export class ScoringService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly pg: PgService,
    private readonly rounds: RoundsService,
  ) {}

  async myAssignments(actor: Actor) {
    const items = await this.prisma.$queryRaw`
      SELECT a.round_id AS "roundId", r.name AS "roundName", r.heat_name AS "heatName", r.status AS "roundStatus",
             r.closes_at AS "closesAt", a.project_id AS "projectId", rp.title,
             COALESCE(s.status::text, 'NOT_STARTED') AS "scoreStatus", s.total
        FROM assignments a
        JOIN rounds r ON r.id = a.round_id
        JOIN round_projects rp ON rp.round_id = a.round_id AND rp.project_id = a.project_id
        LEFT JOIN scores s ON s.round_id = a.round_id AND s.judge_id = a.judge_id AND s.project_id = a.project_id
       WHERE a.judge_id = ${actor.id}::uuid
       ORDER BY r.created_at, rp.title`;
    return { items };
  }

  // Saves a draft: the assigned judge, an OPEN round, an unsubmitted score.
  // This and submit are the roadshow's hot path, hence plain pg (PgService).
  async saveDraft(actor: Actor, roundId: string, projectId: string, dto: ScoreDto): Promise<ScoreView> {
    const round = await this.assignedRound(actor, roundId, projectId);
    const criteria = round.criteria as unknown as Criterion[];
    const problems = validateScores(criteria, dto.scores);
    if (problems.length) throw DomainError.unprocessable(`Invalid scores: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, problems);
    const total = judgeTotal(criteria, dto.scores);
    return this.pg.tx(async (client) => {
      await this.assertOpenSql(client, roundId);
      // Conditional upsert: a submitted score is never overwritten, even by a racing request.
      const { rows } = await client.query<ScoreView>(
        `INSERT INTO scores (id, round_id, judge_id, project_id, scores, comment, total, status, seq, updated_at)
         VALUES (gen_random_uuid(), $1, $2, $3, $4::jsonb, $5, $6, 'DRAFT', nextval('judging_change_seq'), now())
         ON CONFLICT (round_id, judge_id, project_id) DO UPDATE
            SET scores = EXCLUDED.scores, comment = EXCLUDED.comment, total = EXCLUDED.total, seq = EXCLUDED.seq, updated_at = now()
          WHERE scores.status = 'DRAFT'
         RETURNING round_id AS "roundId", project_id AS "projectId", judge_id AS "judgeId", scores, comment, total,
                   status, submitted_at AS "submittedAt"`,
        [roundId, actor.id, projectId, JSON.stringify(dto.scores), dto.comment ?? null, total],
      );
      if (rows.length !== 1) throw DomainError.conflict('this score is submitted and locked; ask the organiser to reopen it');
      return rows[0];
    });
  }

  async submit(actor: Actor, roundId: string, projectId: string): Promise<ScoreView> {
    await this.assignedRound(actor, roundId, projectId);
    return this.pg.tx(async (client) => {
      await this.assertOpenSql(client, roundId);
      const { rows } = await client.query<ScoreView & { seq: string }>(
        `UPDATE scores SET status = 'SUBMITTED', submitted_at = now(), seq = nextval('judging_change_seq')
          WHERE round_id = $1 AND judge_id = $2 AND project_id = $3 AND status = 'DRAFT'
         RETURNING round_id AS "roundId", project_id AS "projectId", judge_id AS "judgeId", scores, comment, total,
                   status, submitted_at AS "submittedAt", seq::text AS seq`,
        [roundId, actor.id, projectId],
      );
      if (rows.length !== 1) {
        const { rows: existing } = await client.query(`SELECT status FROM scores WHERE round_id = $1 AND judge_id = $2 AND project_id = $3`, [roundId, actor.id, projectId]);
        if (!existing.length) throw DomainError.unprocessable('there is no score to submit: save one with PUT first', [{ field: 'scores', message: 'missing' }]);
        throw DomainError.conflict('this score is submitted and locked; ask the organiser to reopen it');
      }
      const { seq, ...score } = rows[0];
      await appendEventSql(client, 'judging.scores-changed', roundId, { roundId, seq, change: 'SUBMITTED', judgeId: actor.id, projectId });
      return score;
    });
  }

  async reopen(actor: Actor, roundId: string, projectId: string, dto: ReopenScoreDto): Promise<ScoreView> {
    const round = await this.rounds.managed(actor, roundId);
    return this.prisma.$transaction(async (tx) => {
      const status = await this.roundStatus(tx, roundId);
      const existing = await tx.score.findUnique({ where: { roundId_judgeId_projectId: { roundId, judgeId: dto.judgeId, projectId } } });
      if (!existing) throw DomainError.notFound('score');
      RoundLifecycle.assertReopenable(status, existing.status as ScoreStatus);
      const seq = await nextChangeSeq(tx);
      const updated = await tx.score.updateManyAndReturn({
        where: { id: existing.id, status: 'SUBMITTED' },
        data: { status: 'DRAFT', submittedAt: null, seq },
      });
      if (updated.length !== 1) throw DomainError.conflict('this score was reopened meanwhile');
      await appendAudit(tx, {
        competitionId: round.competitionId,
        actorId: actor.id,
        action: 'score.reopened',
        entityType: 'score',
        entityId: existing.id,
        reason: dto.reason,
        data: { roundId, projectId, judgeId: dto.judgeId, total: existing.total },
      });
      await appendEvent(tx, 'judging.scores-changed', roundId, { roundId, seq: seq.toString(), change: 'REOPENED', judgeId: dto.judgeId, projectId });
      return this.view(updated[0]);
    });
  }

  async myScore(actor: Actor, roundId: string, projectId: string): Promise<ScoreView> {
    await this.assignedRound(actor, roundId, projectId);
    const score = await this.prisma.score.findUnique({ where: { roundId_judgeId_projectId: { roundId, judgeId: actor.id, projectId } } });
    if (!score) throw DomainError.notFound('score');
    return this.view(score);
  }

  // 404 for a round the caller cannot see, 403 for a project not assigned to it.
  private async assignedRound(actor: Actor, roundId: string, projectId: string): Promise<{ criteria: unknown }> {
    const { rows } = await this.pg.pool.query<{ criteria: unknown; assigned: boolean; in_pool: boolean }>(
      `SELECT r.criteria,
              EXISTS (SELECT 1 FROM assignments a WHERE a.round_id = r.id AND a.judge_id = $2 AND a.project_id = $3) AS assigned,
              EXISTS (SELECT 1 FROM round_judges j WHERE j.round_id = r.id AND j.judge_id = $2) AS in_pool
         FROM rounds r WHERE r.id = $1`,
      [roundId, actor.id, projectId],
    );
    const round = rows[0];
    if (!round || (!round.assigned && !round.in_pool)) throw DomainError.notFound('round', roundId);
    if (!round.assigned) throw DomainError.forbidden('this project is not assigned to you in this round');
    return round;
  }

  private async assertOpenSql(client: PoolClient, roundId: string): Promise<void> {
    await client.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [roundId]);
    const { rows } = await client.query<{ status: RoundStatus }>('SELECT status FROM rounds WHERE id = $1', [roundId]);
    RoundLifecycle.assertScorable(rows[0].status, null);
  }

  private async roundStatus(tx: Tx, roundId: string): Promise<RoundStatus> {
    await lockRoundShared(tx, roundId);
    const round = await tx.round.findUniqueOrThrow({ where: { id: roundId }, select: { status: true } });
    return round.status as RoundStatus;
  }

  private view(s: { roundId: string; projectId: string; judgeId: string; scores: unknown; comment: string | null; total: number; status: string; submittedAt: Date | null }): ScoreView {
    return {
      roundId: s.roundId,
      projectId: s.projectId,
      judgeId: s.judgeId,
      scores: s.scores as Record<string, number>,
      comment: s.comment,
      total: s.total,
      status: s.status as ScoreStatus,
      submittedAt: s.submittedAt,
    };
  }
}
