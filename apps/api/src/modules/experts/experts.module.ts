import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { ImportsModule } from '../imports/imports.module';
import { JudgingModule } from '../judging/judging.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { ExpertDrawsService } from './expert-draws.service';
import { ExpertPoolService } from './expert-pool.service';
import { ExpertsController } from './experts.controller';

// The expert pool (专家库), the recorded draw of a round's experts and their
// invitations (issue 22). Owns experts, expert_draws and expert_invitations;
// rounds and panels are judging's (ExpertPanelService), accounts identity's,
// spreadsheets are read by imports' reader.
@Module({
  imports: [IdentityModule, ImportsModule, JudgingModule, NotificationsModule],
  controllers: [ExpertsController],
  providers: [ExpertPoolService, ExpertDrawsService],
})
export class ExpertsModule {}
