import { ApiProperty } from '@nestjs/swagger';
import { CriterionDto, StageDto, TrackDto } from './competition.dto';

export class CompetitionViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: '第四届中国江阴（高新区）创新创业大赛' })
  name!: string;
  @ApiProperty({ format: 'date-time' })
  registrationOpensAt!: Date;
  @ApiProperty({ format: 'date-time' })
  registrationClosesAt!: Date;
  @ApiProperty({
    example: 'Asia/Shanghai',
    description: 'IANA time zone; mails and exports show times in it (docs/time-zones.md)',
  })
  timeZone!: string;
  @ApiProperty({ format: 'uuid' })
  createdById!: string;
  @ApiProperty({ format: 'date-time' })
  createdAt!: Date;
  @ApiProperty({ type: [TrackDto] })
  tracks!: TrackDto[];
  @ApiProperty({ type: [StageDto] })
  stages!: StageDto[];
}

export class CompetitionDeletedDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: '第四届中国江阴（高新区）创新创业大赛' })
  name!: string;
}

export class CompetitionListDto {
  @ApiProperty({ type: [CompetitionViewDto] })
  items!: CompetitionViewDto[];
}

export class HeatViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  competitionId!: string;
  @ApiProperty({ format: 'uuid' })
  stageId!: string;
  @ApiProperty({ example: '华南赛区' })
  name!: string;
  @ApiProperty({ type: String, nullable: true })
  region!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '深圳' })
  city!: string | null;
  @ApiProperty({ type: String, nullable: true })
  venue!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '科创飞地 the heat recruits for' })
  enclave!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startsAt!: Date | null;
  @ApiProperty({ type: Number, nullable: true })
  advanceQuota!: number | null;
  @ApiProperty({ format: 'date-time' })
  createdAt!: Date;
  @ApiProperty({ example: 'REGIONAL' })
  stageCode!: string;
  @ApiProperty({ example: 1 })
  stageOrder!: number;
}

export class HeatListDto {
  @ApiProperty({ type: [HeatViewDto] })
  items!: HeatViewDto[];
}

export class RubricViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ format: 'uuid' })
  competitionId!: string;
  @ApiProperty({ example: '路演评分表' })
  name!: string;
  @ApiProperty({ type: [CriterionDto] })
  criteria!: CriterionDto[];
  @ApiProperty({ format: 'date-time' })
  createdAt!: Date;
}

export class RubricListDto {
  @ApiProperty({ type: [RubricViewDto] })
  items!: RubricViewDto[];
}
