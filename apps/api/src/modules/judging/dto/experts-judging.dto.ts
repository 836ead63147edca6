import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';

// ── Inputs ──

export class SetPledgeDto {
  @ApiProperty({
    description:
      'The pledge of recusal and confidentiality (回避与保密承诺); empty removes it (then no acceptance is required)',
    example: '本人承诺：与参赛项目存在利害关系的，主动申请回避；对评审内容严格保密。',
  })
  @IsString()
  @MaxLength(20000)
  text!: string;
}

export class DoubleMarkingDto {
  @ApiProperty({
    description: 'T: points (ABSOLUTE) or a share of the maximum total (0..1)',
    example: 10,
  })
  @IsNumber()
  @Min(0)
  @Max(100)
  tolerance!: number;

  @ApiProperty({ enum: ['ABSOLUTE', 'SHARE_OF_MAX'] })
  @IsIn(['ABSOLUTE', 'SHARE_OF_MAX'])
  toleranceKind!: 'ABSOLUTE' | 'SHARE_OF_MAX';

  @ApiProperty({
    enum: ['CLOSEST_PAIR', 'MEAN_OF_ALL', 'ARBITRATION'],
    description:
      'With three marks: the mean of the closest pair, of all three, or the chief expert',
  })
  @IsIn(['CLOSEST_PAIR', 'MEAN_OF_ALL', 'ARBITRATION'])
  thirdMarkRule!: 'CLOSEST_PAIR' | 'MEAN_OF_ALL' | 'ARBITRATION';

  @ApiProperty({
    enum: ['MEAN_OF_ALL', 'HIGHER_PAIR', 'LOWER_PAIR', 'ARBITRATION'],
    description: 'Two pairs equally close (CLOSEST_PAIR): which decides',
  })
  @IsIn(['MEAN_OF_ALL', 'HIGHER_PAIR', 'LOWER_PAIR', 'ARBITRATION'])
  pairTieRule!: 'MEAN_OF_ALL' | 'HIGHER_PAIR' | 'LOWER_PAIR' | 'ARBITRATION';

  @ApiPropertyOptional({ description: 'false: turn double marking off', default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description:
      'The chief expert (主评专家): a judge account who may record the arbitrated total of a project whose marks call for one (besides the organiser)',
  })
  @IsOptional()
  @IsUUID()
  chiefJudgeId?: string | null;
}

