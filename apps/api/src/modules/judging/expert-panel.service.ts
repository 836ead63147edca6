import { Injectable } from '@nestjs/common';
import { Actor, DomainError } from '@app/domain';
import { PrismaService } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { assertChangeable } from './round-changes';
import { RoundPanelService } from './round-panel.service';
import { RoundsService } from './rounds.service';

// What the experts context asks of judging for a draw: the round with what
// recusal needs (its projects' units and people, the heat's region, who judged
// which of these projects in earlier rounds), and seating an accepted expert
// on the round's panel (round_judges, then the existing assignment routes).
@Injectable()
export class ExpertPanelService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
    private readonly panel: RoundPanelService,
    private readonly competitions: CompetitionsService,
  ) {}

  async drawContext(actor: Actor, roundId: string, judgeIds: string[]) {
    const round = await this.rounds.managed(actor, roundId);
    const [heat, projects, earlierRounds] = await Promise.all([
      this.competitions.getHeat(round.heatId),
      this.panel.conflictProfiles(round.heatId),
      this.prisma.round.findMany({
        where: {
          competitionId: round.competitionId,
          id: { not: roundId },
          createdAt: { lt: round.createdAt },
        },
        select: { id: true },
      }),
    ]);
    const ids = projects.map((p) => p.id);
    const earlier = judgeIds.length
      ? await this.prisma.assignment.findMany({
          where: {
            roundId: { in: earlierRounds.map((r) => r.id) },
            judgeId: { in: judgeIds },
            projectId: { in: ids },
          },
          select: { judgeId: true, projectId: true },
        })
      : [];
    const judged = new Map<string, string[]>();
    for (const a of earlier) judged.set(a.judgeId, [...(judged.get(a.judgeId) ?? []), a.projectId]);
    return {
      round: {
        id: round.id,
        name: round.name,
        competitionId: round.competitionId,
        status: round.status,
        region: heat.region ?? null,
      },
      projects: projects.map((p) => ({
        id: p.id,
        unit: p.organisationName,
        province: p.province,
        people: [
          ...p.teamNames,
          ...p.teamEmails.filter((e): e is string => !!e),
          p.ownerEmail ?? '',
        ].filter(Boolean),
      })),
      judged,
    };
  }

  async roundNames(ids: string[]) {
    return this.rounds.namesOf(ids);
  }

  /** A judge account joins the round's panel (no-op when it is on it already). */
  async seat(
    roundId: string,
    judge: { id: string; name: string; email: string; locale: string; affiliation: string | null },
  ) {
    const round = await this.prisma.round.findUnique({ where: { id: roundId } });
    if (!round) throw DomainError.notFound('round', roundId);
    await this.prisma.$transaction(async (tx) => {
      await assertChangeable(tx, roundId);
      await tx.roundJudge.createMany({
        data: [
          {
            roundId,
            judgeId: judge.id,
            name: judge.name,
            email: judge.email,
            locale: judge.locale,
            affiliation: judge.affiliation,
          },
        ],
        skipDuplicates: true,
      });
    });
  }
}
