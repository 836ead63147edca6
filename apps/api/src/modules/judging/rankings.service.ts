import { Injectable } from '@nestjs/common';
import { Actor, DomainError, combineRounds, rankEntries, roundHalfAwayFromZero } from '@app/domain';
import { PrismaService } from '@app/database';
import { toCsv } from '../../common/csv';
import { CompetitionsService } from '../competitions/competitions.service';
import { RoundsService } from './rounds.service';

export interface RankingEntry {
  rank: number;
  projectId: string;
  title: string;
  score: number;
  judgeCount: number;
  spread: number;
}

export interface RankingView {
  roundId: string;
  method: string;
  final: boolean;
  computedAt: Date | null;
  entries: RankingEntry[];
}

@Injectable()
export class RankingsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
    private readonly competitions: CompetitionsService,
  ) {}

  async ranking(actor: Actor, roundId: string): Promise<RankingView> {
    const round = await this.rounds.managed(actor, roundId);
    return this.read(roundId, round.method);
  }

  // Stored by the scoring worker; an empty, non-final ranking until the first recompute.
  async read(roundId: string, method?: string): Promise<RankingView> {
    const row = await this.prisma.ranking.findUnique({ where: { roundId } });
    if (!row) return { roundId, method: method ?? '', final: false, computedAt: null, entries: [] };
    return {
      roundId,
      method: row.method,
      final: row.final,
      computedAt: row.computedAt,
      entries: row.entries as unknown as RankingEntry[],
    };
  }

  async rankingCsv(actor: Actor, roundId: string): Promise<string> {
    const view = await this.ranking(actor, roundId);
    return this.toCsv(view.entries);
  }

  async standings(actor: Actor, heatId: string) {
    const heat = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, heat.competitionId).catch(() => {
      throw DomainError.notFound('heat', heatId);
    });
    const rounds = await this.prisma.round.findMany({
      where: { heatId },
      orderBy: { createdAt: 'asc' },
    });
    const closed = rounds.filter((r) => r.status === 'CLOSED');
    const rankings = await this.prisma.ranking.findMany({
      where: { roundId: { in: closed.map((r) => r.id) }, final: true },
    });
    const projects = await this.prisma.roundProject.findMany({
      where: { roundId: { in: rounds.map((r) => r.id) } },
    });
    const titles = new Map(projects.map((p) => [p.projectId, p.title]));
    const results = closed.map((r) => {
      const entries = (rankings.find((k) => k.roundId === r.id)?.entries ??
        []) as unknown as RankingEntry[];
      return {
        weight: r.weight,
        entries,
        scores: new Map(entries.map((e) => [e.projectId, e.score])),
      };
    });
    const combined = combineRounds([...titles.keys()], results);
    const entries = rankEntries(combined).map((e) => {
      const own = results.flatMap((r) => r.entries.filter((x) => x.projectId === e.projectId));
      return {
        rank: e.rank,
        projectId: e.projectId,
        title: titles.get(e.projectId) ?? '',
        score: e.score,
        judgeCount: own.reduce((s, x) => s + x.judgeCount, 0),
        spread: roundHalfAwayFromZero(Math.max(0, ...own.map((x) => x.spread))),
      };
    });
    return {
      heatId,
      rounds: rounds.map((r) => ({
        id: r.id,
        name: r.name,
        // Each round's method (and so its scale): a heat never mixes ZSCORE
        // with 0–100 rounds (refused at round creation).
        method: r.method,
        weight: r.weight,
        status: r.status,
        included: closed.includes(r),
      })),
      // Every round closed and its final ranking computed: the standings are settled.
      final:
        rounds.length > 0 && closed.length === rounds.length && rankings.length === closed.length,
      entries,
    };
  }

  toCsv(entries: RankingEntry[]): string {
    const header = [
      '名次 rank',
      '项目编号 projectId',
      '项目名称 title',
      '得分 score',
      '评委数 judgeCount',
      '分差 spread',
    ];
    return toCsv(
      header,
      entries.map((e) => [
        e.rank,
        e.projectId,
        e.title,
        e.score.toFixed(2),
        e.judgeCount,
        e.spread.toFixed(2),
      ]),
    );
  }
}
