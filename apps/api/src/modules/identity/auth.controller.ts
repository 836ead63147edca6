import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Public, Roles } from '../../common/auth.decorators';
import { CreateUserDto, LoginDto, SetPasswordDto, SignupDto } from './dto/identity.dto';
import { IdentityService } from './identity.service';

@ApiTags('accounts')
@Controller()
export class AuthController {
  constructor(private readonly identity: IdentityService) {}

  @Public()
  @Post('auth/signup')
  async signup(@Body() dto: SignupDto) {
    return { user: await this.identity.signup(dto) };
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() dto: LoginDto) {
    return this.identity.login(dto);
  }

  @Public()
  @Post('auth/password')
  @HttpCode(200)
  async setPassword(@Body() dto: SetPasswordDto) {
    return { user: await this.identity.setPassword(dto) };
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return this.identity.me(user.id);
  }

  @ApiBearerAuth()
  @Roles('ADMIN', 'ORGANISER')
  @Post('users')
  async createUser(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto) {
    return { user: await this.identity.createUser(user, dto) };
  }
}
