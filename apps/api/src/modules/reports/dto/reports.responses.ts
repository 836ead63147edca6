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
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Its place in the competition's audit chain (docs/audit-chain.md)",
  })
  seq!: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'SHA-256 chaining it to the row before',
  })
  hash!: string | null;
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

export class AuditChainBreakDto {
  @ApiProperty({
    enum: ['UNCHAINED', 'ROW_CHANGED', 'LINK_BROKEN', 'ROW_MISSING', 'TAIL_MISSING'],
    description:
      'ROW_CHANGED: the row differs from what was hashed; LINK_BROKEN: its previous hash is not the row before it; ROW_MISSING: a row before it was deleted; TAIL_MISSING: rows at the end were deleted; UNCHAINED: written around the chain',
  })
  kind!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The first row that fails',
  })
  id!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  at!: Date | null;
  @ApiProperty({ type: String, nullable: true })
  action!: string | null;
  @ApiProperty({ description: 'Its place in the chain (1 = first)' })
  seq!: number;
}

export class AuditVerifyDto {
  @ApiProperty({ description: 'true when every row and link verifies' })
  ok!: boolean;
  @ApiProperty({ description: 'Rows checked' })
  count!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The hash of the last row (write it down to anchor the chain); null when broken',
  })
  headHash!: string | null;
  @ApiProperty({ format: 'date-time' })
  checkedAt!: Date;
  @ApiProperty({ type: AuditChainBreakDto, nullable: true })
  broken!: AuditChainBreakDto | null;
}
