import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Public, Roles } from '../../common/auth.decorators';
import { AuthRateLimited } from '../../common/rate-limits';
import {
  CSRF_HEADER,
  clearSessionCookie,
  deviceSecret,
  setPassCookies,
  setSessionCookie,
} from '../../common/session-cookie';
import { SignInPassesService } from './sign-in-passes.service';
import {
  CreateUserDto,
  ForgotPasswordDto,
  LoginDto,
  PassSignInDto,
  SetPasswordDto,
  SignupDto,
} from './dto/identity.dto';
import { IdentityService } from './identity.service';
import { Idempotent } from '../../common/idempotency.interceptor';
import {
  ForgotPasswordAnswerDto,
  LoginResultDto,
  PassSignInResultDto,
  UserDto,
  UserEnvelopeDto,
} from './dto/identity.responses';

@ApiTags('accounts')
@Controller()
export class AuthController {
  constructor(
    private readonly identity: IdentityService,
    private readonly jwt: JwtService,
    private readonly passes: SignInPassesService,
  ) {}

  @Public()
  @AuthRateLimited()
  @ApiRoute({
    summary: 'Sign up as an applicant',
    status: 201,
    type: UserEnvelopeDto,
    errors: [400, 409],
  })
  @Post('auth/signup')
  async signup(@Body() dto: SignupDto) {
    return { user: await this.identity.signup(dto) };
  }

  @Public()
  @AuthRateLimited({ bucket: 'login' })
  @ApiRoute({
    summary: 'Log in: an access token and the user',
    description: `With the ${CSRF_HEADER} header (the web client) the token is also set as an HttpOnly, SameSite=Strict session cookie, which the api then accepts instead of the Authorization header; POST /auth/logout clears it.`,
    type: LoginResultDto,
    errors: [400, 401],
  })
  @Post('auth/login')
  @HttpCode(200)
  async login(
    @Body() dto: LoginDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const session = await this.identity.login(dto);
    // Only on request: a cross-site form cannot send the header, so it cannot
    // sign a browser into someone else's account either.
    if (req.headers[CSRF_HEADER]) {
      const { exp } = this.jwt.decode<{ exp: number }>(session.accessToken);
      setSessionCookie(req, reply, session.accessToken, exp);
    }
    return session;
  }

  @Public()
  @AuthRateLimited()
  @ApiRoute({
    summary: "Sign in with a one-time QR code (a judge's pass for the roadshow day)",
    description: `The first phone that presents the code is bound to it (a device cookie, HttpOnly, sent to this route only); another phone gets 403 SIGN_IN_PASS_BOUND_ELSEWHERE. Expired (the day's end in the competition's time zone) or revoked: 403 with its code. The session is the account's usual one (with the ${CSRF_HEADER} header, the session cookie), ending at the day's end or when the organisers revoke the code.`,
    type: PassSignInResultDto,
    errors: [400, 403, 404],
  })
  @Post('auth/pass')
  @HttpCode(200)
  async passSignIn(
    @Body() dto: PassSignInDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PassSignInResultDto> {
    const session = await this.passes.redeem(dto.token, deviceSecret(req));
    // The device cookie is always set (an API client may keep it too); the
    // session cookie only on the web client's request, as for a login.
    setPassCookies(
      req,
      reply,
      session.deviceSecret,
      req.headers[CSRF_HEADER]
        ? { token: session.accessToken, expiresAtSeconds: session.expiresAt.getTime() / 1000 }
        : undefined,
    );
    return {
      accessToken: session.accessToken,
      user: session.user,
      landingPath: session.landingPath,
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  @Public()
  @ApiRoute({
    summary:
      'Log out of the web client: clears the session cookie (bearer tokens run to their expiry)',
    status: 204,
    // Public, so only the limit every anonymous caller has.
    errors: [429],
  })
  @Post('auth/logout')
  @HttpCode(204)
  logout(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    clearSessionCookie(req, reply);
  }

  @Public()
  @AuthRateLimited()
  @ApiRoute({
    summary: 'Set a password with the one-time token of an invitation or reset mail',
    type: UserEnvelopeDto,
    errors: [400, 404],
  })
  @Post('auth/password')
  @HttpCode(200)
  async setPassword(@Body() dto: SetPasswordDto) {
    return { user: await this.identity.setPassword(dto) };
  }

  @Public()
  @AuthRateLimited({ bucket: 'reset' })
  @ApiRoute({
    summary: 'Mail a one-time link to set a new password (same answer for unknown addresses)',
    status: 202,
    type: ForgotPasswordAnswerDto,
    errors: [400],
  })
  @Post('auth/password/forgot')
  @HttpCode(202)
  forgotPassword(@Body() dto: ForgotPasswordDto): ForgotPasswordAnswerDto {
    // Not awaited: the answer's timing must not depend on the address.
    this.identity.startPasswordReset(dto.email);
    return {
      message:
        'If this address has an account, a mail with a link to set a new password is on its way',
    };
  }

  @ApiBearerAuth()
  @ApiRoute({ summary: 'The signed-in user', type: UserDto, errors: [401, 404] })
  @Get('me')
  me(@CurrentUser() user: AuthUser) {
    return this.identity.me(user.id);
  }

  @ApiBearerAuth()
  @Roles('ADMIN', 'ORGANISER')
  @ApiRoute({
    summary: 'Create a judge or organiser account and mail an invitation',
    description:
      'An admin gets 409 for an address that already has an account. An organiser gets the same 201 as for a new address (what it sent, with the account id), and nothing of that account changes: this route does not tell an organiser who has an account.',
    status: 201,
    type: UserEnvelopeDto,
    errors: [400, 401, 403, 409],
  })
  @Post('users')
  @Idempotent({ answer: (user) => ({ user }) })
  async createUser(@CurrentUser() user: AuthUser, @Body() dto: CreateUserDto) {
    return { user: await this.identity.createUserAnswering(user, dto) };
  }
}
