import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { IdentityModule } from '../identity/identity.module';
import { JudgeAccessModule } from '../judging/judge-access.module';
import { EligibilityController } from './eligibility.controller';
import { EligibilityService } from './eligibility.service';
import { ProjectImportService } from './project-import.service';
import { ProjectsController } from './projects.controller';
import { RegistrationService } from './registration.service';
import { RegistrationFormController } from './form/registration-form.controller';
import { RegistrationFormService } from './form/registration-form.service';

@Module({
  imports: [CompetitionsModule, IdentityModule, JudgeAccessModule],
  controllers: [ProjectsController, EligibilityController, RegistrationFormController],
  providers: [
    RegistrationService,
    EligibilityService,
    ProjectImportService,
    RegistrationFormService,
  ],
  exports: [RegistrationService, ProjectImportService, RegistrationFormService],
})
export class RegistrationModule {}
