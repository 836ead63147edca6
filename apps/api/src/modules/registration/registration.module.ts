import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { IdentityModule } from '../identity/identity.module';
import { FileLookupModule } from '../files/file-lookup.module';
import { JudgeAccessModule } from '../judging/judge-access.module';
import { EligibilityController } from './eligibility.controller';
import { EligibilityService } from './eligibility.service';
import { RegistrationFileFields } from './file-fields.service';
import { ProjectImportService } from './project-import.service';
import { ProjectsController } from './projects.controller';
import { RegistrationService } from './registration.service';
import { RegistrationFormController } from './form/registration-form.controller';
import { RegistrationFormService } from './form/registration-form.service';

@Module({
  imports: [CompetitionsModule, IdentityModule, JudgeAccessModule, FileLookupModule],
  controllers: [ProjectsController, EligibilityController, RegistrationFormController],
  providers: [
    RegistrationService,
    EligibilityService,
    ProjectImportService,
    RegistrationFileFields,
    RegistrationFormService,
  ],
  exports: [
    RegistrationService,
    ProjectImportService,
    RegistrationFileFields,
    RegistrationFormService,
  ],
})
export class RegistrationModule {}
