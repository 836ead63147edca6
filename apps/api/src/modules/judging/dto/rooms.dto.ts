import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

export class RoomInputDto {
  @ApiProperty({ example: '第一分会场' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ type: [String], format: 'uuid', description: "Judges of the round's pool" })
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  judgeIds!: string[];

  @ApiProperty({
    type: [String],
    format: 'uuid',
    description: 'Projects of the round (each in one room)',
  })
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  projectIds!: string[];

  @ApiPropertyOptional({ description: 'QUOTA: how many of the room’s projects advance' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  quota?: number;
}

export class SetRoomsDto {
  @ApiProperty({
    enum: ['QUOTA', 'NORMALISED'],
    description:
      'QUOTA: the top k of each room advance. NORMALISED: z-score per judge (mean of a project’s judges’ z-scores), the top `advance` of the round; only for rooms connected by shared judges (else 422 ROOMS_NOT_COMPARABLE)',
  })
  @IsIn(['QUOTA', 'NORMALISED'])
  rule!: 'QUOTA' | 'NORMALISED';

  @ApiPropertyOptional({ description: 'NORMALISED: how many projects of the round advance' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10000)
  advance?: number;

  @ApiProperty({ type: [RoomInputDto], description: 'An empty list removes the rooms' })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RoomInputDto)
  rooms!: RoomInputDto[];
}

export class RoomMemberDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
}

export class RoomDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty()
  name!: string;
  @ApiProperty({ type: Number, nullable: true })
  quota!: number | null;
  @ApiProperty({ type: [RoomMemberDto] })
  judges!: RoomMemberDto[];
  @ApiProperty({
    type: [RoomMemberDto],
    description: 'In the round’s pitch order (drawn), else by title',
  })
  projects!: RoomMemberDto[];
  @ApiProperty({ description: 'The room’s big screen: /screen/rounds/:id?room=<roomId>' })
  screenPath!: string;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The project on this room’s stage (POST /rounds/:id/now-pitching with roomId)',
  })
  nowPitchingProjectId!: string | null;
}

export class RoomsDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty({ enum: ['QUOTA', 'NORMALISED'], nullable: true, type: String })
  rule!: 'QUOTA' | 'NORMALISED' | null;
  @ApiProperty({ type: Number, nullable: true })
  advance!: number | null;
  @ApiProperty({ type: [RoomDto] })
  rooms!: RoomDto[];
}

export class CombinedEntryDto {
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty()
  room!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'The round’s method, 2 decimals' })
  score!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'NORMALISED: mean z-score, 4 decimals',
  })
  normalised!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'Within the room (QUOTA) or the round (NORMALISED)',
  })
  rank!: number | null;
  @ApiProperty()
  advances!: boolean;
}

export class RoomsResultDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty({ enum: ['QUOTA', 'NORMALISED'] })
  rule!: 'QUOTA' | 'NORMALISED';
  @ApiProperty({ type: Number, nullable: true })
  advance!: number | null;
  @ApiProperty({ type: [CombinedEntryDto] })
  entries!: CombinedEntryDto[];
}