export class DoubleMarkArbitrateDto {
  @ApiProperty({ description: "The chief expert's total for the project (0..100)", example: 82 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  total!: number;

  @ApiProperty({
    description: 'Why this total (recorded and audited)',
    example: '三位专家分差均超限，复核后裁定',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class BiasReportQuery {
  @ApiPropertyOptional({
    description: 'Flag projects whose judges differ by more than this',
    default: 15,
  })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(100)
  spreadThreshold?: number;
}

// ── Answers ──

export class PledgeAcceptanceDto {
  @ApiProperty({ format: 'uuid' }) judgeId!: string;
  @ApiProperty() judgeName!: string;
  @ApiProperty({ format: 'date-time' }) acceptedAt!: Date;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
  @ApiProperty({ description: 'SHA-256 of the text accepted' }) textSha256!: string;
}

export class CompetitionPledgeDto {
  @ApiProperty({ format: 'uuid' }) competitionId!: string;
  @ApiProperty({ type: String, nullable: true }) text!: string | null;
  @ApiProperty({ type: String, nullable: true }) textSha256!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: Date | null;
  @ApiProperty({ type: [PledgeAcceptanceDto] }) acceptances!: PledgeAcceptanceDto[];
}

export class JudgePledgeDto {
  @ApiProperty({ format: 'uuid' }) competitionId!: string;
  @ApiProperty() competitionName!: string;
  @ApiProperty({ description: 'The competition has a pledge: scoring waits for its acceptance' })
  required!: boolean;
  @ApiProperty({ type: String, nullable: true }) text!: string | null;
  @ApiProperty() accepted!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acceptedAt!: Date | null;
}

export class DoubleMarkingRuleDto {
  @ApiProperty() tolerance!: number;
  @ApiProperty({ enum: ['ABSOLUTE', 'SHARE_OF_MAX'] }) toleranceKind!: string;
  @ApiProperty() maxTotal!: number;
  @ApiProperty({ enum: ['CLOSEST_PAIR', 'MEAN_OF_ALL', 'ARBITRATION'] }) thirdMarkRule!: string;
  @ApiProperty({ enum: ['MEAN_OF_ALL', 'HIGHER_PAIR', 'LOWER_PAIR', 'ARBITRATION'] })
  pairTieRule!: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  chiefJudgeId?: string | null;
}

export class DoubleMarkArbitrationViewDto {
  @ApiProperty() total!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'uuid' }) decidedById!: string;
  @ApiProperty({ format: 'date-time' }) decidedAt!: Date;
}

export class DoubleMarkArbitrationResultDto {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty({ type: DoubleMarkArbitrationViewDto }) arbitration!: DoubleMarkArbitrationViewDto;
  @ApiProperty({ description: "The project's 2+1 result now (the arbitrated total, 2 decimals)" })
  score!: number;
  @ApiProperty({ enum: ['PENDING', 'NEEDS_THIRD', 'NEEDS_ARBITRATION', 'DONE'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) via!: string | null;
}

export class DoubleMarkDto {
  @ApiProperty({ format: 'uuid' }) judgeId!: string;
  @ApiProperty() judgeName!: string;
  @ApiProperty({ description: 'The third marker' }) third!: boolean;
  @ApiProperty({ type: Number, nullable: true }) total!: number | null;
  @ApiProperty({ description: 'This mark is in the pair (or set) that gave the result' })
  counted!: boolean;
}

export class DoubleMarkEntryDto {
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: Number, nullable: true }) rank!: number | null;
  @ApiProperty({ type: Number, nullable: true }) score!: number | null;
  @ApiProperty({ enum: ['PENDING', 'NEEDS_THIRD', 'NEEDS_ARBITRATION', 'DONE'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) via!: string | null;
  @ApiProperty({ description: 'The first two marks differed by more than the tolerance' })
  needsThird!: boolean;
  @ApiProperty() thirdAssigned!: boolean;
  @ApiProperty({ type: [DoubleMarkDto] }) marks!: DoubleMarkDto[];
  @ApiProperty({ type: DoubleMarkArbitrationViewDto, nullable: true })
  arbitration!: DoubleMarkArbitrationViewDto | null;
}

export class DoubleMarkingResultsDto {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ type: DoubleMarkingRuleDto, nullable: true }) rule!: DoubleMarkingRuleDto | null;
  @ApiProperty({ type: Number, nullable: true, description: 'T in points' }) tolerance!:
    number | null;
  @ApiProperty({ type: [DoubleMarkEntryDto] }) entries!: DoubleMarkEntryDto[];
}

export class BiasComponentDto {
  @ApiProperty() index!: number;
  @ApiProperty({ type: [String] }) judgeIds!: string[];
  @ApiProperty({ type: [String] }) projectIds!: string[];
}

export class BiasJudgeDto {
  @ApiProperty({ format: 'uuid' }) judgeId!: string;
  @ApiProperty() judgeName!: string;
  @ApiProperty() component!: number;
  @ApiProperty() scores!: number;
  @ApiProperty({ description: 'Judge effect: above (+) or below (−) its component, in points' })
  offset!: number;
  @ApiProperty({ type: Number, nullable: true }) standardError!: number | null;
  @ApiProperty({ description: '|offset| > 2 standard errors' }) flagged!: boolean;
}

export class BiasProjectDto {
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty() title!: string;
  @ApiProperty() component!: number;
  @ApiProperty() judgeCount!: number;
  @ApiProperty() rawMean!: number;
  @ApiProperty({ description: 'Project effect: the mean with judge effects removed' })
  calibrated!: number;
  @ApiProperty() spread!: number;
  @ApiProperty() spreadFlag!: boolean;
  @ApiProperty({ type: Number, nullable: true }) position!: number | null;
}

export class OrderPointDto {
  @ApiProperty() position!: number;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty() rawMean!: number;
}

export class OrderEffectDto {
  @ApiProperty({ type: [OrderPointDto] }) points!: OrderPointDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'Points per position' })
  slope!: number | null;
  @ApiProperty({ type: Number, nullable: true }) correlation!: number | null;
}

export class BiasReportDto {
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ description: 'Always true: the report never changes a result' })
  advisory!: boolean;
  @ApiProperty() spreadThreshold!: number;
  @ApiProperty({ description: 'One judge–project component: every judge comparable' })
  connected!: boolean;
  @ApiProperty({ type: [BiasComponentDto] }) components!: BiasComponentDto[];
  @ApiProperty({ type: [BiasJudgeDto] }) judges!: BiasJudgeDto[];
  @ApiProperty({ type: [BiasProjectDto] }) projects!: BiasProjectDto[];
  @ApiProperty() residualDf!: number;
  @ApiProperty({ type: Number, nullable: true }) residualSd!: number | null;
  @ApiProperty({ type: OrderEffectDto, nullable: true }) orderEffect!: OrderEffectDto | null;
}
