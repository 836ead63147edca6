import { Injectable } from '@nestjs/common';
import { Actor, AggregationMethod, DomainError, mayReveal, revealCard } from '@app/domain';
import { PrismaService, appendAudit } from '@app/database';
import { RANKING_UPDATED_CHANNEL } from '@app/events';
import { RevealCardDto, RoadshowSettingsDto } from './dto/live.dto';
import { RoadshowSettingsService } from './roadshow-settings.service';
import { RoundsService } from './rounds.service';

interface RoundRef {
  id: string;
  method: string;
  trim: number;
}

/**
 * 现场亮分: a project's score shown in the hall with each judge's total and
 * the dropped ones marked, never before every judge of the project has
 * submitted; in HOST mode only after the host's click as well.
 */
@Injectable()
export class RevealService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
    private readonly settings: RoadshowSettingsService,
  ) {}

  async reveal(actor: Actor, roundId: string, projectId: string): Promise<RevealCardDto> {
    const round = await this.rounds.managed(actor, roundId);
    const settings = await this.settings.of(roundId);
    if (settings.revealMode !== 'HOST')
      throw DomainError.of(
        'REVEAL_BY_HOST_ONLY_IN_HOST_MODE',
        'this round reveals each score once every judge has submitted',
      );
    const project = await this.prisma.roundProject.findUnique({
      where: { roundId_projectId: { roundId, projectId } },
    });
    if (!project) throw DomainError.of('PROJECT_NOT_IN_ROUND', 'the project is not in this round');
    const progress = await this.progress(roundId, projectId);
    if (!mayReveal(progress.assigned, progress.submitted))
      throw DomainError.of(
        'REVEAL_NOT_COMPLETE',
        {
          projectTitle: project.title,
          submitted: progress.submitted.length,
          assigned: progress.assigned.length,
        },
        'not every judge of the project has submitted',
      );
    await this.prisma.$transaction(async (tx) => {
      const inserted = await tx.$executeRaw`
        INSERT INTO project_reveals (round_id, project_id, revealed_at, revealed_by)
        VALUES (${roundId}::uuid, ${projectId}::uuid, clock_timestamp(), ${actor.id}::uuid)
        ON CONFLICT DO NOTHING`;
      if (inserted === 0) return; // revealed already: the same card again
      await appendAudit(tx, {
        competitionId: round.competitionId,
        actorId: actor.id,
        action: 'round.score-revealed',
        entityType: 'project',
        entityId: projectId,
        data: { roundId },
      });
      await tx.$executeRaw`SELECT pg_notify(${RANKING_UPDATED_CHANNEL}, ${roundId})`;
    });
    return (await this.card(round, projectId, settings))!;
  }

  // The card of one project, or null while it may not be shown.
  async card(
    round: RoundRef,
    projectId: string,
    known?: RoadshowSettingsDto,
  ): Promise<RevealCardDto | null> {
    const settings = known ?? (await this.settings.of(round.id));
    const progress = await this.progress(round.id, projectId);
    if (!mayReveal(progress.assigned, progress.submitted)) return null;
    let revealedAt: Date;
    if (settings.revealMode === 'HOST') {
      const row = await this.prisma.projectReveal.findUnique({
        where: { roundId_projectId: { roundId: round.id, projectId } },
      });
      if (!row) return null;
      revealedAt = row.revealedAt;
    } else revealedAt = progress.lastSubmittedAt!;
    // 评委k numbers the panel in a fixed order that says nothing of who is who.
    const panel = await this.prisma.roundJudge.findMany({
      where: { roundId: round.id },
      orderBy: { judgeId: 'asc' },
      select: { judgeId: true, name: true },
    });
    const labelOf = new Map(
      panel.map((j, i) => [j.judgeId, settings.judgeLabels === 'NAME' ? j.name : `评委${i + 1}`]),
    );
    const seat = new Map(panel.map((j, i) => [j.judgeId, i]));
    const scores = progress.scores.sort((a, b) => seat.get(a.judgeId)! - seat.get(b.judgeId)!);
    const card = revealCard(
      round.method as AggregationMethod,
      round.trim,
      scores.map((s) => ({
        judgeId: s.judgeId,
        label: labelOf.get(s.judgeId) ?? '',
        total: s.total,
      })),
    );
    return {
      projectId,
      title: progress.title,
      entries: card.entries.map((e) => ({ label: e.label, total: e.total, dropped: e.dropped })),
      score: card.score,
      revealedAt,
    };
  }

  // Projects whose score the hall may see: complete, and in HOST mode revealed.
  async revealedIds(roundId: string, settings: RoadshowSettingsDto): Promise<Set<string> | null> {
    if (settings.revealMode !== 'HOST') return null; // every complete score
    const rows = await this.prisma.projectReveal.findMany({
      where: { roundId },
      select: { projectId: true },
    });
    return new Set(rows.map((r) => r.projectId));
  }

  private async progress(roundId: string, projectId: string) {
    const [assignments, scores, project] = await Promise.all([
      this.prisma.assignment.findMany({ where: { roundId, projectId }, select: { judgeId: true } }),
      this.prisma.score.findMany({
        where: { roundId, projectId, status: 'SUBMITTED' },
        select: { judgeId: true, total: true, submittedAt: true },
      }),
      this.prisma.roundProject.findUnique({
        where: { roundId_projectId: { roundId, projectId } },
        select: { title: true },
      }),
    ]);
    const assigned = assignments.map((a) => a.judgeId);
    // Every submitted score counts, as in the ranking the worker computes.
    const counted = scores;
    const last = counted.reduce<Date | null>(
      (m, s) => (s.submittedAt && (!m || s.submittedAt > m) ? s.submittedAt : m),
      null,
    );
    return {
      assigned,
      submitted: counted.map((s) => s.judgeId),
      scores: counted,
      lastSubmittedAt: last,
      title: project?.title ?? '',
    };
  }
}
