import { ApiProperty } from '@nestjs/swagger';
import { IsUrl, MaxLength, ValidateIf } from 'class-validator';
import { Nullable } from '../../../common/validation.pipe';

export class SetMeetingLinkDto {
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'https://meeting.tencent.com/dm/abc123',
    description: 'An https link to the meeting the project pitches in; null removes it',
  })
  @Nullable()
  @ValidateIf((o: SetMeetingLinkDto) => o.url !== null)
  @MaxLength(1000)
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: true })
  url!: string | null;
}

export class MeetingLinkDto {
  @ApiProperty({ format: 'uuid' })
  projectId!: string;
  @ApiProperty()
  title!: string;
  @ApiProperty({ example: 'https://meeting.tencent.com/dm/abc123' })
  url!: string;
}

export class MeetingLinksDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty({ type: [MeetingLinkDto], description: 'The links the caller may see' })
  links!: MeetingLinkDto[];
}

export class MyMeetingLinkDto extends MeetingLinkDto {
  @ApiProperty({ format: 'uuid' })
  roundId!: string;
  @ApiProperty()
  roundName!: string;
}

export class MyMeetingLinksDto {
  @ApiProperty({
    type: [MyMeetingLinkDto],
    description: "The meeting links of the caller's projects in rounds not closed yet",
  })
  items!: MyMeetingLinkDto[];
}
