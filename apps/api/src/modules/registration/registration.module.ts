import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { IdentityModule } from '../identity/identity.module';
import { JudgeAccessService } from '../judging/judge-access.service';
import { EligibilityController } from './eligibility.controller';
import { EligibilityService } from './eligibility.service';
import { ProjectImportService } from './project-import.service';
import { ProjectsController } from './projects.controller';
import { RegistrationService } from './registration.service';

@Module({
  imports: [CompetitionsModule, IdentityModule],
  controllers: [ProjectsController, EligibilityController],
  providers: [RegistrationService, EligibilityService, JudgeAccessService, ProjectImportService],
  exports: [RegistrationService, ProjectImportService],
})
export class RegistrationModule {}
