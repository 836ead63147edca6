import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { IdentityModule } from '../identity/identity.module';
import { RegistrationModule } from '../registration/registration.module';
import { RankingStreamService } from './ranking-stream.service';
import { RankingsController } from './rankings.controller';
import { RankingsService } from './rankings.service';
import { RoundsController } from './rounds.controller';
import { RoundsService } from './rounds.service';
import { ScoringController } from './scoring.controller';
import { ScoringService } from './scoring.service';

@Module({
  imports: [CompetitionsModule, IdentityModule, RegistrationModule],
  controllers: [RoundsController, ScoringController, RankingsController],
  providers: [RoundsService, ScoringService, RankingsService, RankingStreamService],
  exports: [RankingsService],
})
export class JudgingModule {}
