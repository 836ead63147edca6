import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { HeatsModule } from '../heats/heats.module';
import { IdentityModule } from '../identity/identity.module';
import { ImportsModule } from '../imports/imports.module';
import { JudgingModule } from '../judging/judging.module';
import { RegistrationModule } from '../registration/registration.module';
import { SigningModule } from '../signing/signing.module';
import { AuditChainService } from './audit-chain.service';
import { FunnelService } from './funnel.service';
import { ReportsController } from './reports.controller';

@Module({
  imports: [
    CompetitionsModule,
    HeatsModule,
    IdentityModule,
    ImportsModule,
    JudgingModule,
    RegistrationModule,
    SigningModule,
  ],
  controllers: [ReportsController],
  providers: [FunnelService, AuditChainService],
})
export class ReportsModule {}
