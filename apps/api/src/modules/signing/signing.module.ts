import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { HeatsModule } from '../heats/heats.module';
import { IdentityModule } from '../identity/identity.module';
import { RegistrationModule } from '../registration/registration.module';
import { SigningController } from './signing.controller';
import { SigningService } from './signing.service';

@Module({
  imports: [CompetitionsModule, HeatsModule, IdentityModule, RegistrationModule],
  controllers: [SigningController],
  providers: [SigningService],
  exports: [SigningService],
})
export class SigningModule {}
