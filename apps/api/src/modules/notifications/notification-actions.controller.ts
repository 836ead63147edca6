import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { NotificationActionsService } from './notification-actions.service';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';

export class NotificationDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: 'PROJECT_SUBMITTED' })
  type!: string;
  @ApiProperty({ example: 'li.na@example.cn' })
  recipient!: string;
  @ApiProperty({ enum: ['PENDING', 'SENT', 'FAILED', 'CANCELLED'] })
  status!: string;
  @ApiProperty({ description: 'SMTP attempts so far' })
  attempts!: number;
  // Nullable fields name their type: a union reflects as Object.
  @ApiProperty({ type: String, nullable: true, example: '550 mailbox unavailable' })
  lastError!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When a PENDING mail is tried next',
  })
  nextAttemptAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
}

// Organisers' hand on a mail of their competition (admins: any mail).
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationActionsController {
  constructor(private readonly actions: NotificationActionsService) {}

  @Roles('ADMIN', 'ORGANISER')
  @Post(':id/resend')
  @HttpCode(202)
  @ApiRoute({
    summary: 'Re-send a mail the SMTP server refused for good (FAILED) or that was cancelled',
    description:
      'The mail becomes PENDING again and the worker sends it within seconds, with its original Message-ID.',
    status: 202,
    type: NotificationDto,
    errors: [400, 403, 404, 409, 503],
  })
  resend(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.actions.resend(user, id);
  }

  @Roles('ADMIN', 'ORGANISER')
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Cancel a mail that is still due (PENDING): it is never sent',
    type: NotificationDto,
    errors: [400, 403, 404, 409, 503],
  })
  cancel(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.actions.cancel(user, id);
  }
}
