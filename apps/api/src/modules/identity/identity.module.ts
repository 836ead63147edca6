import { Module } from '@nestjs/common';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuthController } from './auth.controller';
import { IdentityService } from './identity.service';
import { InvitationsService } from './invitations.service';
import { SignInPassesService } from './sign-in-passes.service';
import { UserAccessService } from './user-access.service';

@Module({
  controllers: [AuthController],
  providers: [
    IdentityService,
    AdminBootstrapService,
    UserAccessService,
    InvitationsService,
    SignInPassesService,
  ],
  exports: [IdentityService, UserAccessService, InvitationsService, SignInPassesService],
})
export class IdentityModule {}
