import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { FunnelService } from './funnel.service';

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
  constructor(private readonly funnel: FunnelService) {}

  @Get(':id/funnel')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.funnel.funnel(user, id);
  }

  // Decisions that changed someone's fate: who, when, what, why. Read-only:
  // the API has no route that edits or deletes audit entries.
  @Get(':id/audit')
  audit(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() q: AuditQuery) {
    return this.funnel.audit(user, id, q.entityId);
  }
}
