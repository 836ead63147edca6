import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { MAX_OBJECTION_MINUTES } from '@app/domain';

const TIMER_ACTIONS = ['START_PITCH', 'START_QA', 'PAUSE', 'RESUME', 'EXTEND_QA', 'END'] as const;
const TIMER_PHASES = ['READY', 'PITCH', 'QA', 'ENDED'] as const;

export class RoadshowSettingsDto {
  @ApiProperty({ description: 'Pitch minutes (the 8 of "8+7")', minimum: 1, maximum: 60 })
  @IsInt()
  @Min(1)
  @Max(60)
  pitchMinutes!: number;

  @ApiProperty({ description: 'Q&A minutes (the 7 of "8+7")', minimum: 0, maximum: 60 })
  @IsInt()
  @Min(0)
  @Max(60)
  qaMinutes!: number;

  @ApiProperty({
    description: 'Amber this many seconds before a phase ends',
    minimum: 0,
    maximum: 600,
  })
  @IsInt()
  @Min(0)
  @Max(600)
  warningSeconds!: number;

  @ApiProperty({
    enum: ['AUTO', 'HOST'],
    description:
      "AUTO: revealed once every judge of the project has submitted; HOST: on the host's click (亮分), never before every judge submitted",
  })
  @IsIn(['AUTO', 'HOST'])
  revealMode!: 'AUTO' | 'HOST';

  @ApiProperty({
    enum: ['NUMBER', 'NAME'],
    description: 'How the screen names judges on a revealed score: 评委1…评委N, or by name',
  })
  @IsIn(['NUMBER', 'NAME'])
  judgeLabels!: 'NUMBER' | 'NAME';

  @ApiPropertyOptional({
    description:
      'Minutes after a reveal in which the team may raise an objection (20 unless stated; kept when omitted)',
    minimum: 1,
    maximum: MAX_OBJECTION_MINUTES,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_OBJECTION_MINUTES)
  objectionMinutes?: number;

  @ApiPropertyOptional({
    description:
      '签字确认: the round closes only when every judge signed their sheet and every objection is decided (or by force with a reason); kept when omitted, off for a round whose settings were never saved',
  })
  @IsOptional()
  @IsBoolean()
  signOffRequired?: boolean;
}

export class TimerActionDto {
  @ApiProperty({ enum: TIMER_ACTIONS })
  @IsIn(TIMER_ACTIONS)
  action!: (typeof TIMER_ACTIONS)[number];

  @ApiPropertyOptional({
    description: 'EXTEND_QA only: whole minutes added to the Q&A',
    minimum: 1,
    maximum: 30,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(30)
  minutes?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "A room of the round (分会场): the timer of that room's stage",
  })
  @IsOptional()
  @IsUUID()
  roomId?: string;
}

export class TimerViewDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty({
    format: 'uuid',
    type: String,
    nullable: true,
    description: 'The project on stage; null when none',
  })
  projectId!: string | null;
  @ApiProperty({ enum: TIMER_PHASES })
  phase!: (typeof TIMER_PHASES)[number];
  @ApiProperty()
  paused!: boolean;
  @ApiProperty({ description: 'Run in the current phase, pauses excluded (ms)' })
  elapsedMs!: number;
  @ApiProperty({ description: 'The phase length, Q&A extensions included (ms)' })
  limitMs!: number;
  @ApiProperty({ description: 'limitMs − elapsedMs at serverNow: negative on overrun (ms)' })
  remainingMs!: number;
  @ApiProperty({ enum: ['NORMAL', 'WARNING', 'OVERRUN'] })
  level!: 'NORMAL' | 'WARNING' | 'OVERRUN';
  @ApiProperty()
  qaExtensionMinutes!: number;
  @ApiProperty({
    description: 'The server clock when this view was made (epoch ms): a client counts on from it',
  })
  serverNow!: number;
  @ApiProperty({ type: RoadshowSettingsDto })
  format!: RoadshowSettingsDto;
}

export class TimingPhaseDto {
  @ApiProperty({ enum: ['PITCH', 'QA'] })
  phase!: 'PITCH' | 'QA';
  @ApiProperty({ type: String, format: 'date-time' })
  startedAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt!: Date | null;
  @ApiProperty()
  activeMs!: number;
  @ApiProperty()
  pausedMs!: number;
  @ApiProperty()
  limitMs!: number;
  @ApiProperty()
  overrunMs!: number;
  @ApiProperty()
  extensionMinutes!: number;
}

export class TimingLogEntryDto {
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ type: [TimingPhaseDto] })
  phases!: TimingPhaseDto[];
}

export class TimingLogDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty({ type: [TimingLogEntryDto] })
  projects!: TimingLogEntryDto[];
}

export class RevealEntryDto {
  @ApiProperty({ description: "评委1…评委N, or the judge's name (the round's judgeLabels)" })
  label!: string;
  @ApiProperty({ description: "The judge's total, rounded to 2 decimals" })
  total!: number;
  @ApiProperty({
    enum: ['HIGHEST', 'LOWEST'],
    nullable: true,
    type: String,
    description: 'Struck through: left out by the method',
  })
  dropped!: 'HIGHEST' | 'LOWEST' | null;
}

export class RevealCardDto {
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ type: [RevealEntryDto] })
  entries!: RevealEntryDto[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "The score by the round's method, 2 decimals; null under ZSCORE",
  })
  score!: number | null;
  @ApiProperty({ type: String, format: 'date-time' })
  revealedAt!: Date;
}
