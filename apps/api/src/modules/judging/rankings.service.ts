import { Injectable } from '@nestjs/common';
import { Actor } from '@app/domain';
import { PrismaService } from '@app/database';
import { toCsv } from '../../common/csv';
import { CompetitionsService } from '../competitions/competitions.service';
import { heatStandings } from './heat-standings';
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
    await this.competitions.assertCanManage(actor, heat.competitionId, {
      resource: 'heat',
      id: heatId,
    });
    return heatStandings(this.prisma, heatId);
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
