import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PrismaService, closeRound, openRound, requestReminder } from '@app/database';
import { DEFAULT_TIME_ZONE } from '@app/domain';
import { PeriodicTask } from '../periodic-task';

// Opens and closes rounds at their opensAt/closesAt, and once per round sends
// judges with missing scores a reminder REMINDER_BEFORE_CLOSE_MS before it
// closes. Every change is conditional on the row's state, so several workers
// may run this at once without doing anything twice.
@Injectable()
export class RoundSchedulerService extends PeriodicTask {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    logger: PinoLogger,
  ) {
    super(logger, config.SCHEDULER_INTERVAL_MS);
    this.logger.setContext('RoundScheduler');
  }

  protected async runOnce(): Promise<void> {
    const now = new Date();
    // Opening plans the judges' assignment mails, as an organiser's open does.
    const toOpen = await this.prisma.round.findMany({
      where: { status: 'DRAFT', opensAt: { lte: now } },
      select: { id: true, competitionId: true },
    });
    for (const r of toOpen) {
      const timeZone = await this.timeZoneOf(r.competitionId);
      if (await this.prisma.$transaction((tx) => openRound(tx, r.id, timeZone, now)))
        this.logger.info({ roundId: r.id }, 'round opened on schedule');
    }

    const due = await this.prisma.round.findMany({
      where: { status: 'OPEN', closesAt: { lte: now } },
      select: { id: true },
    });
    for (const r of due) {
      if (await this.prisma.$transaction((tx) => closeRound(tx, r.id)))
        this.logger.info({ roundId: r.id }, 'round closed on schedule');
    }

    const remindBefore = new Date(now.getTime() + this.config.REMINDER_BEFORE_CLOSE_MS);
    const toRemind = await this.prisma.round.findMany({
      where: { status: 'OPEN', reminderSentAt: null, closesAt: { lte: remindBefore, gt: now } },
    });
    for (const round of toRemind) {
      const judges = await this.prisma.$transaction(async (tx) => {
        const claimed = await tx.round.updateMany({
          where: { id: round.id, reminderSentAt: null },
          data: { reminderSentAt: now },
        });
        if (claimed.count !== 1) return -1;
        return requestReminder(
          tx,
          round,
          round.heatName,
          await this.timeZoneOf(round.competitionId),
        );
      });
      if (judges >= 0)
        this.logger.info({ roundId: round.id, judges }, 'scheduled score reminder sent');
    }
  }

  // The deadline in a mail reads in the competition's own zone.
  private async timeZoneOf(competitionId: string): Promise<string> {
    const competition = await this.prisma.competition.findUnique({
      where: { id: competitionId },
      select: { timeZone: true },
    });
    return competition?.timeZone ?? DEFAULT_TIME_ZONE;
  }
}
