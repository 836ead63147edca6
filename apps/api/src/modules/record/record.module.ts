import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { AppealsService } from '../due-process/appeals.service';
import { DiligenceService } from '../due-process/diligence.service';
import { DueProcessModule } from '../due-process/due-process.module';
import { ObjectionsService } from '../due-process/objections.service';
import { PlacesService } from '../due-process/places.service';
import { ExportsModule } from '../exports/exports.module';
import { SignedSheetExport } from '../exports/signed-sheet.export';
import { HeatsModule } from '../heats/heats.module';
import { JudgingModule } from '../judging/judging.module';
import { RoundsService } from '../judging/rounds.service';
import { SignOffService } from '../judging/sign-off.service';
import { RegistrationModule } from '../registration/registration.module';
import { EvidencePackService } from './evidence-pack.service';
import { EVIDENCE_SECTIONS, EvidenceSection } from './evidence-sections';
import { RecordController } from './record.controller';
import { signedSheetsSection } from './signed-sheets.section';

// The official record (evidence packs). Other contexts add their sections
// through EVIDENCE_SECTIONS (see evidence-sections.ts): the judging module's
// signed sheets (printed by the exports module), the due-process module's
// objections, appeals, due diligence and withdrawal letters. None of those modules imports this
// one, so there is no cycle to break.
@Module({
  imports: [
    CompetitionsModule,
    HeatsModule,
    JudgingModule,
    RegistrationModule,
    ExportsModule,
    DueProcessModule,
  ],
  controllers: [RecordController],
  providers: [
    EvidencePackService,
    {
      provide: EVIDENCE_SECTIONS,
      useFactory: (
        rounds: RoundsService,
        signOff: SignOffService,
        sheets: SignedSheetExport,
        objections: ObjectionsService,
        appeals: AppealsService,
        diligence: DiligenceService,
        places: PlacesService,
      ): EvidenceSection[] => [
        signedSheetsSection(rounds, signOff, sheets),
        objections.evidenceSection(),
        appeals.evidenceSection(),
        diligence.evidenceSection(),
        places.evidenceSection(),
      ],
      inject: [
        RoundsService,
        SignOffService,
        SignedSheetExport,
        ObjectionsService,
        AppealsService,
        DiligenceService,
        PlacesService,
      ],
    },
  ],
  exports: [EvidencePackService],
})
export class RecordModule {}
