import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { IdentityModule } from '../identity/identity.module';
import { JudgingModule } from '../judging/judging.module';
import { UsersController } from './users.controller';

// User administration: identity's routes over identity's table, scoped by
// what competitions (who organises what) and judging (who judges there)
// know. A context of its own above the three, because both depend on
// identity: identity itself depends on no other context. It owns no table.
@Module({
  imports: [IdentityModule, CompetitionsModule, JudgingModule],
  controllers: [UsersController],
})
export class AccountsModule {}
