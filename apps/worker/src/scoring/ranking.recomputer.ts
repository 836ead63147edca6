import { Inject, Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG, AppConfig } from '@app/config';
import { AggregationMethod, RoundLifecycle, computeRanking } from '@app/domain';
import { Prisma, PrismaService, Tx, lockRoundExclusive, nextChangeSeq, recordProcessed } from '@app/database';
import { QueueName, RANKING_UPDATED_CHANNEL } from '@app/events';

export type RecomputeOutcome = 'duplicate' | 'already-current' | 'recomputed';

// Recomputes a round's ranking from its stored scores: never increments, so
// duplicates and reordering cannot skew it. Runs under the round's exclusive
// advisory lock, which waits out every in-flight score change, so the change
// sequence drawn here covers all changes the ranking is computed from; an
// event whose change is already covered (the rest of a burst) returns early.
@Injectable()
export class RankingRecomputer {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(eventId: string, roundId: string, eventSeq: bigint, closing: boolean): Promise<RecomputeOutcome> {
    // sourceSeq only grows, so an event already covered can be settled without
    // the exclusive lock, which would otherwise stall the burst's submits.
    let covered = !(await this.needed(this.prisma, roundId, eventSeq, closing));
    if (!covered && !closing && this.config.RANKING_DEBOUNCE_MS > 0) {
      // In a roadshow burst, waiting a moment lets one recompute (and one hold
      // of the exclusive lock) cover the changes arriving meanwhile.
      await sleep(this.config.RANKING_DEBOUNCE_MS);
      covered = !(await this.needed(this.prisma, roundId, eventSeq, closing));
    }
    return this.prisma.$transaction(async (tx) => {
      if (!(await recordProcessed(tx, QueueName.Scoring, eventId))) return 'duplicate';
      if (covered) return 'already-current';
      await lockRoundExclusive(tx, roundId);
      if (!(await this.needed(tx, roundId, eventSeq, closing))) return 'already-current';
      await this.recompute(tx, roundId);
      return 'recomputed';
    });
  }

  private async needed(db: Tx | PrismaService, roundId: string, eventSeq: bigint, closing: boolean): Promise<boolean> {
    const current = await db.ranking.findUnique({ where: { roundId }, select: { sourceSeq: true, final: true } });
    return RoundLifecycle.needsRecompute(current?.sourceSeq ?? null, eventSeq, { rankingFinal: current?.final ?? false, closing });
  }

  async recompute(tx: Tx, roundId: string): Promise<void> {
    const seq = await nextChangeSeq(tx);
    const round = await tx.round.findUniqueOrThrow({ where: { id: roundId } });
    const [scores, projects] = await Promise.all([
      tx.score.findMany({ where: { roundId, status: 'SUBMITTED' }, select: { judgeId: true, projectId: true, total: true } }),
      tx.roundProject.findMany({ where: { roundId }, select: { projectId: true, title: true } }),
    ]);
    const titles = new Map(projects.map((p) => [p.projectId, p.title]));
    const entries = computeRanking(round.method as AggregationMethod, scores, round.trim).map((e) => ({
      rank: e.rank,
      projectId: e.projectId,
      title: titles.get(e.projectId) ?? '',
      score: e.score,
      judgeCount: e.judgeCount,
      spread: e.spread,
    }));
    const data = {
      method: round.method,
      final: round.status === 'CLOSED',
      computedAt: new Date(),
      sourceSeq: seq,
      entries: entries as unknown as Prisma.InputJsonValue,
    };
    await tx.ranking.upsert({ where: { roundId }, create: { roundId, ...data }, update: data });
    // Delivered to the api's listeners only when this transaction commits.
    await tx.$executeRaw`SELECT pg_notify(${RANKING_UPDATED_CHANNEL}, ${roundId})`;
  }
}
