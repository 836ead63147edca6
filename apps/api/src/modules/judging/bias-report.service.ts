import { Injectable } from '@nestjs/common';
import { Actor, biasReport } from '@app/domain';
import { PrismaService } from '@app/database';
import { RoundsService } from './rounds.service';

// The advisory judge-bias report of a round (libs/domain biasReport): read
// from the submitted scores; it changes nothing.
@Injectable()
export class BiasReportService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
  ) {}

  async report(actor: Actor, roundId: string, spreadThreshold?: number) {
    const round = await this.rounds.managed(actor, roundId);
    const [scores, judges, projects] = await Promise.all([
      this.prisma.score.findMany({
        where: { roundId, status: 'SUBMITTED' },
        select: { judgeId: true, projectId: true, total: true },
      }),
      this.prisma.roundJudge.findMany({ where: { roundId } }),
      this.prisma.roundProject.findMany({ where: { roundId } }),
    ]);
    const positions =
      round.kind === 'ROADSHOW' && round.pitchOrder.length
        ? new Map(round.pitchOrder.map((id, i) => [id, i + 1]))
        : undefined;
    const report = biasReport(scores, { spreadThreshold, positions });
    const judgeName = new Map(judges.map((j) => [j.judgeId, j.name]));
    const title = new Map(projects.map((p) => [p.projectId, p.title]));
    return {
      roundId,
      advisory: true as const,
      spreadThreshold: spreadThreshold ?? 15,
      ...report,
      judges: report.judges.map((j) => ({ ...j, judgeName: judgeName.get(j.judgeId) ?? '' })),
      projects: report.projects.map((p) => ({ ...p, title: title.get(p.projectId) ?? '' })),
    };
  }
}
