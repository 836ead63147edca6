import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';

export class CheckInDto {
  @ApiProperty({ description: "The code in the round's check-in QR, shown at the venue" })
  @IsString()
  @Length(1, 100)
  code!: string;
}

export class DeskCheckInDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'A team (its project); or judgeId' })
  @IsOptional()
  @IsUUID()
  projectId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A judge of the round; or projectId' })
  @IsOptional()
  @IsUUID()
  judgeId?: string;
}

export class AbsentDto {
  @ApiProperty({ example: '叫号三次未到场' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class CheckInCodeDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty()
  code!: string;
  @ApiProperty({ description: 'The page the QR opens: /check-in/rounds/:id?code=…' })
  path!: string;
}

export class CheckedInDto {
  @ApiProperty({ enum: ['PROJECT', 'JUDGE'] })
  subjectType!: 'PROJECT' | 'JUDGE';
  @ApiProperty({ format: 'uuid' })
  subjectId!: string;
  @ApiProperty({ description: "The project's title or the judge's name" })
  name!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  checkedInAt!: Date;
}

export class CheckInResultDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty()
  roundName!: string;
  @ApiProperty({ type: [CheckedInDto] })
  checkedIn!: CheckedInDto[];
}

export class AbsenceDto {
  @ApiProperty()
  reason!: string;
  @ApiProperty({ type: String, format: 'date-time' })
  markedAt!: Date;
}

export class ProjectPresenceDto {
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty()
  organisationName!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  checkedInAt!: Date | null;
  @ApiProperty({ enum: ['CODE', 'DESK'], nullable: true, type: String })
  method!: 'CODE' | 'DESK' | null;
  @ApiProperty({ type: AbsenceDto, nullable: true, description: '缺席, when marked' })
  absent!: AbsenceDto | null;
}

export class JudgePresenceDto {
  @ApiProperty({ format: 'uuid' })
  judgeId!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  checkedInAt!: Date | null;
  @ApiProperty({ enum: ['CODE', 'DESK'], nullable: true, type: String })
  method!: 'CODE' | 'DESK' | null;
}

export class PresenceDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty({ type: [ProjectPresenceDto] })
  projects!: ProjectPresenceDto[];
  @ApiProperty({ type: [JudgePresenceDto] })
  judges!: JudgePresenceDto[];
}
