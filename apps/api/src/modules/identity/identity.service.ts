import { recordIdempotentAnswer } from '../../common/idempotency-store';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@app/config';
import {
  Actor,
  DomainError,
  InvitationState,
  RoleName,
  assertMayGrantRoles,
  invitationState,
} from '@app/domain';
import {
  Prisma,
  PrismaService,
  User,
  appendAudit,
  appendEvent,
  isUniqueViolation,
} from '@app/database';
import {
  CreateUserDto,
  ListUsersQuery,
  LoginDto,
  SetPasswordDto,
  SignupDto,
  UpdateUserDto,
} from './dto/identity.dto';
import { UserAccessService, announceAccessChange } from './user-access.service';
import { hashPassword, verifyPassword } from './password-hasher';
import { issueInvitation, recipientOf, sha256 } from './invitations';

const RESET_TTL_MS = 3600 * 1000;

export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: RoleName[];
  affiliation: string | null;
  locale: string;
  disabled: boolean;
}

export const toUserView = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  roles: u.roles,
  affiliation: u.affiliation,
  locale: u.locale,
  disabled: u.disabledAt != null,
});

// A user as GET /users lists it: with whether it has a password and where its
// latest invitation stands, so an organiser sees who has not accepted yet.
export interface UserListItem extends UserView {
  passwordSet: boolean;
  invitation: InvitationState | null;
}

export const toUserListItem = (
  u: User & { invitations: { createdAt: Date; expiresAt: Date; usedAt: Date | null }[] },
  now = new Date(),
): UserListItem => ({
  ...toUserView(u),
  passwordSet: u.passwordHash != null,
  invitation: invitationState(u.invitations[0] ?? null, u.passwordHash != null, now),
});

// The latest invitation (not a password reset) of each listed user.
export const LATEST_INVITATION = {
  invitations: {
    where: { purpose: 'INVITATION' },
    orderBy: [{ createdAt: 'desc' as const }, { id: 'desc' as const }],
    take: 1,
  },
};

@Injectable()
export class IdentityService {
  private readonly logger = new Logger(IdentityService.name);

  constructor(
    private readonly prisma: PrismaService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: UserAccessService,
  ) {}

  // Names of a set of users, for pages that name who acted (the audit log).
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.prisma.user.findMany({
      where: { id: { in: ids } },
      select: { id: true, name: true },
    });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async signup(dto: SignupDto): Promise<UserView> {
    const passwordHash = await hashPassword(dto.password);
    try {
      const user = await this.prisma.$transaction(async (tx) => {
        const created = await tx.user.create({
          data: {
            email: dto.email,
            name: dto.name,
            passwordHash,
            roles: ['APPLICANT'],
            locale: dto.locale ?? 'zh-CN',
          },
        });
        await appendEvent(tx, 'identity.user-signed-up', created.id, {
          user: recipientOf(created),
        });
        return created;
      });
      return toUserView(user);
    } catch (e) {
      if (isUniqueViolation(e))
        throw DomainError.of(
          'EMAIL_TAKEN',
          { email: dto.email },
          `The email ${dto.email} is already registered: log in instead`,
        );
      throw e;
    }
  }

  async login(dto: LoginDto): Promise<{ accessToken: string; user: UserView }> {
    const user = await this.prisma.user.findUnique({ where: { email: dto.email } });
    const ok = await verifyPassword(user?.passwordHash ?? null, dto.password);
    if (!user || !ok) throw DomainError.of('BAD_CREDENTIALS', 'Wrong email or password');
    if (user.disabledAt) throw DomainError.of('ACCOUNT_DISABLED', 'This account is disabled');
    const accessToken = await this.jwt.signAsync({
      sub: user.id,
      roles: user.roles,
      ver: user.tokenVersion,
    });
    return { accessToken, user: toUserView(user) };
  }

