import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsDateString,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsIanaTimeZone } from '../../../common/time-zone.validator';
import { CriterionDto } from '../../competitions/dto/competition.dto';

export class UpdateCompetitionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;

  @ApiPropertyOptional({ example: '2026-03-01T00:00:00+08:00' })
  @IsOptional()
  @IsDateString({ strict: true })
  registrationOpensAt?: string;

  @ApiPropertyOptional({ example: '2026-05-15T23:59:59+08:00' })
  @IsOptional()
  @IsDateString({ strict: true })
  registrationClosesAt?: string;

  @ApiPropertyOptional({ example: 'Asia/Shanghai' })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;
}

export class UpdateHeatDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) region?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) city?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) venue?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) enclave?: string;

  @ApiPropertyOptional({ example: '2026-05-20T09:00:00+08:00' })
  @IsOptional()
  @IsDateString({ strict: true })
  startsAt?: string;

  @ApiPropertyOptional({ example: 5 }) @IsOptional() @IsInt() @Min(1) advanceQuota?: number;
}

export class UpdateRubricDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) name?: string;

  @ApiPropertyOptional({ type: [CriterionDto] })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => CriterionDto)
  criteria?: CriterionDto[];
}

export class CompetitionEditDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() registrationOpensAt: Date;
  @ApiProperty() registrationClosesAt: Date;
  @ApiProperty() timeZone: string;
}

export class HeatEditDto {
  @ApiProperty() id: string;
  @ApiProperty() competitionId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) region: string | null;
  @ApiProperty({ nullable: true, type: String }) city: string | null;
  @ApiProperty({ nullable: true, type: String }) venue: string | null;
  @ApiProperty({ nullable: true, type: String }) enclave: string | null;
  @ApiProperty({ nullable: true, type: Date }) startsAt: Date | null;
  @ApiProperty({ nullable: true, type: Number }) advanceQuota: number | null;
}

export class RubricEditDto {
  @ApiProperty() id: string;
  @ApiProperty() competitionId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [CriterionDto] }) criteria: CriterionDto[];
  @ApiProperty({ description: 'DRAFT rounds whose criteria followed the edit' })
  draftRoundsUpdated: number;
}
