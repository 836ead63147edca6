import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class JudgeCriterionDto {
  @ApiProperty({ example: 'TECH' })
  code!: string;
  @ApiProperty({ example: '技术与产品' })
  name!: string;
  @ApiProperty({ example: 0.3, description: 'Weights of a rubric sum to 1' })
  weight!: number;
  @ApiProperty({ example: 100 })
  maxScore!: number;
}

export class JudgeProgressDto {
  @ApiProperty({ description: 'Projects assigned to the caller in the round' })
  assigned!: number;
  @ApiProperty({ description: 'Of those, scores the caller has submitted' })
  submitted!: number;
}

export class JudgeRoundProjectDto {
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ type: String, nullable: true, description: 'null in a blind round' })
  organisationName!: string | null;
  @ApiProperty({ enum: ['NOT_STARTED', 'DRAFT', 'SUBMITTED'] })
  scoreStatus!: 'NOT_STARTED' | 'DRAFT' | 'SUBMITTED';
  @ApiProperty({ type: Number, nullable: true, description: "The caller's total, 0–100" })
  total!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Place in the drawn pitch order, 1-based',
  })
  pitchPosition!: number | null;
}

export class JudgeRoundSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: '路演评审' })
  name!: string;
  @ApiProperty({ enum: ['EXPERT_REVIEW', 'ROADSHOW'] })
  kind!: string;
  @ApiProperty({ enum: ['DRAFT', 'OPEN', 'CLOSED'] })
  status!: 'DRAFT' | 'OPEN' | 'CLOSED';
  @ApiProperty({ enum: ['MEAN', 'TRIMMED_MEAN', 'ZSCORE'] })
  method!: 'MEAN' | 'TRIMMED_MEAN' | 'ZSCORE';
  @ApiProperty({ example: '华南赛区' })
  heatName!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closesAt!: Date | null;
  @ApiProperty({ type: JudgeProgressDto })
  progress!: JudgeProgressDto;
}

export class JudgeRoundListDto {
  @ApiProperty({ type: [JudgeRoundSummaryDto] })
  items!: JudgeRoundSummaryDto[];
}

export class JudgeRoundDto extends JudgeRoundSummaryDto {
  @ApiProperty({ description: 'TRIMMED_MEAN: totals dropped at each end' })
  trim!: number;
  @ApiProperty({
    type: [JudgeCriterionDto],
    description: 'The rubric as it was when the round was made',
  })
  criteria!: JudgeCriterionDto[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  nowPitchingProjectId!: string | null;
  @ApiProperty({ type: [JudgeRoundProjectDto], description: 'In pitch order once it is drawn' })
  projects!: JudgeRoundProjectDto[];
}

export class JudgeOrganisationDto {
  @ApiProperty({ example: '深圳智医科技有限公司' })
  name!: string;
  @ApiPropertyOptional({ example: '深圳' })
  city?: string;
  @ApiPropertyOptional({ example: '2021-06-01' })
  foundedAt?: string;
}

export class JudgeScoreDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { TECH: 85, BUSINESS: 78 },
  })
  scores!: Record<string, number>;
  @ApiProperty({ type: String, nullable: true })
  comment!: string | null;
  @ApiProperty()
  total!: number;
  @ApiProperty({ enum: ['DRAFT', 'SUBMITTED'] })
  status!: 'DRAFT' | 'SUBMITTED';
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt!: Date | null;
}

export class JudgeLabelDto {
  @ApiProperty() zh!: string;
  @ApiProperty() en!: string;
}

export class JudgeAnswerOptionDto {
  @ApiProperty() value!: string;
  @ApiProperty({ type: JudgeLabelDto }) label!: JudgeLabelDto;
}

export class JudgeAnswerColumnDto {
  @ApiProperty() key!: string;
  @ApiProperty({ enum: ['text', 'number', 'date', 'yesNo'] }) type!: string;
  @ApiProperty({ type: JudgeLabelDto }) label!: JudgeLabelDto;
}

/** One answer of the registration form, with what the page needs to show it. */
export class JudgeAnswerDto {
  @ApiProperty() key!: string;
  @ApiProperty({
    enum: ['text', 'longText', 'number', 'date', 'choice', 'multiChoice', 'yesNo', 'table'],
  })
  type!: 'text' | 'longText' | 'number' | 'date' | 'choice' | 'multiChoice' | 'yesNo' | 'table';
  @ApiProperty({ type: JudgeLabelDto }) label!: JudgeLabelDto;
  @ApiPropertyOptional({ example: '万元' }) unit?: string;
  @ApiProperty({
    description:
      'string (text, date YYYY-MM-DD, a choice value), number, boolean (yes/no), string[] (choices), or rows of a table',
    oneOf: [
      { type: 'string' },
      { type: 'number' },
      { type: 'boolean' },
      { type: 'array', items: { type: 'string' } },
      { type: 'array', items: { type: 'object', additionalProperties: true } },
    ],
  })
  value!: string | number | boolean | string[] | Record<string, unknown>[];
  @ApiPropertyOptional({ type: [JudgeAnswerOptionDto], description: 'choice, multiChoice' })
  options?: JudgeAnswerOptionDto[];
  @ApiPropertyOptional({ type: [JudgeAnswerColumnDto], description: 'table' })
  columns?: JudgeAnswerColumnDto[];
}

/** What a judge may read of a project: its materials, not its team's contacts or notes. */
export class JudgeProjectDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty()
  summary!: string;
  @ApiProperty({ example: 'LIFE_HEALTH' })
  trackCode!: string;
  @ApiProperty({ example: '生命健康' })
  trackName!: string;
  @ApiPropertyOptional({ type: JudgeOrganisationDto, description: 'Absent in a blind round' })
  organisation?: JudgeOrganisationDto;
  @ApiProperty({ type: String, nullable: true, example: '天使轮' })
  fundingStage!: string | null;
  @ApiProperty({ type: String, nullable: true })
  pitchDeckUrl!: string | null;
  @ApiPropertyOptional({
    description:
      'Team members (names and roles are in the pitch; contacts are not shared); absent in a blind round',
  })
  teamSize?: number;
  @ApiProperty({ description: 'Blind review: organisation and team are withheld' })
  blind!: boolean;
  @ApiProperty({
    type: [JudgeAnswerDto],
    description:
      "The registration form's answers (file fields aside), in form order; identity fields are withheld in a blind round",
  })
  answers!: JudgeAnswerDto[];
  @ApiProperty({ type: JudgeScoreDto, nullable: true, description: "The caller's score, if any" })
  myScore!: JudgeScoreDto | null;
}