  async me(userId: string): Promise<UserView> {
    const user = await this.prisma.user.findUnique({ where: { id: userId } });
    if (!user) throw DomainError.of('ACCOUNT_GONE', 'Your account no longer exists');
    return toUserView(user);
  }

  async findUsers(ids: string[]): Promise<UserView[]> {
    const users = await this.prisma.user.findMany({ where: { id: { in: ids } } });
    return users.map(toUserView);
  }

  async createUser(creator: Actor, dto: CreateUserDto): Promise<UserView> {
    const refusal = assertMayGrantRoles(creator, dto.roles);
    if (refusal)
      throw DomainError.of('ROLES_NOT_GRANTABLE', { roles: refusal.roles }, refusal.message);
    const creatorName =
      (await this.prisma.user.findUnique({ where: { id: creator.id } }))?.name ?? 'The organisers';
    const passwordHash = dto.password ? await hashPassword(dto.password) : null;
    try {
      const user = await this.prisma.$transaction(async (tx) => {
        const created = await tx.user.create({
          data: {
            email: dto.email,
            name: dto.name,
            roles: [...new Set(dto.roles)],
            affiliation: dto.affiliation?.trim() || null,
            locale: dto.locale ?? 'zh-CN',
            passwordHash,
            createdById: creator.id,
          },
        });
        if (!passwordHash) await issueInvitation(tx, created, creatorName);
        await recordIdempotentAnswer(tx, toUserView(created));
        return created;
      });
      return toUserView(user);
    } catch (e) {
      if (isUniqueViolation(e))
        throw DomainError.of(
          'EMAIL_TAKEN',
          { email: dto.email },
          `The email ${dto.email} is already registered`,
        );
      throw e;
    }
  }

  /** POST /users: createUser, except that an organiser learns nothing of existing accounts. */
  async createUserAnswering(creator: Actor, dto: CreateUserDto): Promise<UserView> {
    try {
      return await this.createUser(creator, dto);
    } catch (e) {
      if (
        !(e instanceof DomainError && e.code === 'EMAIL_TAKEN') ||
        creator.roles.includes('ADMIN')
      )
        throw e;
      return this.answerForExistingAddress(dto);
    }
  }

  // An organiser may not learn from this route whether an address has an
  // account (another competition's applicant, an admin): for an address
  // that has one it gets the answer a new account would give, built from
  // what it sent, with the account's id. Nothing of that account changes, no
  // role is granted and no mail is sent; if it is a judge the organiser may
  // put it in a pool (as an import may), if not, a pool refuses its id as it
  // refuses an unknown one. Admins, who see every account, get 409.
  private async answerForExistingAddress(dto: CreateUserDto): Promise<UserView> {
    const existing = await this.prisma.user.findUniqueOrThrow({ where: { email: dto.email } });
    return {
      id: existing.id,
      email: dto.email,
      name: dto.name,
      roles: [...new Set(dto.roles)],
      affiliation: dto.affiliation?.trim() || null,
      locale: dto.locale ?? 'zh-CN',
      disabled: false,
    };
  }

  // POST /auth/password/forgot answers at once, the same for every address,
  // and this runs after the answer (startPasswordReset): how long the answer
  // takes cannot tell a registered address from an unknown or disabled one.
  // The work is the same for each too: a token is drawn and hashed, and one
  // transaction looks the address up; only an active account gets the row
  // and the mail, a one-time token for POST /auth/password like an
  // invitation's. A disabled account gets no mail: it could not log in.
  startPasswordReset(email: string): void {
    this.requestPasswordReset(email).catch((error: unknown) =>
      this.logger.error(
        { err: error instanceof Error ? error.message : String(error) },
        'password reset request failed (the address may ask again)',
      ),
    );
  }

