import { Injectable } from '@nestjs/common';
import {
  Actor,
  Criterion,
  DomainError,
  RoundLifecycle,
  ScoreRequest,
  ScoreStatus,
  ScoreWriteAnswer,
  judgeTotal,
  scoreWriteAnswer,
  unwrittenScoreAnswer,
  validateScores,
  mayReadPeerScores,
  reportedTotal,
} from '@app/domain';
import {
  PgService,
  PrismaService,
  SAVE_SCORE,
  SCORE_COLUMNS,
  SUBMIT_SCORE,
  WriteRow,
  appendAudit,
  judgeAccessSql,
  lockedRoundStatus,
  recordChange,
  assignmentStatuses,
} from '@app/database';
import { ReopenScoreDto, ScoreDto } from './dto/judging.dto';
import { DoubleMarkingService } from './double-marking.service';
import { PledgeService } from './pledge.service';
import { RoundsService } from './rounds.service';
import { ScoreView, facts, view } from './score-view';

const CRITERIA_CACHE_SIZE = 1000;

@Injectable()
export class ScoringService {
  private readonly criteria = new Map<string, { criteria: Criterion[]; fingerprint: string }>();
  constructor(
    private readonly prisma: PrismaService,
    private readonly pg: PgService,
    private readonly rounds: RoundsService,
    private readonly pledges: PledgeService,
    private readonly doubleMarking: DoubleMarkingService,
  ) {}

  async myAssignments(actor: Actor) {
    const rows = await assignmentStatuses(this.prisma, { judgeId: actor.id }, 'round');
    return {
      items: rows.map((r) => ({
        roundId: r.roundId,
        roundName: r.roundName,
        heatName: r.heatName,
        roundStatus: r.roundStatus,
        closesAt: r.closesAt,
        projectId: r.projectId,
        title: r.title,
        scoreStatus: r.scoreStatus,
        total: reportedTotal(r.total),
      })),
    };
  }

  // HotCRP's rule, per round: the other judges' submitted scores of a project,
  // once the caller submitted its own. Judges are listed anonymously.
  async peerScores(actor: Actor, roundId: string, projectId: string) {
    const [access] = await this.pg.pool
      .query<{ assigned: boolean; in_pool: boolean; peer: boolean | null }>(
        `SELECT r.peer_scores_visible AS peer, ${judgeAccessSql('$1', '$2', '$3')}
           FROM rounds r WHERE r.id = $1`,
        [roundId, actor.id, projectId],
      )
      .then((r) => r.rows);
    if (!access || (!access.assigned && !access.in_pool))
      throw DomainError.notFound('round', roundId);
    if (!access.assigned)
      throw DomainError.of('NOT_ASSIGNED', 'this project is not assigned to you in this round');
    const own = await this.prisma.score.findUnique({
      where: { roundId_judgeId_projectId: { roundId, judgeId: actor.id, projectId } },
      select: { status: true },
    });
    const may = mayReadPeerScores({ peerScoresVisible: access.peer === true }, own?.status ?? null);
    if (!may.ok) throw DomainError.of(may.code, may.reason);
    const others = await this.prisma.score.findMany({
      where: { roundId, projectId, status: 'SUBMITTED', judgeId: { not: actor.id } },
      orderBy: { submittedAt: 'asc' },
    });
    return {
      roundId,
      projectId,
      items: others.map((s, i) => ({
        judge: `评委 ${i + 1} / Judge ${i + 1}`,
        scores: s.scores as Record<string, number>,
        total: reportedTotal(s.total),
        comment: s.comment,
        submittedAt: s.submittedAt,
      })),
    };
  }

