import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow, IsBoolean, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { RevealCardDto, TimerViewDto } from './live.dto';

export class DrawPitchOrderDto {
  @ApiPropertyOptional({
    type: String,
    description:
      'Refused (400, field `seed`): the server generates the seed and commits to it (its SHA-256 in POST …/pitch-order/commitment) before the draw reveals it. Kept in the schema so an old client gets a clear refusal.',
    deprecated: true,
  })
  @Allow()
  seed?: unknown;

  @ApiPropertyOptional({
    description: 'Required to redraw an order already drawn',
    example: '评委迟到，重新抽签',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;

  @ApiPropertyOptional({
    description:
      '签到时统一抽签: draw among the projects checked in (签到) and not marked absent only',
  })
  @IsOptional()
  @IsBoolean()
  checkedInOnly?: boolean;
}

export class NowPitchingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  projectId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "A room of the round (分会场): that room's stage; the project must pitch there",
  })
  @IsOptional()
  @IsUUID()
  roomId?: string;
}

export class PitchSlotDto {
  @ApiProperty()
  position!: number;
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty()
  organisationName!: string;
}

export class PitchOrderDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty({
    description: 'The seed, revealed: drawPitchOrder(projectIds, seed) gives the order',
  })
  seed!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the seed, as committed before the draw' })
  seedHash!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'When the seed was committed (equal to drawnAt when no commitment was made first)',
  })
  seedCommittedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' })
  drawnAt!: Date;
  @ApiProperty({ type: [PitchSlotDto] })
  order!: PitchSlotDto[];
  @ApiProperty({ description: 'SHA-256 of the seed already committed for a redraw' })
  nextSeedHash!: string;
}

export class PitchSeedCommitmentDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty({
    description: 'SHA-256 (hex) of the seed the next draw will use; announce it before the draw',
    example: '3f0a…',
  })
  seedHash!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  committedAt!: Date;
}

export class NowPitchingResultDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'The room whose stage it is' })
  roomId?: string;
}

export class ScreenRoomDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
}

export class StreamTicketDto {
  @ApiProperty({ description: 'Open /screen/rounds/:id?ticket=… or the stream with ?ticket=…' })
  ticket!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: 'The stream renews it while connected',
  })
  expiresAt!: Date;
  @ApiProperty({ example: '/screen/rounds/6f1c…?ticket=…' })
  screenPath!: string;
}

export class ScreenRankingEntryDto {
  @ApiProperty()
  rank!: number;
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ description: 'Rounded half away from zero to 2 decimals' })
  score!: number;
  @ApiProperty()
  judgeCount!: number;
  @ApiProperty({
    description: '异议处理中: an objection to this result waits for a decision; not final',
  })
  disputed!: boolean;
}

export class ScreenStageDto {
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty()
  organisationName!: string;
  @ApiProperty({ type: Number, nullable: true })
  position!: number | null;
  @ApiProperty({ description: 'Judges assigned to the project' })
  assigned!: number;
  @ApiProperty({ description: 'Of those, judges who submitted' })
  submitted!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      "The round's score, once every assigned judge has submitted (and, when the round reveals on the host's click, once revealed)",
  })
  score!: number | null;
  @ApiProperty({
    type: RevealCardDto,
    nullable: true,
    description:
      "亮分: each judge's total with the dropped ones marked; null until it may be shown",
  })
  reveal!: RevealCardDto | null;
  @ApiProperty({
    description: '异议处理中: an objection to this result waits for a decision; not final',
  })
  disputed!: boolean;
}

/** One frame of the big screen (路演大屏), sent on connect and after every change. */
export class ScreenDrawDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'SHA-256 of the seed committed for the next draw, announced before it',
  })
  announcedSeedHash!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The seed of the draw made (revealed)',
  })
  seed!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 of the revealed seed' })
  seedHash!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  drawnAt!: Date | null;
}

export class ScreenStateDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty()
  roundName!: string;
  @ApiProperty()
  heatName!: string;
  @ApiProperty({ enum: ['MEAN', 'TRIMMED_MEAN', 'ZSCORE'] })
  method!: string;
  @ApiProperty({ enum: ['DRAFT', 'OPEN', 'CLOSED'] })
  status!: string;
  @ApiPropertyOptional({
    type: ScreenRoomDto,
    nullable: true,
    description: "A room's screen (分会场): its stage, timer and ranking of its projects only",
  })
  room?: ScreenRoomDto | null;
  @ApiProperty({ type: ScreenStageDto, nullable: true })
  nowPitching!: ScreenStageDto | null;
  @ApiProperty({ description: 'True once the ranking is computed after close' })
  final!: boolean;
  @ApiProperty({
    type: [ScreenRankingEntryDto],
    description:
      "Complete scores only; when the round reveals on the host's click, revealed ones only",
  })
  ranking!: ScreenRankingEntryDto[];
  @ApiProperty({
    type: TimerViewDto,
    nullable: true,
    description: 'The pitch timer of the project on stage',
  })
  timer!: TimerViewDto | null;
  @ApiProperty({
    type: ScreenDrawDto,
    description:
      'The pitch-order draw: the seed hash before it, the seed after (docs/verifiable-draws.md)',
  })
  draw!: ScreenDrawDto;
}
