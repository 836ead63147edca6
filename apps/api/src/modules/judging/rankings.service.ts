import { Injectable } from '@nestjs/common';
import { Actor, withCoverage } from '@app/domain';
import { PrismaService, assignedJudgeCounts } from '@app/database';
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
  // Double-marked (2+1) rounds only (the worker's doubleMarkStoredRanking).
  thirdExpert?: boolean;
  doubleMarkStatus?: string;
  doubleMarkVia?: string | null;
}

export interface RankingView {
  roundId: string;
  method: string;
  final: boolean;
  computedAt: Date | null;
  entries: RankingEntry[];
}

export interface OrganiserRankingView extends RankingView {
  entries: (RankingEntry & { assignedJudges: number; complete: boolean })[];
}

@Injectable()
export class RankingsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
    private readonly competitions: CompetitionsService,
  ) {}

  async ranking(actor: Actor, roundId: string): Promise<OrganiserRankingView> {
    const round = await this.rounds.managed(actor, roundId);
    return this.readForOrganisers(roundId, round.method);
  }

  // The organisers' ranking: partial scores included, each entry marked with
  // its assigned judges and whether all of them are counted (`complete`).
  // The hall never sees a partial one (ScreenService, hallRanking).
  async readForOrganisers(roundId: string, method?: string): Promise<OrganiserRankingView> {
    const [view, assigned] = await Promise.all([
      this.read(roundId, method),
      assignedJudgeCounts(this.prisma, roundId),
    ]);
    return { ...view, entries: withCoverage(view.entries, assigned) };
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

  async standings(actor: Actor, heatId: string) {
    const heat = await this.competitions.getHeat(heatId);
    await this.competitions.assertCanManage(actor, heat.competitionId, {
      resource: 'heat',
      id: heatId,
    });
    return heatStandings(this.prisma, heatId);
  }

  // Each project's organisation as judging snapshotted it (round_projects).
  async organisationNames(projectIds: string[]): Promise<Map<string, string>> {
    const rows = await this.prisma.roundProject.findMany({
      where: { projectId: { in: projectIds } },
      select: { projectId: true, organisationName: true },
      distinct: ['projectId'],
    });
    return new Map(rows.map((r) => [r.projectId, r.organisationName]));
  }
}
