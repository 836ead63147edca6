import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PresenceDto } from './check-in.dto';
import { TimingLogDto } from './live.dto';
import { RoundRankingEntryDto } from './judging.responses';
import { RoomsDto } from './rooms.dto';
import { SignOffDto } from './sign-off.dto';

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

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The room (分会场) the note is about; without it the note is round-wide',
  })
  @IsOptional()
  @IsUUID()
  roomId?: string;
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
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The room (分会场) the note is about; null: round-wide',
  })
  roomId!: string | null;
}

export class SupervisedRoomDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
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
  @ApiProperty({
    type: [String],
    description: "Project ids in pitch order; in a room's view, the draw restricted to the room",
  })
  order!: string[];
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: "On stage: the round's, or in a room's view the room's own stage",
  })
  nowPitchingProjectId!: string | null;
}

export class SupervisedProjectDto {
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty()
  organisationName!: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: "Place in the pitch order (1-based); in a room's view, in the room's order",
  })
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
  @ApiProperty({
    type: SupervisedRoomDto,
    nullable: true,
    description:
      'The room (分会场) this view is restricted to (?roomId=): its projects, their scores, the ranking within the room, its timing, check-ins, sign-off and notes; null: the whole round',
  })
  room!: SupervisedRoomDto | null;
  @ApiProperty({ type: [SupervisedProjectDto] })
  projects!: SupervisedProjectDto[];
  @ApiProperty({ type: [SupervisedScoreDto], description: 'Every assigned (judge, project) pair' })
  scores!: SupervisedScoreDto[];
  @ApiProperty({
    type: [RoundRankingEntryDto],
    description:
      "The round's ranking, partial scores marked; in a room's view its projects ranked among themselves (as the room's screen ranks them)",
  })
  ranking!: RoundRankingEntryDto[];
  @ApiProperty({ type: SupervisedDrawDto })
  draw!: SupervisedDrawDto;
  @ApiProperty({ type: TimingLogDto })
  timing!: TimingLogDto;
  @ApiProperty({ type: PresenceDto })
  checkIns!: PresenceDto;
  @ApiProperty({
    type: SignOffDto,
    description:
      "签字确认: each judge's score-sheet signature, each team's confirmation (无异议) and each on-site objection with its decision",
  })
  signOff!: SignOffDto;
  @ApiProperty({
    type: [SupervisorNoteDto],
    description: "In a room's view: the room's notes and the round-wide ones",
  })
  notes!: SupervisorNoteDto[];
  @ApiProperty({
    type: RoomsDto,
    description:
      "分会场: the round's rooms and their rule, all of them in a room's view too (rooms empty when the round has none)",
  })
  rooms!: RoomsDto;
}
