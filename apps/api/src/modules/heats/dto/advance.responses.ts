import { ApiProperty } from '@nestjs/swagger';

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
}

class AdvancementPlanDto {
  @ApiProperty({ format: 'uuid' })
  heatId!: string;
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
