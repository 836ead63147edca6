import { Injectable } from '@nestjs/common';
import { Actor, Criterion, roundHalfAwayFromZero } from '@app/domain';
import { PrismaService } from '@app/database';
import { RoundsService } from './rounds.service';

export interface ScoreSheetProject {
  projectId: string;
  title: string;
  organisationName: string;
  status: 'SUBMITTED' | 'DRAFT' | 'MISSING';
  scores: Record<string, number> | null;
  // The judge's total, rounded like every reported score.
  total: number | null;
  comment: string | null;
  submittedAt: Date | null;
}

export interface ScoreSheet {
  round: {
    id: string;
    name: string;
    heatName: string;
    competitionId: string;
    status: string;
    criteria: Criterion[];
  };
  judges: {
    judgeId: string;
    name: string;
    email: string;
    affiliation: string | null;
    projects: ScoreSheetProject[];
  }[];
}

// Each judge's scores in a round, project by project, as the paper score
// sheet (评分表) organisers have judges sign: assigned projects without a
// score are listed too, so a blank is visible rather than missing.
@Injectable()
export class ScoreSheetService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
  ) {}

  // Whose score on which project, for a set of scores (the audit log names them).
  async subjectsOf(ids: string[]): Promise<Map<string, { projectId: string; judgeId: string }>> {
    if (!ids.length) return new Map();
    const rows = await this.prisma.score.findMany({
      where: { id: { in: ids } },
      select: { id: true, projectId: true, judgeId: true },
    });
    return new Map(rows.map((r) => [r.id, { projectId: r.projectId, judgeId: r.judgeId }]));
  }

  async forRound(actor: Actor, roundId: string): Promise<ScoreSheet> {
    const round = await this.rounds.managed(actor, roundId);
    const [judges, assignments, projects, scores] = await Promise.all([
      this.prisma.roundJudge.findMany({
        where: { roundId },
        orderBy: [{ name: 'asc' }, { judgeId: 'asc' }],
      }),
      this.prisma.assignment.findMany({ where: { roundId } }),
      this.prisma.roundProject.findMany({ where: { roundId } }),
      this.prisma.score.findMany({ where: { roundId } }),
    ]);
    const projectOf = new Map(projects.map((p) => [p.projectId, p]));
    const scoreOf = new Map(scores.map((s) => [`${s.judgeId}:${s.projectId}`, s]));
    return {
      round: {
        id: round.id,
        name: round.name,
        heatName: round.heatName,
        competitionId: round.competitionId,
        status: round.status,
        criteria: round.criteria as unknown as Criterion[],
      },
      judges: judges.map((j) => {
        const mine = new Set([
          ...assignments.filter((a) => a.judgeId === j.judgeId).map((a) => a.projectId),
          ...scores.filter((s) => s.judgeId === j.judgeId).map((s) => s.projectId),
        ]);
        return {
          judgeId: j.judgeId,
          name: j.name,
          email: j.email,
          affiliation: j.affiliation,
          projects: [...mine]
            .map((projectId): ScoreSheetProject => {
              const p = projectOf.get(projectId);
              const s = scoreOf.get(`${j.judgeId}:${projectId}`);
              return {
                projectId,
                title: p?.title ?? '',
                organisationName: p?.organisationName ?? '',
                status: s ? s.status : 'MISSING',
                scores: s ? (s.scores as Record<string, number>) : null,
                total: s ? roundHalfAwayFromZero(s.total) : null,
                comment: s?.comment ?? null,
                submittedAt: s?.submittedAt ?? null,
              };
            })
            .sort(
              (a, b) =>
                a.title.localeCompare(b.title, 'zh-CN') || a.projectId.localeCompare(b.projectId),
            ),
        };
      }),
    };
  }
}
