import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { IdentityModule } from '../identity/identity.module';
import { JudgingModule } from '../judging/judging.module';
import { RegistrationModule } from '../registration/registration.module';
import { AdvancementService } from './advancement.service';
import { AdvancementRecordService } from './advancement-record.service';
import { CompetitionDeletionController } from './competition-deletion.controller';
import { CompetitionDeletionService } from './competition-deletion.service';
import { AwardsService } from './awards.service';
import { EditingController } from './editing.controller';
import { EditingService } from './editing.service';
import { HeatsController } from './heats.controller';
import { ResultChangeService } from './result-change.service';
import { ResultsReleaseService } from './results-release.service';

@Module({
  imports: [CompetitionsModule, IdentityModule, JudgingModule, RegistrationModule],
  controllers: [HeatsController, EditingController, CompetitionDeletionController],
  providers: [
    AdvancementService,
    AdvancementRecordService,
    ResultsReleaseService,
    EditingService,
    AwardsService,
    CompetitionDeletionService,
    ResultChangeService,
  ],
  exports: [AdvancementService, ResultChangeService, AwardsService],
})
export class HeatsModule {}
