import { Module } from '@nestjs/common';
import { AdminBootstrapService } from './admin-bootstrap.service';
import { AuthController } from './auth.controller';
import { IdentityService } from './identity.service';

@Module({
  controllers: [AuthController],
  providers: [IdentityService, AdminBootstrapService],
  exports: [IdentityService],
})
export class IdentityModule {}
