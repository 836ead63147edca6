import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { EXPERT_FIELDS } from '@app/domain';

// ── Inputs ──

export class CreateExpertDto {
  @ApiProperty({ example: '王建国' }) @IsString() @Length(1, 100) name!: string;
  @ApiProperty({ example: 'wang.jianguo@example.cn' }) @IsEmail() @MaxLength(254) email!: string;
  @ApiPropertyOptional({ example: '教授' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  title?: string;
  @ApiPropertyOptional({ example: '华南理工大学' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  unit?: string;
  @ApiPropertyOptional({ example: '广东' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  region?: string;
  @ApiProperty({ enum: EXPERT_FIELDS, isArray: true })
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(EXPERT_FIELDS, { each: true })
  fields!: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  tracks?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) phone?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() available?: boolean;
  @ApiPropertyOptional({ description: 'Projects per round at most' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  capacity?: number;
}

export class UpdateExpertDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) unit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) region?: string;
  @ApiPropertyOptional({ enum: EXPERT_FIELDS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(EXPERT_FIELDS, { each: true })
  fields?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  tracks?: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() available?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(1000) capacity?: number;
  @ApiPropertyOptional({ description: "The organiser's after-season rating, 1..5" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  rating?: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) ratingNote?: string;
}

export class UpdateMyExpertProfileDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) unit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) region?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() available?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(1000) capacity?: number;
  @ApiPropertyOptional({
    type: [String],
    description: 'Units the expert must not judge (standing conflicts)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  conflictUnits?: string[];
  @ApiPropertyOptional({
    type: [String],
    description: 'People (names or addresses) the expert must not judge',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  conflictPeople?: string[];
}

export class ExpertImportQuery {
  @ApiPropertyOptional({ description: 'true: report only, nothing changed' })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  dryRun?: boolean;
}

export class DrawMixDto {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(50) TECHNOLOGY?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(50) INVESTMENT?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(50) INDUSTRY?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(50) FINANCE?: number;
}

export class CreateExpertDrawDto {
  @ApiProperty({ type: DrawMixDto, example: { TECHNOLOGY: 2, INVESTMENT: 2, INDUSTRY: 1 } })
  @IsObject()
  @ValidateNested()
  @Type(() => DrawMixDto)
  mix!: DrawMixDto;
  @ApiProperty({ description: 'Reserves drawn after the panel', example: 2 })
  @IsInt()
  @Min(0)
  @Max(50)
  reserves!: number;
  @ApiPropertyOptional({
    description: 'At least this share of the panel from outside the organiser unit',
    default: 0.5,
  })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  minOutsideShare?: number;
  @ApiPropertyOptional({ description: "The organiser's unit (default: the caller's affiliation)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  organiserUnit?: string;
  @ApiPropertyOptional({
    description:
      'Recuse experts of the same province (region) as a project’s unit (the heat’s region for a unit that states none)',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  recuseSameRegion?: boolean;
  @ApiPropertyOptional({
    description: 'Recuse experts who judged these projects in an earlier round',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  recuseJudgedEarlier?: boolean;
  @ApiPropertyOptional({
    description:
      'Projects each panel member will judge, for the capacity filter (an expert whose capacity per round is lower is excluded AT_CAPACITY); absent: every project of the round',
    example: 12,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  projectsPerExpert?: number;
}

export class DeclineInvitationDto {
  @ApiProperty({ example: '时间冲突' }) @IsString() @MaxLength(500) reason!: string;
}

// ── Answers ──

export class ExpertDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) userId!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) unit!: string | null;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty({ enum: EXPERT_FIELDS, isArray: true }) fields!: string[];
  @ApiProperty({ type: [String] }) tracks!: string[];
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty() available!: boolean;
  @ApiProperty({ type: Number, nullable: true }) capacity!: number | null;
  @ApiProperty({ type: [String] }) conflictUnits!: string[];
  @ApiProperty({ type: [String] }) conflictPeople!: string[];
  @ApiProperty() roundsJudged!: number;
  @ApiProperty() declines!: number;
  @ApiPropertyOptional({
    description:
      'History (in the pool list): score reminders (评分提醒) mailed to the expert, cancelled ones and 2+1 third-expert notices not counted',
  })
  remindersNeeded?: number;
  @ApiProperty({ type: Number, nullable: true }) rating!: number | null;
  @ApiProperty({ type: String, nullable: true }) ratingNote!: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt!: Date;
}

export class ExpertListDto {
  @ApiProperty({ type: [ExpertDto] }) items!: ExpertDto[];
}

export class ExpertImportProblemDto {
  @ApiProperty({ type: Number, nullable: true }) row!: number | null;
  @ApiProperty({ type: String, nullable: true }) column!: string | null;
  @ApiProperty() field!: string;
  @ApiProperty() message!: string;
  @ApiProperty() messageZh!: string;
}

export class ExpertImportResultDto {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty() total!: number;
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty({ description: 'New judge accounts (each invited by mail)' })
  accountsCreated!: number;
  @ApiProperty({ type: [ExpertImportProblemDto] }) problems!: ExpertImportProblemDto[];
}

export class DrawCandidateDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) unit!: string | null;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty({ type: [String] }) fields!: string[];
  @ApiProperty() available!: boolean;
  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Projects per round at most (absent in records drawn before capacity counted)',
  })
  capacity?: number | null;
  @ApiProperty() hasAccount!: boolean;
  @ApiProperty({ type: [String] }) conflictUnits!: string[];
  @ApiProperty({ type: [String] }) conflictPeople!: string[];
  @ApiProperty({ type: [String] }) judgedProjectIds!: string[];
}

export class DrawProjectDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) unit!: string | null;
  @ApiProperty({ type: [String] }) people!: string[];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: "The province of the project's unit, when its registration states one",
  })
  province?: string | null;
}

export class DrawContextDto {
  @ApiProperty({ type: [DrawProjectDto] }) projects!: DrawProjectDto[];
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
}

export class DrawRulesDto {
  @ApiProperty({ type: DrawMixDto }) mix!: DrawMixDto;
  @ApiProperty() reserves!: number;
  @ApiProperty({ type: String, nullable: true }) organiserUnit!: string | null;
  @ApiProperty() minOutsideShare!: number;
  @ApiProperty() recuseSameRegion!: boolean;
  @ApiProperty() recuseJudgedEarlier!: boolean;
  @ApiPropertyOptional({ type: Number, nullable: true }) projectsPerExpert?: number | null;
}

export class DrawExcludedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) reasons!: string[];
}

export class DrawnExpertDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() field!: string;
  @ApiProperty() position!: number;
  @ApiProperty() insider!: boolean;
}

export class DrawReserveDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() position!: number;
  @ApiProperty() insider!: boolean;
}

export class ExpertInvitationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) drawId!: string;
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty() roundName!: string;
  @ApiProperty({ format: 'uuid' }) expertId!: string;
  @ApiProperty() expertName!: string;
  @ApiProperty() field!: string;
  @ApiProperty({ enum: ['DRAWN', 'RESERVE'] }) source!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) replacesId!: string | null;
  @ApiProperty({ enum: ['INVITED', 'ACCEPTED', 'DECLINED'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) respondedAt!: Date | null;
}

export class ExpertInvitationListDto {
  @ApiProperty({ type: [ExpertInvitationDto] }) items!: ExpertInvitationDto[];
}

export class ExpertDrawDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) roundId!: string;
  @ApiProperty({ enum: ['COMMITTED', 'DRAWN'] }) status!: string;
  @ApiProperty() requestedByName!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: Date;
  @ApiProperty({ type: DrawRulesDto }) rules!: DrawRulesDto;
  @ApiProperty({ description: 'SHA-256 (hex) of the seed, shown before the draw' })
  seedSha256!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Revealed after the draw; null before',
  })
  seed!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) drawnAt!: Date | null;
  @ApiProperty({ type: String, nullable: true }) drawnByName!: string | null;
  @ApiProperty({
    type: [DrawCandidateDto],
    description: 'The candidate set as the draw saw it (after the draw)',
  })
  candidates!: DrawCandidateDto[];
  @ApiProperty({ type: DrawContextDto, nullable: true }) context!: DrawContextDto | null;
  @ApiProperty({ type: [DrawExcludedDto] }) excluded!: DrawExcludedDto[];
  @ApiProperty({ type: [String], description: 'Eligible candidate ids in drawn order' })
  order!: string[];
  @ApiProperty({ type: [DrawnExpertDto] }) drawn!: DrawnExpertDto[];
  @ApiProperty({ type: [DrawReserveDto] }) reserves!: DrawReserveDto[];
  @ApiProperty({ type: [String] }) passedOver!: string[];
  @ApiProperty({ type: Number, nullable: true }) insiderCap!: number | null;
  @ApiProperty({ type: [ExpertInvitationDto] }) invitations!: ExpertInvitationDto[];
}

export class ExpertDrawListDto {
  @ApiProperty({ type: [ExpertDrawDto] }) items!: ExpertDrawDto[];
}

export class DeclineResultDto {
  @ApiProperty({ type: ExpertInvitationDto }) declined!: ExpertInvitationDto;
  @ApiProperty({
    type: ExpertInvitationDto,
    nullable: true,
    description: 'The reserve invited in its place; null when none fits',
  })
  replacement!: ExpertInvitationDto | null;
}

export class MyExpertProfileDto {
  @ApiProperty({ type: [ExpertDto], description: "The caller's entries in organisers' pools" })
  profiles!: ExpertDto[];
}
