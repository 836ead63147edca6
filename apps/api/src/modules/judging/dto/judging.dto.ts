import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsPositive, IsString, IsUUID, Length, Max, Min } from 'class-validator';

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

  @ApiPropertyOptional({ default: 1, description: 'TRIMMED_MEAN: how many highest and lowest totals to drop' })
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
  @ApiProperty({ example: { TECH: 85, BUSINESS: 78, MARKET: 80, TEAM: 90 } })
  @IsObject()
  scores: Record<string, number>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  comment?: string;
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
