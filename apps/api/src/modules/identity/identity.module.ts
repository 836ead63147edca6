import { Module } from '@nestjs/common';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuthController } from './auth.controller';
import { IdentityService } from './identity.service';
import { UserAccessService } from './user-access.service';

@Module({
  controllers: [AuthController],
  providers: [IdentityService, AdminBootstrapService, UserAccessService],
  exports: [IdentityService, UserAccessService],
})
export class IdentityModule {}
