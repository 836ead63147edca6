import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DomainError } from '@app/domain';
import { Prisma, PrismaService } from '@app/database';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { CompetitionsService } from '../competitions/competitions.service';
import { NotificationListDto } from './dto/notifications.responses';

export class ListNotificationsQuery {
  @ApiPropertyOptional({ description: 'Recipient email address' })
  @IsOptional()
  @IsString()
  @MaxLength(254)
  recipient?: string;

  @ApiPropertyOptional({ example: 'PROJECT_SUBMITTED' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  type?: string;

  @ApiPropertyOptional({ enum: ['PENDING', 'SENT', 'FAILED', 'CANCELLED'] })
  @IsOptional()
  @IsIn(['PENDING', 'SENT', 'FAILED', 'CANCELLED'])
  status?: 'PENDING' | 'SENT' | 'FAILED' | 'CANCELLED';

  @ApiPropertyOptional({ description: 'Only the mails about this competition' })
  @IsOptional()
  @IsUUID()
  competitionId?: string;
}

// Read-only view of the notifications context's outgoing mail, for operators
// checking that a mail went out (or why it did not). Scoped like every other
// organiser route: an organiser sees the mails about the competitions it
// organises; account mails (no competition) are for admins.
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
  ) {}

  @Roles('ADMIN', 'ORGANISER')
  @Get()
  @ApiRoute({
    summary:
      'Outgoing mails of my competitions (an admin: all) and their delivery state, newest first (at most 500)',
    type: NotificationListDto,
    errors: [400, 401, 403, 404],
  })
  async list(@CurrentUser() user: AuthUser, @Query() q: ListNotificationsQuery) {
    const managed = await this.competitions.managedCompetitionIds(user);
    if (q.competitionId && managed !== 'all' && !managed.includes(q.competitionId))
      throw DomainError.notFound('competition', q.competitionId);
    const scope: Prisma.NotificationWhereInput =
      managed === 'all'
        ? q.competitionId
          ? { competitionId: q.competitionId }
          : {}
        : { competitionId: { in: q.competitionId ? [q.competitionId] : managed } };
    const items = await this.prisma.notification.findMany({
      where: {
        ...scope,
        ...(q.recipient && { recipient: q.recipient.trim().toLowerCase() }),
        ...(q.type && { type: q.type }),
        ...(q.status && { status: q.status }),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: 500,
      select: {
        id: true,
        type: true,
        recipient: true,
        status: true,
        attempts: true,
        sentAt: true,
        lastError: true,
        createdAt: true,
        competitionId: true,
      },
    });
    return { items };
  }
}
