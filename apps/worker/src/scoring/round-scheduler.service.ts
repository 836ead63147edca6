import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PrismaService, closeRound, requestReminder } from '@app/database';

// Opens and closes rounds at their opensAt/closesAt, and once per round sends
// judges with missing scores a reminder REMINDER_BEFORE_CLOSE_MS before it
// closes. Every change is conditional on the row's state, so several workers
// may run this at once without doing anything twice.
@Injectable()
export class RoundSchedulerService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly logger: PinoLogger,
  ) {
    this.logger.setContext('RoundScheduler');
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.SCHEDULER_INTERVAL_MS);
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const now = new Date();
      const opened = await this.prisma.round.updateManyAndReturn({
        where: { status: 'DRAFT', opensAt: { lte: now } },
        data: { status: 'OPEN', openedAt: now },
        select: { id: true },
      });
      for (const r of opened) this.logger.info({ roundId: r.id }, 'round opened on schedule');

      const due = await this.prisma.round.findMany({ where: { status: 'OPEN', closesAt: { lte: now } }, select: { id: true } });
      for (const r of due) {
        if (await this.prisma.$transaction((tx) => closeRound(tx, r.id))) this.logger.info({ roundId: r.id }, 'round closed on schedule');
      }

      const remindBefore = new Date(now.getTime() + this.config.REMINDER_BEFORE_CLOSE_MS);
      const toRemind = await this.prisma.round.findMany({
        where: { status: 'OPEN', reminderSentAt: null, closesAt: { lte: remindBefore, gt: now } },
      });
      for (const round of toRemind) {
        const judges = await this.prisma.$transaction(async (tx) => {
          const claimed = await tx.round.updateMany({ where: { id: round.id, reminderSentAt: null }, data: { reminderSentAt: now } });
          return claimed.count === 1 ? requestReminder(tx, round, round.heatName) : -1;
        });
        if (judges >= 0) this.logger.info({ roundId: round.id, judges }, 'scheduled score reminder sent');
      }
    } catch (error) {
      this.logger.warn({ err: String(error) }, 'round scheduling failed; will try again');
    } finally {
      this.busy = false;
    }
  }
}
