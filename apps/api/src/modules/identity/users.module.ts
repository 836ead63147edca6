import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { JudgingModule } from '../judging/judging.module';
import { IdentityModule } from './identity.module';
import { InvitationsService } from './invitations.service';
import { UsersController } from './users.controller';

// User administration (identity's routes over its own table) needs to know
// which judges an organiser works with: that is judging's knowledge, asked
// through its exported service. A module of its own, because judging already
// depends on identity.
@Module({
  imports: [IdentityModule, CompetitionsModule, JudgingModule],
  controllers: [UsersController],
  providers: [InvitationsService],
})
export class UsersModule {}
