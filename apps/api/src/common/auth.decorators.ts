import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { RoleName } from '@app/domain';

export const IS_PUBLIC = 'isPublic';
export const REQUIRED_ROLES = 'requiredRoles';
export const QUERY_TOKEN = 'allowQueryToken';

// Routes need a token unless marked public.
export const Public = () => SetMetadata(IS_PUBLIC, true);

// For Server-Sent Events: a browser's EventSource cannot send headers, so the
// token may come as ?access_token= on routes marked with this.
export const AllowQueryToken = () => SetMetadata(QUERY_TOKEN, true);

// Any one of the listed roles admits the caller (ADMIN is not implied: an
// admin who also organises holds both roles).
export const Roles = (...roles: RoleName[]) => SetMetadata(REQUIRED_ROLES, roles);

export interface AuthUser {
  id: string;
  roles: RoleName[];
}

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
