import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsDateString,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsIanaTimeZone } from '../../../common/time-zone.validator';

const CODE = /^[A-Z][A-Z0-9_]{0,39}$/;
const CODE_MESSAGE = 'must be UPPER_SNAKE_CASE, e.g. LIFE_HEALTH';

export class TrackDto {
  @ApiProperty({ example: 'LIFE_HEALTH' })
  @Matches(CODE, { message: `code ${CODE_MESSAGE}` })
  code: string;

  @ApiProperty({ example: '生命健康' })
  @IsString()
  @Length(1, 100)
  name: string;
}

export class StageDto {
  @ApiProperty({ example: 'HEAT' })
  @Matches(CODE, { message: `code ${CODE_MESSAGE}` })
  code: string;

  @ApiProperty({ example: '分站赛' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  order: number;
}

export class CreateCompetitionDto {
  @ApiProperty({ example: '第四届中国江阴（高新区）创新创业大赛' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ type: [TrackDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => TrackDto)
  tracks: TrackDto[];

  @ApiProperty({ type: [StageDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => StageDto)
  stages: StageDto[];

  @ApiProperty({ example: '2026-03-01T00:00:00+08:00' })
  @IsDateString({ strict: true })
  registrationOpensAt: string;

  @ApiProperty({ example: '2026-04-30T23:59:59+08:00' })
  @IsDateString({ strict: true })
  registrationClosesAt: string;

  @ApiPropertyOptional({
    description:
      'IANA time zone the competition runs in; mails and exports show times in it. Default Asia/Shanghai.',
    example: 'Asia/Shanghai',
    default: 'Asia/Shanghai',
  })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;
}

export class CreateHeatDto {
  @ApiProperty({ example: 'HEAT' })
  @IsString()
  stageCode: string;

  @ApiProperty({ example: '华南赛区' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: '华南' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  region?: string;

  @ApiPropertyOptional({ example: '深圳' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  city?: string;

  @ApiPropertyOptional({ example: '江阴高新区深圳离岸孵化器' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  venue?: string;

  @ApiPropertyOptional({
    description: 'The offshore incubator (enclave) hosting the heat',
    example: '江阴高新区深圳科创飞地',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  enclave?: string;

  @ApiPropertyOptional({ example: '2026-05-20T09:00:00+08:00' })
  @IsOptional()
  @IsDateString({ strict: true })
  startsAt?: string;

  @ApiPropertyOptional({ example: 5 })
  @IsOptional()
  @IsInt()
  @Min(1)
  advanceQuota?: number;
}

export class CriterionDto {
  @ApiProperty({ example: 'TECH' })
  @Matches(CODE, { message: `code ${CODE_MESSAGE}` })
  code: string;

  @ApiProperty({ example: '技术与产品' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ example: 0.3 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  weight: number;

  @ApiProperty({ example: 100 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  maxScore: number;
}

export class CreateRubricDto {
  @ApiProperty({ example: '分站赛评分标准' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ type: [CriterionDto] })
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria: CriterionDto[];
}
