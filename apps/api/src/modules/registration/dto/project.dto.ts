import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import type { Answers } from '@app/domain';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class OrganisationDto {
  @ApiProperty({ example: '深圳智感科技有限公司' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ example: '深圳' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  city?: string;

  @ApiPropertyOptional({
    example: '广东省',
    description: 'The province (省) of the unit, for the expert draw’s same-province recusal',
  })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  province?: string;

  @ApiPropertyOptional({ example: '2023-06-01' })
  @IsOptional()
  @IsDateString({ strict: true })
  foundedAt?: string;
}

export class TeamMemberDto {
  @ApiProperty({ example: '李娜' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ example: 'CEO' })
  @IsString()
  @Length(1, 100)
  role: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ description: '留学人员 / 海归' })
  @IsOptional()
  @IsBoolean()
  overseasReturnee?: boolean;
}

// A draft needs only what makes a row: its title and its placement (track
// and entry heat). Everything else may stay empty until submit, which lists
// every missing item at once (PROJECT_INCOMPLETE).
export class CreateProjectDto {
  @ApiProperty({ example: '柔性电子皮肤传感器' })
  @IsString()
  @Length(1, 200)
  title: string;

  @ApiPropertyOptional({ description: 'Required at submit' })
  @IsOptional()
  @IsString()
  @Length(0, 5000)
  summary?: string;

  @ApiProperty({ example: 'IOT' })
  @IsString()
  trackCode: string;

  @ApiProperty({ description: 'A heat of the first stage' })
  @IsUUID()
  heatId: string;

  @ApiPropertyOptional({ type: OrganisationDto, description: 'Its name is required at submit' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OrganisationDto)
  organisation?: OrganisationDto;

  @ApiPropertyOptional({ type: [TeamMemberDto], description: 'At least one member at submit' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberDto)
  team?: TeamMemberDto[];

  @ApiPropertyOptional({ example: 'ANGEL' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  fundingStage?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUrl({ require_protocol: true })
  pitchDeckUrl?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      "Answers to the competition's registration form by field key; in PATCH merged into the stored ones (null clears one)",
    example: { registeredCapital: 500, patents: [{ number: 'ZL2023…', granted: true }] },
  })
  @IsOptional()
  @IsObject()
  answers?: Answers;

  @ApiPropertyOptional({
    example: 'company',
    description: "A group (组别) of the competition's form",
  })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  groupKey?: string;
}

export class UpdateProjectDto extends PartialType(CreateProjectDto) {}

export const PROJECT_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'ELIGIBLE',
  'INELIGIBLE',
  'ADVANCED',
  'ELIMINATED',
  'AWARDED',
  'WITHDRAWN',
] as const;

export class ListProjectsQuery {
  @ApiPropertyOptional({ enum: PROJECT_STATUSES })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status?: (typeof PROJECT_STATUSES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  heatId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  trackCode?: string;

  @ApiPropertyOptional({ description: 'Part of the title or the organisation name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page: number = 1;

  @ApiPropertyOptional({ default: 20, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize: number = 20;
}

export class ReviewProjectDto {
  @ApiProperty({ enum: ['ELIGIBLE', 'INELIGIBLE'] })
  @IsIn(['ELIGIBLE', 'INELIGIBLE'])
  decision: 'ELIGIBLE' | 'INELIGIBLE';

  @ApiPropertyOptional({ description: 'Required for INELIGIBLE' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;
}

export class SubmitProjectDto {
  @ApiPropertyOptional({
    description: "Accepts the competition's declaration (参赛声明); required when the form has one",
  })
  @IsOptional()
  @IsBoolean()
  acceptDeclaration?: boolean;
}
