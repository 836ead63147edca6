import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

export class DrawPitchOrderDto {
  @ApiPropertyOptional({
    description: 'Seed of the draw (random when absent); the same seed gives the same order',
    example: '9f2c4e1ab37d5608',
  })
  @IsOptional()
  @IsString()
  @Length(4, 64)
  @Matches(/^[\w-]+$/, { message: 'seed may hold letters, digits, _ and - only' })
  seed?: string;

  @ApiPropertyOptional({
    description: 'Required to redraw an order already drawn',
    example: '评委迟到，重新抽签',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class NowPitchingDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  projectId!: string;
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
  @ApiProperty()
  seed!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  drawnAt!: Date;
  @ApiProperty({ type: [PitchSlotDto] })
  order!: PitchSlotDto[];
}

export class NowPitchingResultDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
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
    description: "The round's score, once every assigned judge has submitted",
  })
  score!: number | null;
}

/** One frame of the big screen (路演大屏), sent on connect and after every change. */
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
  @ApiProperty({ type: ScreenStageDto, nullable: true })
  nowPitching!: ScreenStageDto | null;
  @ApiProperty({ description: 'True once the ranking is computed after close' })
  final!: boolean;
  @ApiProperty({ type: [ScreenRankingEntryDto] })
  ranking!: ScreenRankingEntryDto[];
}
