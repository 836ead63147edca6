import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module';
import { CompetitionsController } from './competitions.controller';
import { CompetitionsService } from './competitions.service';
import { OrganisersController } from './organisers.controller';
import { OrganisersService } from './organisers.service';

@Module({
  imports: [IdentityModule],
  controllers: [CompetitionsController, OrganisersController],
  providers: [CompetitionsService, OrganisersService],
  exports: [CompetitionsService],
})
export class CompetitionsModule {}
