import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { IdentityModule } from '../identity/identity.module';
import { JudgingModule } from '../judging/judging.module';
import { RegistrationModule } from '../registration/registration.module';
import { AdvancementService } from './advancement.service';
import { HeatsController } from './heats.controller';

@Module({
  imports: [CompetitionsModule, IdentityModule, JudgingModule, RegistrationModule],
  controllers: [HeatsController],
  providers: [AdvancementService],
  exports: [AdvancementService],
})
export class HeatsModule {}
