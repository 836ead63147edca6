import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ROLES, RoleName } from '@app/domain';
import { AuthUser, IS_PUBLIC, QUERY_TOKEN, REQUIRED_ROLES } from './auth.decorators';

export interface AccessTokenClaims {
  sub: string;
  roles: RoleName[];
}

// Global guard: verifies the bearer token on every route not marked @Public,
// then checks the route's @Roles. Ownership is checked in the services, which
// answer 404 for objects the caller may not see.
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const queryToken = this.reflector.getAllAndOverride<boolean>(QUERY_TOKEN, targets) ? request.query?.access_token : undefined;
    const user = await this.authenticate(request.headers?.authorization ?? (queryToken ? `Bearer ${queryToken}` : undefined));
    request.user = user;
    const required = this.reflector.getAllAndOverride<RoleName[]>(REQUIRED_ROLES, targets);
    if (required?.length && !required.some((r) => user.roles.includes(r))) {
      throw new ForbiddenException(`This needs one of the roles: ${required.join(', ')}`);
    }
    return true;
  }

  async authenticate(header: string | undefined): Promise<AuthUser> {
    const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!match) throw new UnauthorizedException('Send an access token: Authorization: Bearer <accessToken>');
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(match[1]);
      return { id: claims.sub, roles: (claims.roles ?? []).filter((r) => ROLES.includes(r)) };
    } catch {
      throw new UnauthorizedException('The access token is invalid or expired: log in again');
    }
  }
}
