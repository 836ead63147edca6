import { Inject, Injectable } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@app/config';
import { PrismaService, dueOffers, duePublicities, endOffer, settlePublicity } from '@app/database';
import { PeriodicTask } from '../periodic-task';

// Due process by the clock (docs/due-process.md): a 公示 whose period has
// ended becomes final by itself when no objection is open (else it is held
// until the last one is decided), and an offered place (递补) whose deadline
// passed unanswered goes to the next in the ranking. Each step is conditional
// on the row's state under the 公示's lock, so several workers, or a worker
// and an organiser's click, never do it twice; each is audited.
@Injectable()
export class DueProcessSchedulerService extends PeriodicTask {
  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) config: AppConfig,
    logger: PinoLogger,
  ) {
    super(logger, config.SCHEDULER_INTERVAL_MS);
    this.logger.setContext('DueProcessScheduler');
  }

  protected async runOnce(): Promise<void> {
    const now = new Date();
    for (const p of await duePublicities(this.prisma, now)) {
      const status = await this.prisma.$transaction((tx) => settlePublicity(tx, p.id, now, null));
      if (status) this.logger.info({ publicityId: p.id, status }, '公示 period ended');
    }
    for (const o of await dueOffers(this.prisma, now)) {
      if (await this.prisma.$transaction((tx) => endOffer(tx, o.id, 'EXPIRED', now, null)))
        this.logger.info({ offerId: o.id }, 'offered place expired; passed on');
    }
  }
}
