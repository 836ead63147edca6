import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@app/config';
import { Actor, RoleName, assertMayGrantRoles } from '@app/domain';
import { PrismaService, User, appendEvent, isUniqueViolation } from '@app/database';
import { CreateUserDto, LoginDto, SetPasswordDto, SignupDto } from './dto/identity.dto';
import { hashPassword, verifyPassword } from './password-hasher';

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: RoleName[];
  affiliation: string | null;
  locale: string;
}

export const toUserView = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  roles: u.roles as RoleName[],
  affiliation: u.affiliation,
  locale: u.locale,
});

const recipientOf = (u: User) => ({ userId: u.id, email: u.email, name: u.name, locale: u.locale });

@Injectable()
export class IdentityService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async signup(dto: SignupDto): Promise<UserView> {
    const passwordHash = await hashPassword(dto.password);
    try {
      const user = await this.prisma.$transaction(async (tx) => {
        const created = await tx.user.create({
          data: { email: dto.email, name: dto.name, passwordHash, roles: ['APPLICANT'], locale: dto.locale ?? 'zh-CN' },
        });
        await appendEvent(tx, 'identity.user-signed-up', created.id, { user: recipientOf(created) });
        return created;
      });
      return toUserView(user);
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictException(`The email ${dto.email} is already registered: log in instead`);
      throw e;
    }
  }

  async login(dto: LoginDto): Promise<{ accessToken: string; user: UserView }> {
    const user = await this.prisma.user.findUnique({ where: { email: dto.email } });
    const ok = await verifyPassword(user?.passwordHash ?? null, dto.password);
    if (!user || !ok) throw new UnauthorizedException('Wrong email or password');
    const accessToken = await this.jwt.signAsync({ sub: user.id, roles: user.roles });
    return { accessToken, user: toUserView(user) };
  }

  async me(userId: string): Promise<UserView> {
    const user = await this.prisma.user.findUnique({ where: { id: userId } });
    if (!user) throw new NotFoundException('Your account no longer exists');
    return toUserView(user);
  }

  async findUsers(ids: string[]): Promise<UserView[]> {
    const users = await this.prisma.user.findMany({ where: { id: { in: ids } } });
    return users.map(toUserView);
  }

  async createUser(creator: Actor, dto: CreateUserDto): Promise<UserView> {
    const refusal = assertMayGrantRoles(creator, dto.roles);
    if (refusal) throw new ForbiddenException(refusal);
    const creatorName = (await this.prisma.user.findUnique({ where: { id: creator.id } }))?.name ?? 'The organisers';
    const passwordHash = dto.password ? await hashPassword(dto.password) : null;
    const token = dto.password ? null : randomBytes(32).toString('base64url');
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
        if (token) {
          const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
          await tx.invitation.create({ data: { userId: created.id, tokenHash: sha256(token), expiresAt } });
          // The raw token travels only inside the outbox row to the mailer; the
          // invitations table keeps its hash.
          await appendEvent(tx, 'identity.user-invited', created.id, {
            user: recipientOf(created),
            token,
            expiresAt: expiresAt.toISOString(),
            invitedByName: creatorName,
          });
        }
        return created;
      });
      return toUserView(user);
    } catch (e) {
      if (isUniqueViolation(e)) throw new ConflictException(`The email ${dto.email} is already registered`);
      throw e;
    }
  }

  async setPassword(dto: SetPasswordDto): Promise<UserView> {
    const passwordHash = await hashPassword(dto.password);
    const user = await this.prisma.$transaction(async (tx) => {
      // One statement claims the token, so two concurrent uses cannot both win.
      const claimed = await tx.invitation.updateManyAndReturn({
        where: { tokenHash: sha256(dto.token), usedAt: null, expiresAt: { gt: new Date() } },
        data: { usedAt: new Date() },
      });
      if (claimed.length !== 1) return null;
      return tx.user.update({ where: { id: claimed[0].userId }, data: { passwordHash } });
    });
    if (!user) throw new NotFoundException('This invitation link is unknown, used or expired: ask the organisers for a new one');
    return toUserView(user);
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
}
