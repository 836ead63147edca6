import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CriterionDto } from '../../competitions/dto/competition.dto';
import { DoubleMarkingRuleDto } from './experts-judging.dto';

export class RoundViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  competitionId!: string;
  @ApiProperty({ format: 'uuid' })
  heatId!: string;
  @ApiProperty({ example: '华南赛区' })
  heatName!: string;
  @ApiProperty({ example: '现场路演' })
  name!: string;
  @ApiProperty({ enum: ['EXPERT_REVIEW', 'ROADSHOW'] })
  kind!: string;
  @ApiProperty({ format: 'uuid' })
  rubricId!: string;
  @ApiProperty({ type: [CriterionDto], description: "The rubric's criteria, frozen at creation" })
  criteria!: CriterionDto[];
  @ApiProperty({ enum: ['MEAN', 'TRIMMED_MEAN', 'ZSCORE'] })
  method!: string;
  @ApiProperty({ description: 'TRIMMED_MEAN: highest and lowest totals dropped' })
  trim!: number;
  @ApiProperty({ description: "The round's weight in the heat standings" })
  weight!: number;
  @ApiProperty({ enum: ['DRAFT', 'OPEN', 'CLOSED'] })
  status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  opensAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closesAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  openedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  reminderSentAt!: Date | null;
  @ApiProperty({ format: 'date-time' })
  createdAt!: Date;
  @ApiProperty({ description: 'Blind review: judges see neither organisation nor team' })
  blind!: boolean;
  @ApiProperty({
    description: "Judges may read the others' submitted scores after submitting their own",
  })
  peerScoresVisible!: boolean;
  @ApiProperty({ description: 'Judges read the materials in the viewer only: no download' })
  materialsViewOnly!: boolean;
  @ApiProperty({
    type: DoubleMarkingRuleDto,
    nullable: true,
    description: 'Double marking (2+1): the rule, or null when every assigned judge counts',
  })
  doubleMarking!: DoubleMarkingRuleDto | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'The seed the pitch order was drawn with (it reproduces the draw); null before the draw',
  })
  pitchSeed!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'SHA-256 (hex) of pitchSeed: equal to the hash committed before the draw; null before the draw',
  })
  pitchSeedHash!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'SHA-256 (hex) of the seed committed for the next draw (POST …/pitch-order/commitment); null when none is',
  })
  nextPitchSeedHash!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextPitchSeedCommittedAt!: Date | null;
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Project ids in pitch order; empty before the draw',
  })
  pitchOrder!: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  pitchOrderDrawnAt!: Date | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The project pitching now in a live roadshow',
  })
  nowPitchingProjectId!: string | null;
}

export class RoundListDto {
  @ApiProperty({ type: [RoundViewDto] })
  items!: RoundViewDto[];
}

export class RoundJudgeDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty({ format: 'uuid' })
  judgeId!: string;
  @ApiProperty({ example: '王教授' })
  name!: string;
  @ApiProperty()
  email!: string;
  @ApiProperty({ example: 'zh-CN' })
  locale!: string;
  @ApiProperty({ type: String, nullable: true })
  affiliation!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'When this judge was mailed the list of its projects (once, when the round opens); null before',
  })
  assignmentMailedAt!: Date | null;
}

export class RoundJudgeListDto {
  @ApiProperty({ type: [RoundJudgeDto] })
  items!: RoundJudgeDto[];
}

export class ConflictViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty({ format: 'uuid' })
  judgeId!: string;
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty({ example: '同一单位' })
  reason!: string;
  @ApiProperty({ format: 'uuid' })
  declaredById!: string;
  @ApiProperty({ format: 'date-time' })
  createdAt!: Date;
}

export class ConflictDeclaredDto {
  @ApiProperty({ type: ConflictViewDto })
  conflict!: ConflictViewDto;
  @ApiProperty({ description: 'An assignment of this pair existed and was removed' })
  removedAssignment!: boolean;
  @ApiProperty({ description: 'A score of this pair existed and was removed' })
  removedScore!: boolean;
}

export class AutoAssignResultDto {
  @ApiProperty({ description: 'Assignments made' })
  assignments!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Projects per judge id',
  })
  loads!: Record<string, number>;
}

export class AssignmentDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty({ format: 'uuid' })
  judgeId!: string;
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
}

export class AssignmentRemovedDto {
  @ApiProperty({ description: 'The assignment existed and was removed' })
  assignment!: boolean;
  @ApiProperty({ description: 'A score of this pair existed and was removed' })
  score!: boolean;
}

export class AssignmentRowDto {
  @ApiProperty({ format: 'uuid' })
  judgeId!: string;
  @ApiProperty()
  judgeName!: string;
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ enum: ['NOT_STARTED', 'DRAFT', 'SUBMITTED'] })
  scoreStatus!: string;
}