  async requestPasswordReset(email: string): Promise<boolean> {
    const token = randomBytes(32).toString('base64url');
    const tokenHash = sha256(token);
    const expiresAt = new Date(Date.now() + RESET_TTL_MS);
    return this.prisma.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { email } });
      if (!user || user.disabledAt) return false;
      await tx.invitation.create({
        data: { userId: user.id, tokenHash, expiresAt, purpose: 'RESET' },
      });
      await appendEvent(tx, 'identity.password-reset-requested', user.id, {
        user: recipientOf(user),
        token,
        expiresAt: expiresAt.toISOString(),
      });
      return true;
    });
  }

  // Setting a password ends everything that came before it: every other
  // unused invitation or reset link of the account stops working, and the
  // token version moves on, so every session signed before (a stolen one
  // too) is refused from its next request, in every api process. An
  // invitation link is for an account's first password only: once one is set
  // (through a reset, or an earlier link), it no longer works.
  async setPassword(dto: SetPasswordDto): Promise<UserView> {
    const passwordHash = await hashPassword(dto.password);
    const user = await this.prisma.$transaction(async (tx) => {
      const now = new Date();
      // One statement claims the token, so two concurrent uses cannot both win.
      const claimed = await tx.invitation.updateManyAndReturn({
        where: { tokenHash: sha256(dto.token), usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (claimed.length !== 1) return null;
      const { userId, purpose } = claimed[0];
      // Row lock: a concurrent reset of the same account waits for this one.
      await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
      const current = await tx.user.findUniqueOrThrow({ where: { id: userId } });
      if (purpose === 'INVITATION' && current.passwordHash != null) return null;
      await tx.invitation.updateMany({
        where: { userId, usedAt: null, expiresAt: { gt: now } },
        data: { expiresAt: now },
      });
      const updated = await tx.user.update({
        where: { id: userId },
        data: { passwordHash, tokenVersion: { increment: 1 } },
      });
      await announceAccessChange(tx, userId);
      return updated;
    });
    if (user) this.access.changed(user.id);
    if (!user)
      throw DomainError.of(
        'TOKEN_INVALID',
        'This link is unknown, used or expired: ask for a new password-reset mail or a new invitation',
      );
    return toUserView(user);
  }

  // ADMIN only. A change of roles or of the disabled flag bumps the token
  // version, so every token signed before it is refused from the next request
  // on, in every api process (see UserAccessService); audited with its before/after.
  async updateUser(admin: Actor, userId: string, dto: UpdateUserDto): Promise<UserView> {
    if (dto.roles === undefined && dto.disabled === undefined)
      throw DomainError.of(
        'VALIDATION_FAILED',
        { fields: ['roles'] },
        'Send roles, disabled or both',
        [{ field: 'roles', code: 'FIELD_REQUIRED', message: 'send roles or disabled' }],
      );
    const view = await this.prisma.$transaction(async (tx) => {
      // Row lock: two admins changing admins at once cannot both remove the last one.
      const [before] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
      if (!before) throw DomainError.notFound('user', userId);
      const current = await tx.user.findUniqueOrThrow({ where: { id: userId } });
      const roles = dto.roles ? [...new Set(dto.roles)] : current.roles;
      const disabledAt =
        dto.disabled === undefined ? current.disabledAt : dto.disabled ? new Date() : null;
      const wasActiveAdmin = current.roles.includes('ADMIN') && !current.disabledAt;
      const staysActiveAdmin = roles.includes('ADMIN') && !disabledAt;
      if (wasActiveAdmin && !staysActiveAdmin) {
        await tx.$queryRaw`SELECT id FROM users WHERE 'ADMIN' = ANY(roles) FOR UPDATE`;
        const others = await tx.user.count({
          where: { roles: { has: 'ADMIN' }, disabledAt: null, id: { not: userId } },
        });
        if (others === 0)
          throw DomainError.of(
            'LAST_ADMIN',
            'This is the last active admin: make another admin first',
          );
      }
      const changed =
        roles.length !== current.roles.length ||
        roles.some((r) => !current.roles.includes(r)) ||
        (disabledAt == null) !== (current.disabledAt == null);
      if (!changed) return toUserView(current);
      const updated = await tx.user.update({
        where: { id: userId },
        data: {
          roles,
          disabledAt:
            (disabledAt == null) === (current.disabledAt == null) ? undefined : disabledAt,
          tokenVersion: { increment: 1 },
        },
      });
      await appendAudit(tx, {
        competitionId: null,
        actorId: admin.id,
        action: 'user.access-changed',
        entityType: 'user',
        entityId: userId,
        data: {
          before: { roles: current.roles, disabled: current.disabledAt != null },
          after: { roles: updated.roles, disabled: updated.disabledAt != null },
        },
      });
      await announceAccessChange(tx, userId);
      return toUserView(updated);
    });
    this.access.changed(userId);
    return view;
  }

  // Users matching a filter, for GET /users: `scope` limits an organiser to
  // the judges it may see (null: an admin sees everyone).
  async listUsers(
    scope: { judgeIds: string[]; createdById: string } | null,
    q: ListUsersQuery,
  ): Promise<{ items: UserListItem[]; total: number; page: number; pageSize: number }> {
    const and: Prisma.UserWhereInput[] = [];
    if (scope)
      and.push(
        { roles: { has: 'JUDGE' } },
        { OR: [{ id: { in: scope.judgeIds } }, { createdById: scope.createdById }] },
      );
    if (q.role) and.push({ roles: { has: q.role } });
    const text = q.q?.trim();
    if (text)
      and.push({
        OR: [
          { email: { contains: text, mode: 'insensitive' } },
          { name: { contains: text, mode: 'insensitive' } },
        ],
      });
    const where: Prisma.UserWhereInput = { AND: and };
    const [users, total] = await Promise.all([
      this.prisma.user.findMany({
        where,
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        skip: (q.page - 1) * q.pageSize,
        take: q.pageSize,
        include: LATEST_INVITATION,
      }),
      this.prisma.user.count({ where }),
    ]);
    const now = new Date();
    return {
      items: users.map((u) => toUserListItem(u, now)),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  // The first ADMIN comes from the environment: created once, never overwritten.
  async ensureBootstrapAdmin(): Promise<'created' | 'exists' | 'skipped'> {
    const { ADMIN_EMAIL, ADMIN_PASSWORD } = this.config;
    if (!ADMIN_EMAIL || !ADMIN_PASSWORD) return 'skipped';
    const email = ADMIN_EMAIL.trim().toLowerCase();
    const passwordHash = await hashPassword(ADMIN_PASSWORD);
    const result = await this.prisma.user.createMany({
      data: [{ email, name: 'Administrator', roles: ['ADMIN'], passwordHash }],
      skipDuplicates: true,
    });
    return result.count === 1 ? 'created' : 'exists';
  }

  // Accounts by address, for spreadsheet imports matching their rows to people.
  async findByEmails(emails: string[]): Promise<UserView[]> {
    const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()))];
    if (!wanted.length) return [];
    const users = await this.prisma.user.findMany({ where: { email: { in: wanted } } });
    return users.map(toUserView);
  }

  // The contact of a project an organiser imports from another portal's list
  // gets an APPLICANT account and the usual invitation, so they can follow the
  // project here. Identity decides this, not the importer: POST /users still
  // lets an organiser create judges only.
  async inviteApplicant(
    inviter: Actor,
    contact: { email: string; name: string; locale?: string },
  ): Promise<UserView> {
    if (!inviter.roles.includes('ADMIN') && !inviter.roles.includes('ORGANISER'))
      throw DomainError.of(
        'FORBIDDEN_ROLE',
        { roles: ['ADMIN', 'ORGANISER'] },
        'only admins and organisers may import applicants',
      );
    return this.createUser(
      { id: inviter.id, roles: ['ADMIN'] },
      { email: contact.email, name: contact.name, roles: ['APPLICANT'], locale: contact.locale },
    );
  }
}
