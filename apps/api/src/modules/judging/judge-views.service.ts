import { Injectable } from '@nestjs/common';
import { Actor, Criterion, DomainError, blindForJudge } from '@app/domain';
import { PrismaService } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { RegistrationService } from '../registration/registration.service';
import { JudgeProjectDto, JudgeRoundDto, JudgeRoundSummaryDto } from './dto/judge-view.dto';

/**
 * What a judge's phone shows: the rounds the judge sits on with their rubric
 * and the judge's own progress, and the materials of assigned projects.
 * Anything not the caller's answers 404.
 */
@Injectable()
export class JudgeViewsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly registration: RegistrationService,
    private readonly competitions: CompetitionsService,
  ) {}

  async myRounds(actor: Actor): Promise<JudgeRoundSummaryDto[]> {
    const seats = await this.prisma.roundJudge.findMany({ where: { judgeId: actor.id } });
    const assigned = await this.prisma.assignment.findMany({ where: { judgeId: actor.id } });
    const roundIds = [...new Set([...seats, ...assigned].map((s) => s.roundId))];
    const rounds = await this.prisma.round.findMany({
      where: { id: { in: roundIds } },
      orderBy: [{ createdAt: 'desc' }],
    });
    const submitted = await this.prisma.score.groupBy({
      by: ['roundId'],
      where: { judgeId: actor.id, status: 'SUBMITTED', roundId: { in: roundIds } },
      _count: { _all: true },
    });
    return rounds.map((r) => ({
      ...this.summary(r),
      progress: {
        assigned: assigned.filter((a) => a.roundId === r.id).length,
        submitted: submitted.find((s) => s.roundId === r.id)?._count._all ?? 0,
      },
    }));
  }

  async round(actor: Actor, roundId: string): Promise<JudgeRoundDto> {
    const round = await this.prisma.round.findUnique({ where: { id: roundId } });
    const seat = await this.prisma.roundJudge.findUnique({
      where: { roundId_judgeId: { roundId, judgeId: actor.id } },
    });
    const assignments = await this.prisma.assignment.findMany({
      where: { roundId, judgeId: actor.id },
    });
    if (!round || (!seat && assignments.length === 0)) throw DomainError.notFound('round', roundId);
    const projectIds = assignments.map((a) => a.projectId);
    const [projects, scores] = await Promise.all([
      this.prisma.roundProject.findMany({ where: { roundId, projectId: { in: projectIds } } }),
      this.prisma.score.findMany({
        where: { roundId, judgeId: actor.id, projectId: { in: projectIds } },
      }),
    ]);
    const position = (id: string) => {
      const i = round.pitchOrder.indexOf(id);
      return i < 0 ? null : i + 1;
    };
    const items = projects
      .map((p) => {
        const score = scores.find((s) => s.projectId === p.projectId);
        return {
          projectId: p.projectId,
          title: p.title,
          // Blind review: judges see neither organisation nor team.
          organisationName: round.blind ? null : p.organisationName,
          scoreStatus: score ? score.status : ('NOT_STARTED' as const),
          total: score ? score.total : null,
          pitchPosition: position(p.projectId),
        };
      })
      .sort(
        (a, b) =>
          (a.pitchPosition ?? Infinity) - (b.pitchPosition ?? Infinity) ||
          a.title.localeCompare(b.title, 'zh-CN'),
      );
    return {
      ...this.summary(round),
      trim: round.trim,
      criteria: round.criteria as unknown as Criterion[],
      nowPitchingProjectId: round.nowPitchingProjectId,
      progress: {
        assigned: items.length,
        submitted: items.filter((i) => i.scoreStatus === 'SUBMITTED').length,
      },
      projects: items,
    };
  }

  async project(actor: Actor, roundId: string, projectId: string): Promise<JudgeProjectDto> {
    const assignment = await this.prisma.assignment.findUnique({
      where: { roundId_judgeId_projectId: { roundId, judgeId: actor.id, projectId } },
    });
    if (!assignment) throw DomainError.notFound('project', projectId);
    const round = await this.prisma.round.findUniqueOrThrow({
      where: { id: roundId },
      select: { blind: true },
    });
    const materials = await this.registration.materialsForJudge(projectId, round.blind);
    if (!materials) throw DomainError.notFound('project', projectId);
    const [competition, score] = await Promise.all([
      this.competitions.get(materials.competitionId),
      this.prisma.score.findUnique({
        where: { roundId_judgeId_projectId: { roundId, judgeId: actor.id, projectId } },
      }),
    ]);
    const { competitionId: _competitionId, ...materialsView } = materials;
    // The one blind-review rule every judge-facing project view applies.
    const visible = blindForJudge(materialsView, round.blind);
    return {
      ...visible,
      roundId,
      trackName: competition.tracks.find((t) => t.code === materials.trackCode)?.name ?? '',
      myScore: score && {
        scores: score.scores as Record<string, number>,
        comment: score.comment,
        total: score.total,
        status: score.status,
        submittedAt: score.submittedAt,
      },
    };
  }

  private summary(r: {
    id: string;
    name: string;
    kind: string;
    status: 'DRAFT' | 'OPEN' | 'CLOSED';
    method: 'MEAN' | 'TRIMMED_MEAN' | 'ZSCORE';
    heatName: string;
    closesAt: Date | null;
  }) {
    return {
      id: r.id,
      name: r.name,
      kind: r.kind,
      status: r.status,
      method: r.method,
      heatName: r.heatName,
      closesAt: r.closesAt,
    };
  }
}
