import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { IdentityModule } from '../identity/identity.module';
import { JudgeAccessService } from '../judging/judge-access.service';
import { ProjectsController } from './projects.controller';
import { RegistrationService } from './registration.service';

@Module({
  imports: [CompetitionsModule, IdentityModule],
  controllers: [ProjectsController],
  providers: [RegistrationService, JudgeAccessService],
  exports: [RegistrationService],
})
export class RegistrationModule {}
