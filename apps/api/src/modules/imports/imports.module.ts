import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { IdentityModule } from '../identity/identity.module';
import { RegistrationModule } from '../registration/registration.module';
import { ImportRunner } from './import-runner.service';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { JudgeRosterService } from './judge-roster.service';
import { SheetParser } from './parse/sheet-parser.service';

// Spreadsheets in: judges and projects from .xlsx/.csv, with a dry run and
// progress. Owns import_jobs, import_rows and the judge list; accounts and
// projects are made through identity's and registration's services.
@Module({
  imports: [CompetitionsModule, IdentityModule, RegistrationModule],
  controllers: [ImportsController],
  providers: [ImportsService, ImportRunner, JudgeRosterService, SheetParser],
  exports: [ImportsService, SheetParser],
})
export class ImportsModule {}
