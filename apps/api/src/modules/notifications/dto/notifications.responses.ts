import { ApiProperty } from '@nestjs/swagger';

export class NotificationViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: 'PROJECT_SUBMITTED' })
  type!: string;
  @ApiProperty()
  recipient!: string;
  // CANCELLED too: an organiser may cancel a mail that is still due.
  @ApiProperty({ enum: ['PENDING', 'SENT', 'FAILED', 'CANCELLED'] })
  status!: string;
  @ApiProperty({ description: 'SMTP attempts so far' })
  attempts!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  sentAt!: Date | null;
  @ApiProperty({ type: String, nullable: true })
  lastError!: string | null;
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'null for account mails (welcome, invitation), which only admins see',
  })
  competitionId!: string | null;
}

export class NotificationListDto {
  @ApiProperty({ type: [NotificationViewDto], description: 'Newest first, at most 500' })
  items!: NotificationViewDto[];
}
