import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/config';
import { CompetitionsModule } from '../competitions/competitions.module';
import { HeatsModule } from '../heats/heats.module';
import { IdentityModule } from '../identity/identity.module';
import { RegistrationModule } from '../registration/registration.module';
import {
  DiskStorage,
  FILE_STORAGE,
  FileStorage,
  S3Storage,
  s3SettingsFrom,
} from '../files/files.public';
import { AppealsService } from './appeals.service';
import { DiligenceService } from './diligence.service';
import { DueProcessController } from './due-process.controller';
import { ObjectionLimiter } from './objection-limiter';
import { ObjectionsService } from './objections.service';
import { PlacesService } from './places.service';
import { PublicController } from './public.controller';
import { PublicityService } from './publicity.service';
import { PublicityViewCache } from './publicity-view-cache';

// Due process after a decision (issue 21, docs/due-process.md): 公示,
// objections, appeals, due diligence and 递补. Owns due_process_settings,
// publicities, publicity_entries, objections, objection_evidence, appeals,
// place_offers and diligence_checks; moves heat results through the heats
// module's ResultChangeService. Evidence bytes go to the files module's
// storage driver (the same disk or S3 settings), under objections/.
@Module({
  imports: [CompetitionsModule, HeatsModule, IdentityModule, RegistrationModule],
  controllers: [PublicController, DueProcessController],
  providers: [
    PublicityService,
    PublicityViewCache,
    ObjectionsService,
    AppealsService,
    PlacesService,
    DiligenceService,
    ObjectionLimiter,
    {
      provide: FILE_STORAGE,
      useFactory: (config: AppConfig): FileStorage => {
        const s3 = s3SettingsFrom(config);
        return s3 ? new S3Storage(s3) : new DiskStorage(config.FILES_DIR);
      },
      inject: [APP_CONFIG],
    },
  ],
  // Their evidenceSection()s make the record module's evidence pack.
  exports: [ObjectionsService, AppealsService, DiligenceService, PlacesService],
})
export class DueProcessModule {}
