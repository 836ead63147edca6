import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { RevealCardDto } from './live.dto';

const SHEET_STATES = ['UNSIGNED', 'SIGNED', 'VOID'] as const;
const RESULT_STATES = [
  'NOT_REVEALED',
  'OPEN',
  'CONFIRMED',
  'OBJECTED',
  'DISMISSED',
  'RESCORING',
  'RESCORED',
  'LAPSED',
] as const;
const OBJECTION_STATUSES = ['PENDING', 'UPHELD', 'DISMISSED'] as const;

export class SignatureDto {
  @ApiProperty({
    description:
      'The drawn signature: a PNG as a data URL (data:image/png;base64,…) or bare base64; at most 200 KB, 20–2000 px a side, not blank',
  })
  @IsString()
  @MaxLength(300_000)
  signature!: string;
}

export class ObjectionDto {
  @ApiProperty({ description: 'The objection in writing (异议), 5–2000 characters' })
  @IsString()
  @Length(5, 2000)
  text!: string;
}

export class DecideOnSiteObjectionDto {
  @ApiProperty({
    enum: ['UPHELD', 'DISMISSED'],
    description:
      "UPHELD: the project's scores are reopened for its judges and the score is revealed again once they submit; DISMISSED: the result stands",
  })
  @IsIn(['UPHELD', 'DISMISSED'])
  decision!: 'UPHELD' | 'DISMISSED';

  @ApiProperty({ description: 'How the objection was handled (处理经过)' })
  @IsString()
  @Length(1, 4000)
  handling!: string;

  @ApiProperty({ description: 'The reasons for the decision; mailed to the team' })
  @IsString()
  @Length(1, 4000)
  reason!: string;
}

export class SheetLineDto {
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ enum: ['SUBMITTED', 'DRAFT', 'MISSING'] })
  status!: 'SUBMITTED' | 'DRAFT' | 'MISSING';
  @ApiProperty({ type: Number, nullable: true, description: 'Rounded to 2 decimals' })
  total!: number | null;
}

export class MySheetDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty()
  roundName!: string;
  @ApiProperty()
  judgeName!: string;
  @ApiProperty({
    enum: SHEET_STATES,
    description: 'VOID: signed, then a score changed; sign again',
  })
  state!: (typeof SHEET_STATES)[number];
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  signedAt!: Date | null;
  @ApiProperty({ description: 'Every project on the sheet is submitted: it may be signed' })
  complete!: boolean;
  @ApiProperty({ type: [SheetLineDto] })
  lines!: SheetLineDto[];
  @ApiProperty({ description: "The competition's time zone" })
  timeZone!: string;
}

export class SheetStatusDto {
  @ApiProperty({ format: 'uuid' })
  judgeId!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty({ enum: SHEET_STATES })
  state!: (typeof SHEET_STATES)[number];
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  signedAt!: Date | null;
  @ApiProperty()
  projects!: number;
  @ApiProperty()
  submitted!: number;
}

export class OnSiteObjectionViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  text!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  raisedAt!: Date;
  @ApiProperty()
  raisedByName!: string;
  @ApiProperty({ enum: OBJECTION_STATUSES })
  status!: (typeof OBJECTION_STATUSES)[number];
  @ApiProperty({ type: String, nullable: true })
  handling!: string | null;
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  decidedAt!: Date | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "Who decided it (the organisers' and the supervisors' views; null in the team's own)",
  })
  decidedByName!: string | null;
}

export class ProjectResultDto {
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({
    enum: RESULT_STATES,
    description:
      'OBJECTED and RESCORING are 异议处理中 (not final); LAPSED: the window ran out unanswered',
  })
  state!: (typeof RESULT_STATES)[number];
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revealedAt!: Date | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the window for an objection closes',
  })
  objectionClosesAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  confirmedAt!: Date | null;
  @ApiProperty({ type: OnSiteObjectionViewDto, nullable: true })
  objection!: OnSiteObjectionViewDto | null;
}

export class SignOffDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty()
  signOffRequired!: boolean;
  @ApiProperty()
  objectionMinutes!: number;
  @ApiProperty({ type: [SheetStatusDto] })
  sheets!: SheetStatusDto[];
  @ApiProperty({ type: [ProjectResultDto] })
  results!: ProjectResultDto[];
  @ApiProperty({ description: 'Every sheet signed and every objection decided' })
  complete!: boolean;
}

export class TeamResultDto extends ProjectResultDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty()
  roundName!: string;
  @ApiProperty({ enum: ['DRAFT', 'OPEN', 'CLOSED'] })
  roundStatus!: string;
  @ApiProperty({ type: RevealCardDto, nullable: true })
  card!: RevealCardDto | null;
  @ApiProperty({ description: "The server's clock (epoch ms): the page counts the window from it" })
  serverNow!: number;
  @ApiProperty()
  mayConfirm!: boolean;
  @ApiProperty()
  mayObject!: boolean;
  @ApiProperty({ description: "The competition's time zone" })
  timeZone!: string;
}

export class MyRoadshowResultsDto {
  @ApiProperty({ type: [TeamResultDto] })
  items!: TeamResultDto[];
}

export class SheetQueryDto {
  @ApiPropertyOptional({ enum: ['zh', 'en'] })
  @IsOptional()
  @IsIn(['zh', 'en'])
  lang?: 'zh' | 'en';
}
