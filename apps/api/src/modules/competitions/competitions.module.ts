import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { CompetitionEditsService } from './competition-edits.service';
import { CompetitionsController } from './competitions.controller';
import { CompetitionsService } from './competitions.service';
import { OrganisersController } from './organisers.controller';
import { OrganisersService } from './organisers.service';

@Module({
  imports: [IdentityModule],
  controllers: [CompetitionsController, OrganisersController],
  providers: [CompetitionsService, CompetitionEditsService, OrganisersService],
  exports: [CompetitionsService, CompetitionEditsService],
})
export class CompetitionsModule {}
