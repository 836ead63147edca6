import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { MailHealthService } from './mail-health.service';
import { NotificationActionsController } from './notification-actions.controller';
import { NotificationActionsService } from './notification-actions.service';
import { NotificationsController } from './notifications.controller';
import { ReminderCountsService } from './reminder-counts.service';

@Module({
  imports: [CompetitionsModule],
  controllers: [NotificationsController, NotificationActionsController],
  providers: [NotificationActionsService, MailHealthService, ReminderCountsService],
  exports: [MailHealthService, ReminderCountsService],
})
export class NotificationsModule {}