export class AssignmentListDto {
  @ApiProperty({ type: [AssignmentRowDto] })
  items!: AssignmentRowDto[];
}

export class MissingScoresDto {
  @ApiProperty({ format: 'uuid' })
  judgeId!: string;
  @ApiProperty({ type: [String], description: 'Assigned projects without a submitted score' })
  projectIds!: string[];
}

export class RoundProgressDto {
  @ApiProperty()
  assignments!: number;
  @ApiProperty({ description: 'Submitted scores' })
  submitted!: number;
  @ApiProperty({ type: [MissingScoresDto] })
  missing!: MissingScoresDto[];
}

export class ReminderResultDto {
  @ApiProperty({ description: 'Judges sent a reminder' })
  remindedJudges!: number;
}

export class JudgeAssignmentDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty()
  roundName!: string;
  @ApiProperty()
  heatName!: string;
  @ApiProperty({ enum: ['DRAFT', 'OPEN', 'CLOSED'] })
  roundStatus!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  closesAt!: Date | null;
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ enum: ['NOT_STARTED', 'DRAFT', 'SUBMITTED'] })
  scoreStatus!: string;
  @ApiProperty({ type: Number, nullable: true, description: "The judge's weighted total" })
  total!: number | null;
}

export class JudgeAssignmentListDto {
  @ApiProperty({ type: [JudgeAssignmentDto] })
  items!: JudgeAssignmentDto[];
}

export class ScoreViewDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty({ format: 'uuid' })
  judgeId!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    example: { TECH: 8.5, MARKET: 7 },
    description: 'Points per criterion code',
  })
  scores!: Record<string, number>;
  @ApiProperty({ type: String, nullable: true })
  comment!: string | null;
  @ApiProperty({ description: "The judge's weighted total in 0..100 (docs/scoring.md, rule 1)" })
  total!: number;
  @ApiProperty({ enum: ['DRAFT', 'SUBMITTED'] })
  status!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt!: Date | null;
}

export class RankingEntryDto {
  @ApiProperty({ description: 'Competition ranking: ties share a rank (1, 1, 3)' })
  rank!: number;
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ description: 'Aggregated score, rounded to 2 decimals' })
  score!: number;
  @ApiProperty({ description: 'Submitted scores counted' })
  judgeCount!: number;
  @ApiProperty({ description: 'Highest minus lowest judge total' })
  spread!: number;
  @ApiPropertyOptional({
    description:
      'Double-marked (2+1) rounds only: the first two marks differed by more than the tolerance, so a third expert marked the project',
  })
  thirdExpert?: boolean;
  @ApiPropertyOptional({
    enum: ['PENDING', 'NEEDS_THIRD', 'NEEDS_ARBITRATION', 'DONE'],
    description:
      '2+1 rounds only: DONE when the rule decided the score; otherwise the score is the provisional mean of the marks so far',
  })
  doubleMarkStatus?: string;
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      '2+1 rounds only: how the score was decided (PAIR_WITHIN_TOLERANCE, CLOSEST_PAIR, MEAN_OF_ALL, TIE_…, ARBITRATION)',
  })
  doubleMarkVia?: string | null;
}

export class RoundRankingEntryDto extends RankingEntryDto {
  @ApiProperty({ description: 'Judges assigned to the project' })
  assignedJudges!: number;
  @ApiProperty({
    description:
      'Every assigned judge is counted. A partial score (false) is for organisers only: the big screen never shows it',
  })
  complete!: boolean;
}

export class RankingViewDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty({ enum: ['MEAN', 'TRIMMED_MEAN', 'ZSCORE'] })
  method!: string;
  @ApiProperty({ description: 'Computed after the round closed: it will not change' })
  final!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  computedAt!: Date | null;
  @ApiProperty({ type: [RoundRankingEntryDto] })
  entries!: RoundRankingEntryDto[];
}

export class StandingsRoundDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  weight!: number;
  @ApiProperty({ enum: ['MEAN', 'TRIMMED_MEAN', 'ZSCORE'] })
  method!: string;
  @ApiProperty({ enum: ['DRAFT', 'OPEN', 'CLOSED'] })
  status!: string;
  @ApiProperty({ description: 'Closed, so its final ranking counts' })
  included!: boolean;
}

export class StandingsDto {
  @ApiProperty({ format: 'uuid' })
  heatId!: string;
  @ApiProperty({ type: [StandingsRoundDto] })
  rounds!: StandingsRoundDto[];
  @ApiProperty({ description: 'Every round closed with its final ranking: settled' })
  final!: boolean;
  @ApiProperty({ type: [RankingEntryDto] })
  entries!: RankingEntryDto[];
}
