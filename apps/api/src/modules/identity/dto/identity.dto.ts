import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Transform, Type } from 'class-transformer';
import { ROLES, RoleName } from '@app/domain';
import { IsStrongPassword } from '../password-policy';

const normaliseEmail = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class SignupDto {
  @ApiProperty({ example: 'zhang.wei@example.cn' })
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({
    minLength: 10,
    description: 'At least 10 characters, and not a common or guessable password',
  })
  @IsString()
  @MaxLength(200)
  @IsStrongPassword()
  password: string;

  @ApiProperty({ example: '张伟' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiPropertyOptional({ enum: ['zh-CN', 'en'] })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  locale?: string;
}

export class LoginDto {
  @ApiProperty()
  @Transform(normaliseEmail)
  @IsEmail()
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  password: string;
}

export class SetPasswordDto {
  @ApiProperty({ description: 'The one-time token from the invitation email' })
  @IsString()
  @Length(20, 200)
  token: string;

  @ApiProperty({
    minLength: 10,
    description: 'At least 10 characters, and not a common or guessable password',
  })
  @IsString()
  @MaxLength(200)
  @IsStrongPassword()
  password: string;
}

export class CreateUserDto {
  @ApiProperty()
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(ROLES, { each: true })
  roles: RoleName[];

  @ApiPropertyOptional({
    description: "The judge's unit, for the same-unit conflict rule",
    example: '江阴高新区科技局',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  affiliation?: string;

  @ApiPropertyOptional({ description: 'Without one, the user gets an invitation email to set it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsStrongPassword()
  password?: string;

  @ApiPropertyOptional({ enum: ['zh-CN', 'en'] })
  @IsOptional()
  @IsIn(['zh-CN', 'en'])
  locale?: string;
}

export class ForgotPasswordDto {
  @ApiProperty({ example: 'zhang.wei@example.cn' })
  @Transform(normaliseEmail)
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({
    enum: ROLES,
    isArray: true,
    description: "Replaces the user's roles; its existing tokens stop working",
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles?: RoleName[];

  @ApiPropertyOptional({ description: 'true disables the account at once; false enables it' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class ListUsersQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: RoleName;

  @ApiPropertyOptional({ description: 'Part of the email or name' })
  @IsOptional()
  @IsString()
  @Length(1, 254)
  q?: string;

  @ApiPropertyOptional({ default: 1, maximum: 100000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page: number = 1;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize: number = 50;
}

export class PassSignInDto {
  @ApiProperty({ description: 'The token of a one-time sign-in QR code' })
  @IsString()
  @Length(20, 200)
  token: string;
}
