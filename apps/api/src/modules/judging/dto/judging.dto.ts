import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsPositive,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';

export class CreateRoundDto {
  @ApiProperty({ example: '专家评审' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ['EXPERT_REVIEW', 'ROADSHOW'] })
  @IsIn(['EXPERT_REVIEW', 'ROADSHOW'])
  kind: 'EXPERT_REVIEW' | 'ROADSHOW';

  @ApiProperty()
  @IsUUID()
  rubricId: string;

  @ApiProperty({ enum: ['MEAN', 'TRIMMED_MEAN', 'ZSCORE'] })
  @IsIn(['MEAN', 'TRIMMED_MEAN', 'ZSCORE'])
  method: 'MEAN' | 'TRIMMED_MEAN' | 'ZSCORE';

  @ApiPropertyOptional({
    default: 1,
    description: 'TRIMMED_MEAN: how many highest and lowest totals to drop',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  trim?: number;

  @ApiPropertyOptional({ default: 1, description: "The round's weight in the heat standings" })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  weight?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateString({ strict: true })
  opensAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsDateString({ strict: true })
  closesAt?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Blind review: judges see neither the organisation nor the team',
  })
  @IsOptional()
  @IsBoolean()
  blind?: boolean;

  @ApiPropertyOptional({
    default: false,
    description:
      "Judges may read the other judges' submitted scores of a project after submitting their own",
  })
  @IsOptional()
  @IsBoolean()
  peerScoresVisible?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Judges read the materials in the viewer only: no download (评审材料仅供在线查看)',
  })
  @IsOptional()
  @IsBoolean()
  materialsViewOnly?: boolean;
}

export class UpdateRoundDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() rubricId?: string;

  @ApiPropertyOptional({ enum: ['MEAN', 'TRIMMED_MEAN', 'ZSCORE'] })
  @IsOptional()
  @IsIn(['MEAN', 'TRIMMED_MEAN', 'ZSCORE'])
  method?: 'MEAN' | 'TRIMMED_MEAN' | 'ZSCORE';

  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(10) trim?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  weight?: number;

  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }) opensAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }) closesAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() blind?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() peerScoresVisible?: boolean;
  @ApiPropertyOptional({ description: 'May change while the round is open' })
  @IsOptional()
  @IsBoolean()
  materialsViewOnly?: boolean;
}

export class CloseRoundDto {
  @ApiPropertyOptional({
    description:
      'Close although some scores are unsubmitted drafts (they stay drafts), or, in a roadshow round that requires 签字确认, sheets are unsigned or objections undecided',
  })
  @IsOptional()
  @IsBoolean()
  force?: boolean;

  @ApiPropertyOptional({
    description: 'Required with force; audited',
    example: '评委临时离场，草稿不计分',
  })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class AddJudgesDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  judgeIds: string[];
}

export class DeclareConflictDto {
  @ApiProperty()
  @IsUUID()
  judgeId: string;

  @ApiProperty()
  @IsUUID()
  projectId: string;

  @ApiProperty({ example: '同单位回避' })
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class AutoAssignDto {
  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(1)
  @Max(50)
  judgesPerProject: number;
}

export class ScoreDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { TECH: 85, BUSINESS: 78, MARKET: 80, TEAM: 90 },
  })
  @IsObject()
  scores: Record<string, number>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  comment?: string;

  @ApiPropertyOptional({
    default: false,
    description:
      'Save and submit in one request. Repeating it with the same scores and comment answers the stored score again; different content on a submitted score is 409.',
  })
  @IsOptional()
  @IsBoolean()
  submit?: boolean;
}

export class ReopenScoreDto {
  @ApiProperty()
  @IsUUID()
  judgeId: string;

  @ApiProperty()
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class PeerScoreDto {
  @ApiProperty({ example: '评委 1 / Judge 1', description: 'Anonymous' }) judge: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { TECH: 85, BUSINESS: 78 },
    description: 'Mark per criterion code',
  })
  scores: Record<string, number>;
  @ApiProperty({ example: 81.7, description: 'Rounded to 2 decimals' }) total: number;
  @ApiProperty({ nullable: true, type: String }) comment: string | null;
  @ApiProperty({ nullable: true, type: Date }) submittedAt: Date | null;
}

export class PeerScoresDto {
  @ApiProperty() roundId: string;
  @ApiProperty() projectId: string;
  @ApiProperty({ type: [PeerScoreDto] }) items: PeerScoreDto[];
}
