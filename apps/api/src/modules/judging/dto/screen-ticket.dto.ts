import { ApiProperty } from '@nestjs/swagger';

export class TicketPersonDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
}

export class ScreenTicketViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty({ type: TicketPersonDto })
  issuedBy!: TicketPersonDto;
  @ApiProperty({ type: String, format: 'date-time' })
  issuedAt!: Date;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'Expiry of its latest signed ticket (an open screen renews it)',
  })
  expiresAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  renewedAt!: Date | null;
  @ApiProperty({
    enum: ['ACTIVE', 'EXPIRED', 'REVOKED', 'ISSUER_LOST_ACCESS'],
    description:
      'REVOKED by an organiser; ISSUER_LOST_ACCESS: whoever issued it may no longer manage the round',
  })
  status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt!: Date | null;
  @ApiProperty({ type: TicketPersonDto, nullable: true })
  revokedBy!: TicketPersonDto | null;
}

export class ScreenTicketListDto {
  @ApiProperty({ type: [ScreenTicketViewDto] })
  items!: ScreenTicketViewDto[];
}