  // Saves a draft, or with `submit: true` saves and submits in one request:
  // the assigned judge, an OPEN round, an unsubmitted score. A repeated submit
  // of the same content answers the stored score (idempotent for a phone that
  // retries); different content on a submitted score is a conflict.
  //
  // The roadshow's hot path: one SQL statement, one round trip, its own
  // transaction (see SAVE_SCORE); the round's criteria for validation come
  // from a per-process cache that the statement checks against the row.
  async save(actor: Actor, roundId: string, projectId: string, dto: ScoreDto): Promise<ScoreView> {
    const submit = dto.submit === true;
    const content = { scores: dto.scores, comment: dto.comment ?? null };
    for (let attempt = 0; ; attempt++) {
      const rubric = await this.roundCriteria(roundId);
      if (!rubric) throw DomainError.notFound('round', roundId);
      const problems = validateScores(rubric.criteria, dto.scores);
      if (problems.length) {
        await this.assignedRound(actor, roundId, projectId); // 404/403 come before 422
        throw DomainError.of(
          'SCORES_INVALID',
          { problems: problems.length },
          `Invalid scores: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
          problems,
        );
      }
      const total = judgeTotal(rubric.criteria, dto.scores);
      const { rows } = await this.pg.pool.query<WriteRow>({
        name: 'score-save',
        text: SAVE_SCORE,
        values: [
          roundId,
          actor.id,
          projectId,
          JSON.stringify(dto.scores),
          content.comment,
          total,
          submit,
          rubric.fingerprint,
        ],
      });
      await this.pledges.refuseUnaccepted(rows[0], roundId);
      const answer = scoreWriteAnswer(facts(rows[0]), { submit, content });
      if (answer === 'stale-criteria' && attempt < 2) {
        this.criteria.delete(roundId);
        continue;
      }
      const saved = await this.answer(answer, rows[0], actor, roundId, projectId, {
        submit,
        content,
      });
      if (submit) await this.doubleMarking.afterSubmit(roundId, projectId);
      return saved;
    }
  }

  async submit(actor: Actor, roundId: string, projectId: string): Promise<ScoreView> {
    const { rows } = await this.pg.pool.query<WriteRow>({
      name: 'score-submit',
      text: SUBMIT_SCORE,
      values: [roundId, actor.id, projectId],
    });
    await this.pledges.refuseUnaccepted(rows[0], roundId);
    const answer = scoreWriteAnswer(facts(rows[0]), { submit: true });
    const saved = await this.answer(answer, rows[0], actor, roundId, projectId, { submit: true });
    await this.doubleMarking.afterSubmit(roundId, projectId);
    return saved;
  }

  private async answer(
    answer: ScoreWriteAnswer,
    row: WriteRow,
    actor: Actor,
    roundId: string,
    projectId: string,
    request: ScoreRequest,
  ): Promise<ScoreView> {
    if (answer === 'written' || answer === 'same') return view(row);
    // A concurrent write to the same score committed first (or the criteria
    // keep changing): the score as it is now decides.
    const { rows } = await this.pg.pool.query<ScoreView>(
      `SELECT ${SCORE_COLUMNS} FROM scores WHERE round_id = $1 AND judge_id = $2 AND project_id = $3`,
      [roundId, actor.id, projectId],
    );
    unwrittenScoreAnswer(rows[0] ?? null, request);
    return rows[0];
  }

  // The round's criteria and their fingerprint, cached per process: they are
  // fixed once the round exists, and SAVE_SCORE refuses to write if the
  // fingerprint no longer matches the row.
  private async roundCriteria(
    roundId: string,
  ): Promise<{ criteria: Criterion[]; fingerprint: string } | undefined> {
    const cached = this.criteria.get(roundId);
    if (cached) return cached;
    const { rows } = await this.pg.pool.query<{ criteria: Criterion[]; fingerprint: string }>(
      'SELECT criteria, md5(criteria::text) AS fingerprint FROM rounds WHERE id = $1',
      [roundId],
    );
    if (!rows[0]) return undefined;
    if (this.criteria.size >= CRITERIA_CACHE_SIZE)
      this.criteria.delete(this.criteria.keys().next().value!);
    this.criteria.set(roundId, rows[0]);
    return rows[0];
  }

  async reopen(
    actor: Actor,
    roundId: string,
    projectId: string,
    dto: ReopenScoreDto,
  ): Promise<ScoreView> {
    const round = await this.rounds.managed(actor, roundId);
    return this.prisma.$transaction(async (tx) => {
      const status = await lockedRoundStatus(tx, roundId);
      const existing = await tx.score.findUnique({
        where: { roundId_judgeId_projectId: { roundId, judgeId: dto.judgeId, projectId } },
      });
      if (!existing) throw DomainError.notFound('score');
      RoundLifecycle.assertReopenable(status, existing.status);
      const seq = await recordChange(tx, 'judging.scores-changed', roundId, {
        change: 'REOPENED',
        judgeId: dto.judgeId,
        projectId,
      });
      const updated = await tx.score.updateManyAndReturn({
        where: { id: existing.id, status: 'SUBMITTED' },
        data: { status: 'DRAFT', submittedAt: null, seq },
      });
      if (updated.length !== 1)
        throw DomainError.of(
          'CHANGED_MEANWHILE',
          { resource: 'score' },
          'this score was reopened meanwhile',
        );
      await appendAudit(tx, {
        competitionId: round.competitionId,
        actorId: actor.id,
        action: 'score.reopened',
        entityType: 'score',
        entityId: existing.id,
        reason: dto.reason,
        data: { roundId, projectId, judgeId: dto.judgeId, total: reportedTotal(existing.total) },
      });
      return this.view(updated[0]);
    });
  }

  async myScore(actor: Actor, roundId: string, projectId: string): Promise<ScoreView> {
    await this.assignedRound(actor, roundId, projectId);
    const score = await this.prisma.score.findUnique({
      where: { roundId_judgeId_projectId: { roundId, judgeId: actor.id, projectId } },
    });
    if (!score) throw DomainError.notFound('score');
    return this.view(score);
  }

  // 404 for a round the caller cannot see, 403 for a project not assigned to it.
  private async assignedRound(
    actor: Actor,
    roundId: string,
    projectId: string,
  ): Promise<{ criteria: unknown }> {
    const { rows } = await this.pg.pool.query<{
      criteria: unknown;
      assigned: boolean;
      in_pool: boolean;
    }>(
      `SELECT r.criteria, ${judgeAccessSql('r.id', '$2', '$3')}
         FROM rounds r WHERE r.id = $1`,
      [roundId, actor.id, projectId],
    );
    const round = rows[0];
    if (!round || (!round.assigned && !round.in_pool)) throw DomainError.notFound('round', roundId);
    if (!round.assigned)
      throw DomainError.of('NOT_ASSIGNED', 'this project is not assigned to you in this round');
    return round;
  }

  private view(s: {
    roundId: string;
    projectId: string;
    judgeId: string;
    scores: unknown;
    comment: string | null;
    total: number;
    status: string;
    submittedAt: Date | null;
  }): ScoreView {
    return {
      roundId: s.roundId,
      projectId: s.projectId,
      judgeId: s.judgeId,
      scores: s.scores as Record<string, number>,
      comment: s.comment,
      total: reportedTotal(s.total),
      status: s.status as ScoreStatus,
      submittedAt: s.submittedAt,
    };
  }
}
