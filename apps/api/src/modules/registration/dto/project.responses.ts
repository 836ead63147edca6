import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OrganisationDto, TeamMemberDto } from './project.dto';
import { ProjectFlagDto } from './registration-form.dto';

const STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'ELIGIBLE',
  'INELIGIBLE',
  'ADVANCED',
  'ELIMINATED',
  'AWARDED',
  'WITHDRAWN',
];

export class ProjectViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  competitionId!: string;
  @ApiProperty({ format: 'uuid' })
  ownerId!: string;
  @ApiProperty({ format: 'uuid', description: 'The heat the project is in now' })
  heatId!: string;
  @ApiProperty({ example: 'IOT' })
  trackCode!: string;
  @ApiProperty({ example: '柔性电子皮肤传感器' })
  title!: string;
  @ApiProperty()
  summary!: string;
  @ApiPropertyOptional({
    type: OrganisationDto,
    description: "Absent only in a judge's view of a blind round (`blind: true`)",
  })
  organisation?: OrganisationDto;
  @ApiPropertyOptional({
    example: '深圳智感科技有限公司',
    description: "Absent only in a judge's view of a blind round",
  })
  organisationName?: string;
  @ApiPropertyOptional({
    type: [TeamMemberDto],
    description: "Absent only in a judge's view of a blind round",
  })
  team?: TeamMemberDto[];
  @ApiProperty({ type: String, nullable: true, example: 'ANGEL' })
  fundingStage!: string | null;
  @ApiProperty({ type: String, nullable: true })
  pitchDeckUrl!: string | null;
  @ApiProperty({ enum: STATUSES })
  status!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why the organiser decided so' })
  reviewReason!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  reviewedById!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  reviewedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  withdrawnAt!: Date | null;
  @ApiProperty({ format: 'date-time' })
  createdAt!: Date;
  @ApiProperty({ format: 'date-time' })
  updatedAt!: Date;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      "Answers to the competition's registration form by field key (absent in a judge's blind view)",
  })
  answers?: Record<string, unknown>;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'company',
    description: 'The group (组别)',
  })
  groupKey!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the owner accepted the declaration at submit',
  })
  declarationAcceptedAt!: Date | null;
  @ApiPropertyOptional({
    type: [ProjectFlagDto],
    description:
      "The organiser's review list only: eligibility rules the answers match (flags, not decisions)",
  })
  flags?: ProjectFlagDto[];
  @ApiPropertyOptional({
    description:
      "A judge's view only: true when the judge meets the project in a blind round (organisation and team hidden)",
  })
  blind?: boolean;
}

export class ProjectListDto {
  @ApiProperty({ type: [ProjectViewDto] })
  items!: ProjectViewDto[];
}

export class ProjectPageDto {
  @ApiProperty({ type: [ProjectViewDto] })
  items!: ProjectViewDto[];
  @ApiProperty({ description: 'Matching projects over all pages' })
  total!: number;
  @ApiProperty({ example: 1 })
  page!: number;
  @ApiProperty({ example: 20 })
  pageSize!: number;
}
