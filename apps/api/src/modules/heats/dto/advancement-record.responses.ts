import { ApiProperty } from '@nestjs/swagger';
import { AdvancementDecisionDto } from './advance.responses';

export class DecidedByDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: '王组委' })
  name!: string;
}

export class NextHeatDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: '半决赛' })
  name!: string;
}

// Two shapes told apart by `advanced`, so a page learns that a heat has not
// advanced from a 200 rather than from the preview's 409.
export class HeatNotAdvancedDto {
  @ApiProperty({ type: 'boolean', enum: [false], description: 'The heat has not advanced yet' })
  advanced!: false;
}

export class HeatAdvancementDto {
  @ApiProperty({ type: 'boolean', enum: [true], description: 'The heat has advanced' })
  advanced!: true;
  @ApiProperty({ format: 'uuid' })
  heatId!: string;
  @ApiProperty({
    format: 'date-time',
    description: 'When the decision was recorded (or, for the final, last re-assigned)',
  })
  decidedAt!: Date;
  @ApiProperty({ type: DecidedByDto })
  decidedBy!: DecidedByDto;
  @ApiProperty({ description: 'How many were to advance before ties and overrides' })
  count!: number;
  @ApiProperty({
    type: NextHeatDto,
    nullable: true,
    description: 'The heat the advanced moved into; null for the final (AWARDED)',
  })
  nextHeat!: NextHeatDto | null;
  @ApiProperty({
    type: [AdvancementDecisionDto],
    description:
      'Each project’s recorded result as it stands now (a result change shows here), advanced or awarded first, then by score',
  })
  results!: AdvancementDecisionDto[];
}
