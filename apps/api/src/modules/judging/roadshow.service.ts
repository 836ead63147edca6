import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Actor, DomainError, PitchRules, drawPitchOrder } from '@app/domain';
import { PrismaService, appendAudit } from '@app/database';
import { RANKING_UPDATED_CHANNEL } from '@app/events';
import {
  DrawPitchOrderDto,
  NowPitchingDto,
  NowPitchingResultDto,
  PitchOrderDto,
} from './dto/roadshow.dto';
import { RoundsService } from './rounds.service';

/**
 * The live roadshow (路演): the pitch order drawn by lot and the project on
 * stage. Both wake the big screens through the ranking channel, which the
 * api's stream turns into a new screen frame.
 */
@Injectable()
export class RoadshowService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
  ) {}

  async drawPitchOrder(
    actor: Actor,
    roundId: string,
    dto: DrawPitchOrderDto,
  ): Promise<PitchOrderDto> {
    const round = await this.rounds.managed(actor, roundId);
    const projects = await this.prisma.roundProject.findMany({ where: { roundId } });
    PitchRules.assertMayDraw(
      round.status,
      projects.length,
      round.pitchOrderDrawnAt !== null,
      dto.reason,
    );
    const seed = dto.seed ?? randomBytes(8).toString('hex');
    const order = drawPitchOrder(
      projects.map((p) => p.projectId),
      seed,
    );
    const drawnAt = new Date();
    await this.prisma.$transaction(async (tx) => {
      // Conditional on the draw this request saw: of two organisers drawing at
      // once, one wins and the other is told to look again.
      const updated = await tx.round.updateMany({
        where: {
          id: roundId,
          pitchOrderDrawnAt: round.pitchOrderDrawnAt,
          status: { not: 'CLOSED' },
        },
        data: { pitchSeed: seed, pitchOrder: order, pitchOrderDrawnAt: drawnAt },
      });
      if (updated.count !== 1)
        throw DomainError.of(
          'CHANGED_MEANWHILE',
          { resource: 'round' },
          'the round changed meanwhile; reload it',
        );
      await appendAudit(tx, {
        competitionId: round.competitionId,
        actorId: actor.id,
        action: round.pitchOrderDrawnAt ? 'round.pitch-order-redrawn' : 'round.pitch-order-drawn',
        entityType: 'round',
        entityId: roundId,
        reason: dto.reason?.trim() || null,
        data: { seed, order, previousSeed: round.pitchSeed, previousOrder: round.pitchOrder },
      });
      await tx.$executeRaw`SELECT pg_notify(${RANKING_UPDATED_CHANNEL}, ${roundId})`;
    });
    const byId = new Map(projects.map((p) => [p.projectId, p]));
    return {
      roundId,
      seed,
      drawnAt,
      order: order.map((projectId, i) => ({
        position: i + 1,
        projectId,
        title: byId.get(projectId)!.title,
        organisationName: byId.get(projectId)!.organisationName,
      })),
    };
  }

  async nowPitching(
    actor: Actor,
    roundId: string,
    dto: NowPitchingDto,
  ): Promise<NowPitchingResultDto> {
    const round = await this.rounds.managed(actor, roundId);
    const inRound = await this.prisma.roundProject.count({
      where: { roundId, projectId: dto.projectId },
    });
    PitchRules.assertMayPitch(round.status, inRound > 0);
    await this.prisma.$transaction(async (tx) => {
      const updated = await tx.round.updateMany({
        where: { id: roundId, status: 'OPEN' },
        data: { nowPitchingProjectId: dto.projectId },
      });
      if (updated.count !== 1)
        throw DomainError.of('ROUND_NOT_OPEN', { status: 'CLOSED' }, 'the round is no longer OPEN');
      await tx.$executeRaw`SELECT pg_notify(${RANKING_UPDATED_CHANNEL}, ${roundId})`;
    });
    return { roundId, projectId: dto.projectId };
  }
}
