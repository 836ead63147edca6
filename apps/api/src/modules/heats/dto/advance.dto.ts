import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
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

export class WildcardDto {
  @ApiProperty()
  @IsUUID()
  projectId: string;

  @ApiProperty({ example: '赛区推荐：乡村振兴特色项目' })
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class QuotaDto {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'A group (组别) key of the registration form',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  groupKey?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'A track code' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  trackCode?: string | null;

  @ApiProperty({ example: 3 })
  @IsInt()
  @Min(0)
  @Max(100000)
  quota: number;
}

/** A heat's advancement rule (docs/scoring.md, "Advancement rules"). */
export class AdvancementRuleDto {
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description:
      "Places when there are no quotas (the plain top N); defaults to the heat's advanceQuota",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  count?: number | null;

  @ApiPropertyOptional({
    type: [QuotaDto],
    description: 'Places per group, track, or both; a project counts in the first that matches it',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => QuotaDto)
  quotas?: QuotaDto[];

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'At most this many per unit (organisation)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  unitCap?: number | null;

  @ApiPropertyOptional({
    description: 'Wildcard places (赛区推荐) the organiser fills with reasons',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  wildcards?: number;
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

  @ApiPropertyOptional({
    type: [WildcardDto],
    description: "Wildcard places (赛区推荐), each with its reason, up to the rule's wildcards",
  })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => WildcardDto)
  wildcards?: WildcardDto[];
}

/** A preview asked with the overrides the organiser is weighing. */
export class AdvancePreviewDto {
  @ApiPropertyOptional({ description: "Defaults to the rule's or the heat's" })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100000)
  count?: number;

  @ApiPropertyOptional({ type: [ExcludeDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ExcludeDto)
  exclude?: ExcludeDto[];

  @ApiPropertyOptional({ type: [WildcardDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => WildcardDto)
  wildcards?: WildcardDto[];
}

export class PreviewQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  count?: number;
}
