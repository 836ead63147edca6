import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { PrismaService } from '@app/database';
import { Roles } from '../../common/auth.decorators';

export class ListNotificationsQuery {
  @ApiPropertyOptional({ description: 'Recipient email address' })
  @IsOptional()
  @IsString()
  recipient?: string;

  @ApiPropertyOptional({ example: 'PROJECT_SUBMITTED' })
  @IsOptional()
  @IsString()
  type?: string;

  @ApiPropertyOptional({ enum: ['PENDING', 'SENT', 'FAILED'] })
  @IsOptional()
  @IsIn(['PENDING', 'SENT', 'FAILED'])
  status?: 'PENDING' | 'SENT' | 'FAILED';
}

// Read-only view of the notifications context's outgoing mail, for operators
// checking that a mail went out (or why it did not).
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly prisma: PrismaService) {}

  @Roles('ADMIN', 'ORGANISER')
  @Get()
  async list(@Query() q: ListNotificationsQuery) {
    const items = await this.prisma.notification.findMany({
      where: {
        ...(q.recipient && { recipient: q.recipient.trim().toLowerCase() }),
        ...(q.type && { type: q.type }),
        ...(q.status && { status: q.status }),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: 500,
      select: { id: true, type: true, recipient: true, status: true, attempts: true, sentAt: true, lastError: true, createdAt: true },
    });
    return { items };
  }
}
