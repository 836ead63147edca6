import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { FileLookupModule } from '../files/file-lookup.module';
import { IdentityModule } from '../identity/identity.module';
import { JudgingModule } from '../judging/judging.module';
import { RegistrationModule } from '../registration/registration.module';
import { ExportsController } from './exports.controller';
import { RegistrationListExport } from './registration-list.export';
import { ScoreSheetExport } from './score-sheet.export';
import { SignedSheetExport } from './signed-sheet.export';
import { SignedSheetsController } from './signed-sheets.controller';
import { StandingsExport } from './standings.export';

// Spreadsheets out: read-only over the other modules' services, no tables.
@Module({
  imports: [
    CompetitionsModule,
    IdentityModule,
    RegistrationModule,
    JudgingModule,
    FileLookupModule,
  ],
  controllers: [ExportsController, SignedSheetsController],
  providers: [RegistrationListExport, ScoreSheetExport, StandingsExport, SignedSheetExport],
  // The record module prints each judge's signed sheet into the evidence pack.
  exports: [SignedSheetExport],
})
export class ExportsModule {}
