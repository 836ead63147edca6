import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';

export class IssueJudgePassesDto {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: "The judges to print a QR for (default: every judge of the round's pool)",
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  judgeIds?: string[];
}

export class IssuedJudgePassDto {
  @ApiProperty({ format: 'uuid' })
  passId!: string;
  @ApiProperty({ format: 'uuid' })
  judgeId!: string;
  @ApiProperty()
  judgeName!: string;
  @ApiProperty({ description: 'The one-time token: shown now only, stored hashed' })
  token!: string;
  @ApiProperty({
    description: 'The page the QR opens: /pass#<token> (the token stays out of logs)',
  })
  path!: string;
}

export class IssuedJudgePassesDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty()
  roundName!: string;
  @ApiProperty({ example: 'Asia/Shanghai' })
  timeZone!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    description: "The day's end in the competition's time zone",
  })
  expiresAt!: Date;
  @ApiProperty({ type: [IssuedJudgePassDto] })
  passes!: IssuedJudgePassDto[];
}

export class JudgePassDto {
  @ApiProperty({ format: 'uuid' })
  passId!: string;
  @ApiProperty({ format: 'uuid' })
  judgeId!: string;
  @ApiProperty()
  judgeName!: string;
  @ApiProperty({ enum: ['UNUSED', 'BOUND', 'EXPIRED', 'REVOKED'] })
  status!: 'UNUSED' | 'BOUND' | 'EXPIRED' | 'REVOKED';
  @ApiProperty({ type: String, format: 'date-time' })
  createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' })
  expiresAt!: Date;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When a phone first used it',
  })
  boundAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt!: Date | null;
}

export class JudgePassListDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty({ type: [JudgePassDto] })
  passes!: JudgePassDto[];
}
