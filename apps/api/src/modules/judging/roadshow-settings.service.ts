import { Injectable } from '@nestjs/common';
import { Actor, DEFAULT_OBJECTION_MINUTES, DomainError } from '@app/domain';
import { PrismaService, appendAudit } from '@app/database';
import { RANKING_UPDATED_CHANNEL } from '@app/events';
import { RoadshowSettingsDto } from './dto/live.dto';
import { RoundsService } from './rounds.service';

// A round without settings runs the most common format (FIELD.md: 8+7, a
// minute's warning), reveals by itself and numbers its judges.
export const DEFAULT_ROADSHOW_SETTINGS: RoadshowSettingsDto = {
  pitchMinutes: 8,
  qaMinutes: 7,
  warningSeconds: 60,
  revealMode: 'AUTO',
  judgeLabels: 'NUMBER',
  objectionMinutes: DEFAULT_OBJECTION_MINUTES,
  // A round whose day was never set up closes as before; the organiser turns
  // 签字确认 on with the settings.
  signOffRequired: false,
};

@Injectable()
export class RoadshowSettingsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
  ) {}

  async of(roundId: string): Promise<RoadshowSettingsDto> {
    const row = await this.prisma.roundRoadshowSettings.findUnique({ where: { roundId } });
    if (!row) return { ...DEFAULT_ROADSHOW_SETTINGS };
    return {
      pitchMinutes: row.pitchMinutes,
      qaMinutes: row.qaMinutes,
      warningSeconds: row.warningSeconds,
      revealMode: row.revealMode === 'HOST' ? 'HOST' : 'AUTO',
      judgeLabels: row.judgeLabels === 'NAME' ? 'NAME' : 'NUMBER',
      objectionMinutes: row.objectionMinutes,
      signOffRequired: row.signOffRequired,
    };
  }

  async read(actor: Actor, roundId: string): Promise<RoadshowSettingsDto> {
    await this.rounds.managed(actor, roundId);
    return this.of(roundId);
  }

  // Stated before the day; a closed round's record does not change.
  async update(
    actor: Actor,
    roundId: string,
    dto: RoadshowSettingsDto,
  ): Promise<RoadshowSettingsDto> {
    const round = await this.rounds.managed(actor, roundId);
    if (round.status === 'CLOSED')
      throw DomainError.of(
        'ROUND_CLOSED',
        'the round is closed; its roadshow settings are part of its record',
      );
    const before = await this.of(roundId);
    const data = {
      pitchMinutes: dto.pitchMinutes,
      qaMinutes: dto.qaMinutes,
      warningSeconds: dto.warningSeconds,
      revealMode: dto.revealMode,
      judgeLabels: dto.judgeLabels,
      objectionMinutes: dto.objectionMinutes ?? before.objectionMinutes!,
      signOffRequired: dto.signOffRequired ?? before.signOffRequired!,
    };
    await this.prisma.$transaction(async (tx) => {
      await tx.roundRoadshowSettings.upsert({
        where: { roundId },
        create: { roundId, ...data },
        update: data,
      });
      await appendAudit(tx, {
        competitionId: round.competitionId,
        actorId: actor.id,
        action: 'round.roadshow-settings-changed',
        entityType: 'round',
        entityId: roundId,
        data: { before, after: data },
      });
      await tx.$executeRaw`SELECT pg_notify(${RANKING_UPDATED_CHANNEL}, ${roundId})`;
    });
    return data;
  }
}
