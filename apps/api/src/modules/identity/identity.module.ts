import { Module } from '@nestjs/common';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuthController } from './auth.controller';
import { IdentityService } from './identity.service';
import { InvitationsService } from './invitations.service';
import { UserAccessService } from './user-access.service';

@Module({
  controllers: [AuthController],
  providers: [IdentityService, AdminBootstrapService, UserAccessService, InvitationsService],
  exports: [IdentityService, UserAccessService, InvitationsService],
})
export class IdentityModule {}
