import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AdvancementBasisDto {
  @ApiProperty({
    enum: [
      'QUOTA',
      'TIED_AT_CUTOFF',
      'QUOTA_FULL',
      'UNIT_CAP_FULL',
      'NO_QUOTA',
      'WILDCARD',
      'WILDCARD_BLOCKED',
      'EXCLUDED',
    ],
    description:
      'Which rule placed or stopped the project: QUOTA (rank within its bucket), TIED_AT_CUTOFF (并列待定, advances), QUOTA_FULL, UNIT_CAP_FULL (单位上限已满), NO_QUOTA, WILDCARD (赛区推荐), WILDCARD_BLOCKED (its unit at the cap), EXCLUDED',
  })
  code!: string;
  @ApiPropertyOptional({ description: "Index into the plan's buckets" })
  bucket?: number;
  @ApiPropertyOptional({ description: 'Rank within the bucket (ties share it)' })
  rank?: number;
  @ApiPropertyOptional()
  quota?: number;
  @ApiPropertyOptional({ enum: ['QUOTA', 'UNIT_CAP'], description: 'The limit a tie is at' })
  limit?: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'The cap per unit' })
  cap?: number | null;
  @ApiPropertyOptional({ description: 'The unit (organisation) at its cap' })
  unit?: string;
  @ApiPropertyOptional({ description: 'The organiser’s reason (wildcard, exclusion)' })
  reason?: string;
}

export class AdvancementDecisionDto {
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ description: 'Standings score (combined over closed rounds)' })
  score!: number;
  @ApiProperty({ enum: ['ADVANCED', 'ELIMINATED', 'AWARDED'] })
  result!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Why an override changed the verdict' })
  reason!: string | null;
  @ApiProperty({ type: String, enum: ['INCLUDED', 'EXCLUDED'], nullable: true })
  override!: 'INCLUDED' | 'EXCLUDED' | null;
  @ApiPropertyOptional({
    type: AdvancementBasisDto,
    nullable: true,
    description: 'Which rule placed or stopped it (null for decisions recorded before rules)',
  })
  basis?: AdvancementBasisDto | null;
  @ApiPropertyOptional({ description: 'The unit (organisation) the cap counts' })
  unit?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'The group (组别) key' })
  groupKey?: string | null;
  @ApiPropertyOptional({ description: 'The track code' })
  trackCode?: string;
}

export class AdvancementBucketDto {
  @ApiProperty()
  index!: number;
  @ApiProperty({ type: String, nullable: true })
  groupKey!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The group’s name (zh-CN)' })
  groupLabel!: string | null;
  @ApiProperty({ type: String, nullable: true })
  trackCode!: string | null;
  @ApiProperty({ type: String, nullable: true })
  trackName!: string | null;
  @ApiProperty({
    type: [String],
    nullable: true,
    description: 'Parallel rooms (分会场): the ids of the rooms the bucket holds, else null',
  })
  rooms!: string[] | null;
  @ApiProperty({ type: [String], nullable: true, description: 'Those rooms’ names' })
  roomNames!: string[] | null;
  @ApiProperty()
  quota!: number;
  @ApiProperty({ description: 'Placed by quota (ties included)' })
  placed!: number;
  @ApiProperty({ type: Number, nullable: true })
  cutoffScore!: number | null;
}

export class AdvancementRoomsBasisDto {
  @ApiProperty({ format: 'uuid', description: 'The round whose rooms decide' })
  roundId!: string;
  @ApiProperty()
  roundName!: string;
  @ApiProperty({
    enum: ['QUOTA', 'NORMALISED'],
    description: 'QUOTA: the top of each room by its quota; NORMALISED: the normalised ranking',
  })
  rule!: 'QUOTA' | 'NORMALISED';
  @ApiProperty({ type: Number, nullable: true, description: 'NORMALISED: the places' })
  advance!: number | null;
}

class AdvancementPlanDto {
  @ApiProperty({ format: 'uuid' })
  heatId!: string;
  @ApiProperty({
    type: AdvancementRoomsBasisDto,
    nullable: true,
    description:
      'When a round of the heat has parallel rooms (分会场): their combined result decides instead of the standings (the latest such round)',
  })
  rooms!: AdvancementRoomsBasisDto | null;
  @ApiProperty({ type: [AdvancementDecisionDto] })
  advanced!: AdvancementDecisionDto[];
  @ApiProperty({ type: [AdvancementDecisionDto] })
  eliminated!: AdvancementDecisionDto[];
  @ApiProperty({
    type: [String],
    description: 'Project ids whose score equals the cut-off score (all of them advance)',
  })
  tiedAtCutoff!: string[];
  @ApiProperty({ type: Number, nullable: true })
  cutoffScore!: number | null;
  @ApiProperty({ type: [AdvancementBucketDto], description: 'The rule’s quota buckets' })
  buckets!: AdvancementBucketDto[];
  @ApiProperty({ type: [String], description: 'Wildcards blocked by the unit cap (refused)' })
  blockedWildcards!: string[];
  @ApiProperty({ type: [String], description: 'Wildcards on projects placed by quota anyway' })
  unusedWildcards!: string[];
}

export class AdvancementPreviewDto extends AdvancementPlanDto {
  @ApiProperty({ description: 'How many advance before ties and overrides' })
  count!: number;
}

export class AdvancementDoneDto extends AdvancementPlanDto {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The next stage’s heat; null when the final was decided (AWARDED)',
  })
  toHeatId!: string | null;
}

export class AdvancementRuleGroupDto {
  @ApiProperty()
  key!: string;
  @ApiProperty({ description: 'zh-CN' })
  label!: string;
  @ApiProperty({ description: 'English' })
  labelEn!: string;
}

export class AdvancementRuleTrackDto {
  @ApiProperty()
  code!: string;
  @ApiProperty()
  name!: string;
}

export class StoredAdvancementRuleDto {
  @ApiPropertyOptional({ type: Number, nullable: true })
  count?: number | null;
  @ApiPropertyOptional({
    type: 'array',
    items: {
      type: 'object',
      properties: {
        groupKey: { type: 'string', nullable: true },
        trackCode: { type: 'string', nullable: true },
        quota: { type: 'number' },
      },
      required: ['quota'],
    },
  })
  quotas?: { groupKey?: string | null; trackCode?: string | null; quota: number }[];
  @ApiPropertyOptional({ type: Number, nullable: true })
  unitCap?: number | null;
  @ApiPropertyOptional()
  wildcards?: number;
}

export class AdvancementRuleViewDto {
  @ApiProperty({ format: 'uuid' })
  heatId!: string;
  @ApiProperty({
    type: StoredAdvancementRuleDto,
    nullable: true,
    description: "The stored rule; null: the plain top N of the heat's advanceQuota",
  })
  rule!: StoredAdvancementRuleDto | null;
  @ApiProperty({ type: Number, nullable: true, description: "The heat's advanceQuota" })
  advanceQuota!: number | null;
  @ApiProperty({ type: [AdvancementRuleGroupDto], description: 'The registration form’s groups' })
  groups!: AdvancementRuleGroupDto[];
  @ApiProperty({ type: [AdvancementRuleTrackDto] })
  tracks!: AdvancementRuleTrackDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updatedAt!: Date | null;
}
