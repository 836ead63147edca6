import { ApiProperty } from '@nestjs/swagger';

// What the identity routes answer (see toUserView): never a password hash.
export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ example: 'judge@example.cn' })
  email!: string;
  @ApiProperty({ example: '张伟' })
  name!: string;
  @ApiProperty({ enum: ['ADMIN', 'ORGANISER', 'JUDGE', 'APPLICANT'], isArray: true })
  roles!: string[];
  @ApiProperty({ type: String, nullable: true, example: '深圳大学' })
  affiliation!: string | null;
  @ApiProperty({ example: 'zh-CN' })
  locale!: string;
  @ApiProperty({ description: 'A disabled account cannot log in and its tokens are refused' })
  disabled!: boolean;
}

export class UserListDto {
  @ApiProperty({ type: [UserDto] })
  items!: UserDto[];
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
