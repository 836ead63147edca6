import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { HeatsModule } from '../heats/heats.module';
import { RegistrationModule } from '../registration/registration.module';
import { SigningModule } from '../signing/signing.module';
import { FunnelService } from './funnel.service';
import { ReportsController } from './reports.controller';

@Module({
  imports: [CompetitionsModule, HeatsModule, RegistrationModule, SigningModule],
  controllers: [ReportsController],
  providers: [FunnelService],
})
export class ReportsModule {}
