import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { MailHealthService } from './mail-health.service';
import { NotificationActionsController } from './notification-actions.controller';
import { NotificationActionsService } from './notification-actions.service';
import { NotificationsController } from './notifications.controller';

@Module({
  imports: [CompetitionsModule],
  controllers: [NotificationsController, NotificationActionsController],
  providers: [NotificationActionsService, MailHealthService],
  exports: [MailHealthService],
})
export class NotificationsModule {}
