import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, RoleName } from '@app/domain';
import { UserAccessService } from '../modules/identity/user-access.service';
import { AccessTokenVerifier } from './access-token-verifier';
import { AuthUser, IS_PUBLIC, QUERY_TOKEN, REQUIRED_ROLES } from './auth.decorators';
import { CSRF_HEADER, passesCsrfCheck, sessionToken } from './session-cookie';

// Global guard: verifies the access token on every route not marked @Public,
// then checks the route's @Roles. The token comes as a bearer header (API
// clients), as ?access_token= on stream routes, or in the web client's
// HttpOnly session cookie; a change sent with only the cookie must carry the
// X-Requested-With header (CSRF: see session-cookie.ts). Ownership is checked in the services, which
// answer 404 for objects the caller may not see.
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenVerifier,
    private readonly access: UserAccessService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<{
      method?: string;
      query?: Record<string, string | undefined>;
      headers: Record<string, string | undefined>;
      user?: AuthUser;
    }>();
    const queryToken = this.reflector.getAllAndOverride<boolean>(QUERY_TOKEN, targets)
      ? request.query?.access_token
      : undefined;
    let header = request.headers.authorization ?? (queryToken ? `Bearer ${queryToken}` : undefined);
    const cookie = header ? null : sessionToken(request);
    if (cookie) {
      if (!passesCsrfCheck(request))
        throw DomainError.of(
          'CSRF_HEADER_REQUIRED',
          `A change authenticated by the session cookie needs the ${CSRF_HEADER} header (the web client sends it); API clients send Authorization: Bearer <accessToken>`,
        );
      header = `Bearer ${cookie}`;
    }
    const user = await this.authenticate(header);
    request.user = user;
    const required = this.reflector.getAllAndOverride<RoleName[]>(REQUIRED_ROLES, targets);
    if (required?.length && !required.some((r) => user.roles.includes(r))) {
      throw DomainError.of(
        'FORBIDDEN_ROLE',
        { roles: required },
        `This needs one of the roles: ${required.join(', ')}`,
      );
    }
    return true;
  }

  async authenticate(header: string | undefined): Promise<AuthUser> {
    const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!match)
      throw DomainError.of(
        'UNAUTHENTICATED',
        'Send an access token: Authorization: Bearer <accessToken>',
      );
    const claims = this.tokens.verify(match[1]);
    if (!claims)
      throw DomainError.of(
        'SESSION_EXPIRED',
        'The access token is invalid or expired: log in again',
      );
    // Rights come from the account as it is now, not as it was at login: a
    // disabled or demoted user's older tokens stop at its next request.
    const access = await this.access.current(claims.sub);
    if (!access || access.disabled || access.tokenVersion !== (claims.ver ?? 0))
      throw DomainError.of(
        'SESSION_REVOKED',
        'This access token was revoked (the account was changed or disabled): log in again',
      );
    // A session from a one-time pass ends when the pass is revoked or its day ends.
    if (
      claims.pass !== undefined &&
      (typeof claims.pass !== 'string' || !(await this.access.passActive(claims.pass, claims.sub)))
    )
      throw DomainError.of(
        'SESSION_REVOKED',
        'The sign-in QR code of this session was revoked or its day is over: ask the organisers for a new one',
      );
    return { id: claims.sub, roles: access.roles };
  }
}
