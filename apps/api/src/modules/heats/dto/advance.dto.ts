import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';

export class ExcludeDto {
  @ApiProperty()
  @IsUUID()
  projectId: string;

  @ApiProperty({ example: '尽职调查未通过' })
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class AdvanceDto {
  @ApiPropertyOptional({
    description:
      'A heat of the next stage; omit it when advancing the final (marks the awarded projects)',
  })
  @IsOptional()
  @IsUUID()
  toHeatId?: string;

  @ApiPropertyOptional({ description: "Defaults to the heat's advanceQuota" })
  @IsOptional()
  @IsInt()
  @Min(0)
  count?: number;

  @ApiPropertyOptional({
    type: [String],
    description: 'Projects to advance whatever their rank (e.g. 赛区推荐)',
  })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  include?: string[];

  @ApiPropertyOptional({ example: '赛区推荐', description: 'Recorded for each included project' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  includeReason?: string;

  @ApiPropertyOptional({ type: [ExcludeDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ExcludeDto)
  exclude?: ExcludeDto[];
}

export class PreviewQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  count?: number;
}
