import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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

export class AwardTierDto {
  @ApiProperty({ example: '一等奖' }) @IsString() @Length(1, 50) name: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(1000) count: number;
}

export class AwardTiersDto {
  @ApiProperty({
    type: [AwardTierDto],
    description: 'Best first',
    example: [
      { name: '一等奖', count: 1 },
      { name: '二等奖', count: 2 },
      { name: '三等奖', count: 3 },
      { name: '优秀奖', count: 5 },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AwardTierDto)
  tiers: AwardTierDto[];
}

export class TieBreakDto {
  @ApiProperty({ type: [String], description: 'The tied projects, best first' })
  @IsArray()
  @ArrayMinSize(2)
  @IsUUID('all', { each: true })
  projectIds: string[];

  @ApiProperty({ example: '加赛答辩，评委会投票决定' })
  @IsString()
  @Length(1, 1000)
  reason: string;
}

export class AssignAwardsDto {
  @ApiPropertyOptional({ type: [TieBreakDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => TieBreakDto)
  tieBreaks?: TieBreakDto[];
}

export class AwardDto {
  @ApiProperty() projectId: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String, example: '一等奖' }) tier: string | null;
  @ApiProperty() score: number;
  @ApiProperty({ nullable: true, type: String, description: "A tie-break's reason" })
  reason: string | null;
}

export class BoundaryTieDto {
  @ApiProperty() score: number;
  @ApiProperty({ type: [String] }) projectIds: string[];
  @ApiProperty({ type: [String] }) titles: string[];
  @ApiProperty({ type: [String], example: ['一等奖', '二等奖'] }) tiers: string[];
}

export class AwardPlanDto {
  @ApiProperty() heatId: string;
  @ApiProperty({ type: [AwardDto] }) awards: AwardDto[];
  @ApiProperty({ type: [BoundaryTieDto], description: 'Ties at a tier boundary left to resolve' })
  ties: BoundaryTieDto[];
}

export class AwardPreviewDto extends AwardPlanDto {
  @ApiProperty({ type: [AwardTierDto] }) tiers: AwardTierDto[];
}

export class AwardsViewDto {
  @ApiProperty() heatId: string;
  @ApiProperty({ type: [AwardTierDto] }) tiers: AwardTierDto[];
  @ApiProperty({ type: [AwardDto] }) awards: AwardDto[];
}
