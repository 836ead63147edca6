import { ApiProperty } from '@nestjs/swagger';

// Counts of distinct projects that ever reached each step.
class FunnelCountsDto {
  @ApiProperty()
  registered!: number;
  @ApiProperty()
  submitted!: number;
  @ApiProperty()
  eligible!: number;
  @ApiProperty()
  advanced!: number;
  @ApiProperty()
  awarded!: number;
  @ApiProperty({ description: 'SIGNED or LANDED' })
  signed!: number;
  @ApiProperty()
  landed!: number;
}

export class FunnelHeatDto {
  @ApiProperty({ format: 'uuid' })
  heatId!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty({ description: 'Projects that competed in this heat' })
  entered!: number;
  @ApiProperty()
  advanced!: number;
  @ApiProperty()
  eliminated!: number;
  @ApiProperty()
  awarded!: number;
  @ApiProperty({ description: 'The heat has advanced (its decision is made)' })
  decided!: boolean;
}

export class FunnelStageDto {
  @ApiProperty({ example: 'REGIONAL' })
  stageCode!: string;
  @ApiProperty()
  order!: number;
  @ApiProperty({ type: [FunnelHeatDto] })
  heats!: FunnelHeatDto[];
  @ApiProperty()
  entered!: number;
}

export class FunnelByHeatDto extends FunnelCountsDto {
  @ApiProperty({ format: 'uuid', description: 'The entry (first-stage) heat' })
  heatId!: string;
  @ApiProperty({ type: String, nullable: true })
  name!: string | null;
}

export class FunnelByTrackDto extends FunnelCountsDto {
  @ApiProperty({ example: 'IOT' })
  trackCode!: string;
}

export class FunnelDto extends FunnelCountsDto {
  @ApiProperty({ format: 'uuid' })
  competitionId!: string;
  @ApiProperty({ type: [FunnelStageDto] })
  stages!: FunnelStageDto[];
  @ApiProperty({ type: [FunnelByHeatDto] })
  byHeat!: FunnelByHeatDto[];
  @ApiProperty({ type: [FunnelByTrackDto] })
  byTrack!: FunnelByTrackDto[];
}

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  competitionId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: the system' })
  actorId!: string | null;
  @ApiProperty({ example: 'signing.transitioned' })
  action!: string;
  @ApiProperty({ example: 'signing' })
  entityType!: string;
  @ApiProperty({ format: 'uuid' })
  entityId!: string;
  @ApiProperty({ type: String, nullable: true })
  reason!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'What changed',
  })
  data!: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' })
  at!: Date;
  @ApiProperty({ type: String, nullable: true, description: "The actor's name; null: the system" })
  actorName!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'What the entry is about, by name (project title, round, heat…); null when gone',
  })
  entityName!: string | null;
}

export class AuditListDto {
  @ApiProperty({ type: [AuditEntryDto] })
  items!: AuditEntryDto[];
}
