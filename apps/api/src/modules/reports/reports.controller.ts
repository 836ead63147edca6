import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { FunnelService } from './funnel.service';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuditListDto, AuditVerifyDto, FunnelDto } from './dto/reports.responses';
import { AuditChainService } from './audit-chain.service';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';

export class AuditQuery {
  @ApiPropertyOptional({ description: 'Only entries about this project, score, heat or signing' })
  @IsOptional()
  @IsUUID()
  entityId?: string;
}

@ApiTags('reports')
@ApiBearerAuth()
@Roles('ORGANISER', 'ADMIN')
@Controller('competitions')
export class ReportsController {
  constructor(
    private readonly funnel: FunnelService,
    private readonly auditChain: AuditChainService,
  ) {}

  @ApiRoute({
    summary: 'The funnel: registered → submitted → eligible → advanced → awarded → signed → landed',
    type: FunnelDto,
    errors: [400, 401, 403, 404],
  })
  @Get(':id/funnel')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.funnel.funnel(user, id);
  }

  // Decisions that changed someone's fate: who, when, what, why. Read-only:
  // the API has no route that edits or deletes audit entries.
  @ApiRoute({
    summary: 'The audit log of decisions (read-only)',
    type: AuditListDto,
    errors: [400, 401, 403, 404],
  })
  @Get(':id/audit')
  audit(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() q: AuditQuery,
  ) {
    return this.funnel.audit(user, id, q.entityId);
  }

  @ApiRoute({
    summary:
      "Verify the audit log's hash chain: ok with the count, or the first broken row (id, time, action)",
    type: AuditVerifyDto,
    errors: [400, 401, 403, 404],
  })
  @Get(':id/audit/verify')
  verifyAudit(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.auditChain.verify(user, id);
  }
}
