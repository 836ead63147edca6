import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import { PresenceDto } from './check-in.dto';
import { TimingLogDto } from './live.dto';
import { RoundRankingEntryDto } from './judging.responses';
import { RoomsDto } from './rooms.dto';

export class AppointSupervisorDto {
  @ApiProperty({
    format: 'uuid',
    description:
      'An account with the SUPERVISOR role (POST /users with roles [SUPERVISOR] invites one by mail)',
  })
  @IsUUID()
  userId!: string;
}

export class SupervisorDto {
  @ApiProperty({ format: 'uuid' })
  userId!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  email!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  appointedAt!: Date;
}

export class SupervisorListDto {
  @ApiProperty({ format: 'uuid' })
  competitionId!: string;
  @ApiProperty({ type: [SupervisorDto] })
  supervisors!: SupervisorDto[];
}

export class SupervisedRoundDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty()
  heatName!: string;
  @ApiProperty({ enum: ['EXPERT_REVIEW', 'ROADSHOW'] })
  kind!: string;
  @ApiProperty({ enum: ['DRAFT', 'OPEN', 'CLOSED'] })
  status!: string;
}

export class SupervisedCompetitionDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty({ example: 'Asia/Shanghai' })
  timeZone!: string;
  @ApiProperty({ type: [SupervisedRoundDto] })
  rounds!: SupervisedRoundDto[];
}

export class SupervisedCompetitionsDto {
  @ApiProperty({ type: [SupervisedCompetitionDto] })
  items!: SupervisedCompetitionDto[];
}

export class AddSupervisorNoteDto {
  @ApiProperty({ example: '第3个项目答辩超时1分钟，主持人已提醒。' })
  @IsString()
  @Length(1, 2000)
  body!: string;
}

export class SupervisorNoteDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  authorName!: string;
  @ApiProperty()
  body!: string;
  @ApiProperty({ type: String, format: 'date-time', description: "The database's clock" })
  createdAt!: Date;
}

export class SupervisedScoreDto {
  @ApiProperty({ format: 'uuid' })
  judgeId!: string;
  @ApiProperty()
  judgeName!: string;
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'null until submitted (a draft is the judge’s own)',
  })
  total!: number | null;
  @ApiProperty({ enum: ['PENDING', 'SUBMITTED'] })
  status!: 'PENDING' | 'SUBMITTED';
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  submittedAt!: Date | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    nullable: true,
    description: 'Each criterion’s score, once submitted',
  })
  criteria!: Record<string, number> | null;
}

export class SupervisedDrawDto {
  @ApiProperty({ type: String, nullable: true, description: 'The seed that reproduces the draw' })
  seed!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  drawnAt!: Date | null;
  @ApiProperty({ type: [String], description: 'Project ids in pitch order' })
  order!: string[];
  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  nowPitchingProjectId!: string | null;
}

export class SupervisedProjectDto {
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty()
  organisationName!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Place in the pitch order (1-based)' })
  position!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'The online roadshow meeting link' })
  meetingUrl!: string | null;
}

export class SupervisorRoundViewDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty()
  roundName!: string;
  @ApiProperty()
  heatName!: string;
  @ApiProperty({ format: 'uuid' })
  competitionId!: string;
  @ApiProperty()
  competitionName!: string;
  @ApiProperty({ example: 'Asia/Shanghai' })
  timeZone!: string;
  @ApiProperty({ enum: ['DRAFT', 'OPEN', 'CLOSED'] })
  status!: string;
  @ApiProperty()
  method!: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When this view was read' })
  readAt!: Date;
  @ApiProperty({ type: [SupervisedProjectDto] })
  projects!: SupervisedProjectDto[];
  @ApiProperty({ type: [SupervisedScoreDto], description: 'Every assigned (judge, project) pair' })
  scores!: SupervisedScoreDto[];
  @ApiProperty({ type: [RoundRankingEntryDto] })
  ranking!: RoundRankingEntryDto[];
  @ApiProperty({ type: SupervisedDrawDto })
  draw!: SupervisedDrawDto;
  @ApiProperty({ type: TimingLogDto })
  timing!: TimingLogDto;
  @ApiProperty({ type: PresenceDto })
  checkIns!: PresenceDto;
  @ApiProperty({ type: [SupervisorNoteDto] })
  notes!: SupervisorNoteDto[];
  @ApiProperty({
    type: RoomsDto,
    description: '分会场: the rooms and their rule (rooms empty when the round has none)',
  })
  rooms!: RoomsDto;
}
