import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';

const STATUSES = ['INTENT', 'NEGOTIATING', 'SIGNED', 'LANDED', 'CANCELLED'];

export class SigningViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  competitionId!: string;
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  projectTitle!: string;
  @ApiProperty({ example: '华南赛区' })
  heatName!: string;
  @ApiProperty({ example: 'IOT' })
  trackCode!: string;
  @ApiProperty({ example: '江阴高新区', description: '签约方' })
  host!: string;
  @ApiProperty({ type: String, nullable: true, description: '科创飞地' })
  enclave!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '5000000.00',
    description: 'The investment in 元 (CNY yuan, not 万元), a decimal string with 2 places',
  })
  investmentAmount!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2027-06-30' })
  landingDeadline!: string | null;
  @ApiProperty({ enum: STATUSES })
  status!: string;
  @ApiProperty({ type: String, nullable: true, description: '落地企业名称 (LANDED)' })
  companyName!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '统一社会信用代码 (LANDED)' })
  registrationNo!: string | null;
  @ApiProperty({ format: 'date-time' })
  createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  signedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  landedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  cancelledAt!: Date | null;
}

export class SigningListDto {
  @ApiProperty({ type: [SigningViewDto] })
  items!: SigningViewDto[];
}

export class SigningTransitionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  signingId!: string;
  @ApiProperty({ enum: STATUSES })
  from!: string;
  @ApiProperty({ enum: STATUSES })
  to!: string;
  @ApiProperty({ type: String, nullable: true })
  note!: string | null;
  @ApiProperty({ format: 'date-time', description: 'When it happened' })
  at!: Date;
  @ApiProperty({ format: 'uuid' })
  actorId!: string;
  @ApiProperty({ format: 'date-time', description: 'When it was recorded' })
  createdAt!: Date;
}

export class SigningDetailDto extends SigningViewDto {
  @ApiProperty({ type: [SigningTransitionDto] })
  transitions!: SigningTransitionDto[];
}

export class RateGroupDto {
  @ApiProperty()
  total!: number;
  @ApiProperty({ description: 'SIGNED or LANDED' })
  signed!: number;
  @ApiProperty()
  landed!: number;
  @ApiProperty({ description: 'landed / signed, a fraction rounded to 4 decimals' })
  landingRate!: number;
}

export class OverdueSigningDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  projectTitle!: string;
  @ApiProperty()
  host!: string;
  @ApiProperty({ enum: STATUSES })
  status!: string;
  @ApiProperty({ format: 'date' })
  landingDeadline!: string;
}

const groups = {
  type: 'object',
  additionalProperties: { $ref: getSchemaPath(RateGroupDto) },
} as const;

@ApiExtraModels(RateGroupDto)
export class SigningStatsDto {
  @ApiProperty()
  total!: number;
  @ApiProperty({ description: 'SIGNED or LANDED' })
  signed!: number;
  @ApiProperty()
  landed!: number;
  @ApiProperty({ description: 'signed / advancedOrAwarded, a fraction rounded to 4 decimals' })
  signingRate!: number;
  @ApiProperty({ description: 'landed / signed, a fraction rounded to 4 decimals' })
  landingRate!: number;
  @ApiProperty({ ...groups, description: 'By heat name' })
  byHeat!: Record<string, RateGroupDto>;
  @ApiProperty({ ...groups, description: 'By track code' })
  byTrack!: Record<string, RateGroupDto>;
  @ApiProperty({ ...groups, description: 'By 科创飞地 （无飞地） when none' })
  byEnclave!: Record<string, RateGroupDto>;
  @ApiProperty({ description: 'Projects that advanced from some heat or won the final' })
  advancedOrAwarded!: number;
  @ApiProperty({ type: [OverdueSigningDto], description: 'Open signings past their deadline' })
  overdue!: OverdueSigningDto[];
}
