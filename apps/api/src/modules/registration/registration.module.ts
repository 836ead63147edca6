import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { IdentityModule } from '../identity/identity.module';
import { JudgeAccessModule } from '../judging/judge-access.module';
import { EligibilityController } from './eligibility.controller';
import { EligibilityService } from './eligibility.service';
import { RegistrationFileFields } from './file-fields.service';
import { ProjectImportService } from './project-import.service';
import { ProjectsController } from './projects.controller';
import { RegistrationService } from './registration.service';

@Module({
  imports: [CompetitionsModule, IdentityModule, JudgeAccessModule],
  controllers: [ProjectsController, EligibilityController],
  providers: [
    RegistrationService,
    EligibilityService,
    ProjectImportService,
    RegistrationFileFields,
  ],
  exports: [RegistrationService, ProjectImportService, RegistrationFileFields],
})
export class RegistrationModule {}
