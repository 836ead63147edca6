import { ApiProperty } from '@nestjs/swagger';

// What the identity routes answer (see toUserView): never a password hash.
export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: 'judge@example.cn' })
  email!: string;
  @ApiProperty({ example: '张伟' })
  name!: string;
  @ApiProperty({ enum: ['ADMIN', 'ORGANISER', 'JUDGE', 'APPLICANT', 'SUPERVISOR'], isArray: true })
  roles!: string[];
  @ApiProperty({ type: String, nullable: true, example: '深圳大学' })
  affiliation!: string | null;
  @ApiProperty({ example: 'zh-CN' })
  locale!: string;
  @ApiProperty({ description: 'A disabled account cannot log in and its tokens are refused' })
  disabled!: boolean;
}

export class InvitationDto {
  @ApiProperty({
    enum: ['PENDING', 'ACCEPTED', 'EXPIRED'],
    description:
      'PENDING: the link works and no password is set; ACCEPTED: a password is set; EXPIRED: the link ran out unused (send a new one: POST /users/:id/invitation)',
  })
  status!: 'PENDING' | 'ACCEPTED' | 'EXPIRED';
  @ApiProperty({ format: 'date-time', description: 'When the latest invitation was sent' })
  sentAt!: string;
  @ApiProperty({ format: 'date-time' })
  expiresAt!: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: "When the invitation's link was used to set the password",
  })
  acceptedAt!: string | null;
}

// A user as GET /users lists it: with its invitation, for the organiser who sent it.
export class UserListItemDto extends UserDto {
  @ApiProperty({ description: 'Whether the account has a password (can log in)' })
  passwordSet!: boolean;
  @ApiProperty({
    type: InvitationDto,
    nullable: true,
    description:
      'The latest invitation; null for an account never invited (signed up, or created with a password)',
  })
  invitation!: InvitationDto | null;
}

export class UserListDto {
  @ApiProperty({ type: [UserListItemDto] })
  items!: UserListItemDto[];
  @ApiProperty()
  total!: number;
  @ApiProperty()
  page!: number;
  @ApiProperty()
  pageSize!: number;
}

export class UserEnvelopeDto {
  @ApiProperty({ type: UserDto })
  user!: UserDto;
}

export class LoginResultDto {
  @ApiProperty({ description: 'Bearer token for `Authorization: Bearer …`' })
  accessToken!: string;
  @ApiProperty({ type: UserDto })
  user!: UserDto;
}

export class ForgotPasswordAnswerDto {
  @ApiProperty({
    example:
      'If this address has an account, a mail with a link to set a new password is on its way',
  })
  message!: string;
}

export class PassSignInResultDto extends LoginResultDto {
  @ApiProperty({
    example: '/judge/rounds/4c1d…',
    description: 'The page the pass lands on (the judge’s round)',
  })
  landingPath!: string;
  @ApiProperty({ format: 'date-time', description: 'The session ends then (the day’s end)' })
  expiresAt!: string;
}
