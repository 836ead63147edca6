import { Injectable } from '@nestjs/common';
import { Actor, DomainError } from '@app/domain';
import { PrismaService, missingScores, requestReminder } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { RoundsService } from './rounds.service';

// How far a round's scoring has come, and reminders for what is missing.
@Injectable()
export class RoundProgressService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
    private readonly competitions: CompetitionsService,
  ) {}

  async progress(actor: Actor, roundId: string) {
    await this.rounds.managed(actor, roundId);
    const [assignments, submitted, missing] = await Promise.all([
      this.prisma.assignment.count({ where: { roundId } }),
      this.prisma.score.count({ where: { roundId, status: 'SUBMITTED' } }),
      missingScores(this.prisma, roundId),
    ]);
    return {
      assignments,
      submitted,
      missing: missing.map((m) => ({ judgeId: m.judge.userId, projectIds: m.projectIds })),
    };
  }

  async remind(actor: Actor, roundId: string) {
    const round = await this.rounds.managed(actor, roundId);
    if (round.status !== 'OPEN')
      throw DomainError.of(
        'ROUND_NOT_OPEN',
        { status: round.status },
        `round is ${round.status}; reminders are for OPEN rounds`,
      );
    const timeZone = await this.competitions.timeZoneOf(round.competitionId);
    const judges = await this.prisma.$transaction((tx) =>
      requestReminder(tx, round, round.heatName, timeZone),
    );
    return { remindedJudges: judges };
  }
}
