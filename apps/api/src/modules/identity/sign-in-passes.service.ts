import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig } from '@app/config';
import { AuditRecord, PrismaService, appendAudit } from '@app/database';
import { DomainError } from '@app/domain';
import { sha256 } from './invitations';
import { UserView, toUserView } from './identity.service';

// One-time sign-in passes (a judge's QR on the roadshow day). The token (32
// random bytes) is shown once, when the pass is made, and stored as its
// SHA-256. The first phone that presents it is bound to it: the api gives that
// phone a device secret in an HttpOnly cookie and keeps the secret's hash; a
// phone without that secret is refused. The session a pass signs is the
// user's normal session (the same JWT, roles read from the account on every
// request), with the pass's id in it: the auth guard refuses it once the pass
// is revoked or past its end, which is also the token's own expiry.

export interface PassToIssue {
  userId: string;
  landingPath: string;
  competitionId: string;
  scopeId: string;
  expiresAt: Date;
}

export interface IssuedPass {
  passId: string;
  userId: string;
  token: string;
  expiresAt: Date;
}

export type PassStatus = 'UNUSED' | 'BOUND' | 'EXPIRED' | 'REVOKED';

export interface PassView {
  passId: string;
  userId: string;
  status: PassStatus;
  createdAt: Date;
  expiresAt: Date;
  boundAt: Date | null;
  revokedAt: Date | null;
}

type PassRow = {
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  boundAt: Date | null;
  revokedAt: Date | null;
};

const statusOf = (p: PassRow, now: Date): PassStatus =>
  p.revokedAt ? 'REVOKED' : p.expiresAt <= now ? 'EXPIRED' : p.boundAt ? 'BOUND' : 'UNUSED';

const toView = (p: PassRow, now = new Date()): PassView => ({
  passId: p.id,
  userId: p.userId,
  status: statusOf(p, now),
  createdAt: p.createdAt,
  expiresAt: p.expiresAt,
  boundAt: p.boundAt,
  revokedAt: p.revokedAt,
});

const sameHash = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
// JWT_TTL as seconds ("12h", "30m", "3600").
export function ttlSeconds(ttl: string): number {
  const m = /^(\d+)\s*([smhd]?)$/.exec(ttl.trim());
  return m ? Number(m[1]) * (TTL_UNITS[m[2] || 's'] ?? 1) : 12 * 3600;
}

@Injectable()
export class SignInPassesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Makes a pass per item, in one transaction with its audit row. With
   * `replaceUnused`, each user's earlier passes of the same scope that no
   * phone used yet are revoked (a reprinted sheet replaces the old one; a
   * phone already signed in keeps its pass).
   */
  async issue(
    creatorId: string,
    items: PassToIssue[],
    audit: AuditRecord,
    replaceUnused = true,
  ): Promise<IssuedPass[]> {
    return this.prisma.$transaction(async (tx) => {
      const now = new Date();
      const out: IssuedPass[] = [];
      for (const item of items) {
        if (replaceUnused)
          await tx.signInPass.updateMany({
            where: { scopeId: item.scopeId, userId: item.userId, boundAt: null, revokedAt: null },
            data: { revokedAt: now, revokedById: creatorId },
          });
        const token = randomBytes(32).toString('base64url');
        const row = await tx.signInPass.create({
          data: {
            userId: item.userId,
            tokenHash: sha256(token),
            landingPath: item.landingPath,
            competitionId: item.competitionId,
            scopeId: item.scopeId,
            expiresAt: item.expiresAt,
            createdById: creatorId,
            createdAt: now,
          },
        });
        out.push({ passId: row.id, userId: row.userId, token, expiresAt: row.expiresAt });
      }
      await appendAudit(tx, audit);
      return out;
    });
  }

  async list(scopeId: string): Promise<PassView[]> {
    const rows = await this.prisma.signInPass.findMany({
      where: { scopeId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    const now = new Date();
    return rows.map((r) => toView(r, now));
  }

  /** Revokes a pass of the scope (audited); its sessions end at their next request. */
  async revoke(
    scopeId: string,
    passId: string,
    actorId: string,
    audit: (pass: PassView) => AuditRecord,
  ): Promise<PassView> {
    return this.prisma.$transaction(async (tx) => {
      const [locked] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM sign_in_passes WHERE id = ${passId}::uuid AND scope_id = ${scopeId}::uuid
        FOR UPDATE`;
      if (!locked) throw DomainError.notFound('signInPass', passId);
      const current = await tx.signInPass.findUniqueOrThrow({ where: { id: passId } });
      if (current.revokedAt) return toView(current);
      const updated = await tx.signInPass.update({
        where: { id: passId },
        data: { revokedAt: new Date(), revokedById: actorId },
      });
      await appendAudit(tx, audit(toView(current)));
      return toView(updated);
    });
  }

  /**
   * Signs in with a pass from a phone. `deviceSecret` is the secret the api
   * gave the phone that first used the pass (its cookie), if it sent one.
   * Answers the session's token, the device secret to keep, and where to go.
   */
  async redeem(
    token: string,
    deviceSecret: string | null,
  ): Promise<{
    accessToken: string;
    expiresAt: Date;
    user: UserView;
    landingPath: string;
    deviceSecret: string;
  }> {
    const { pass, secret } = await this.prisma.$transaction(async (tx) => {
      // Row lock: two phones scanning at once cannot both bind.
      const [row] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM sign_in_passes WHERE token_hash = ${sha256(token)} FOR UPDATE`;
      if (!row)
        throw DomainError.of('SIGN_IN_PASS_INVALID', 'This sign-in code is unknown', [
          { field: 'token', code: 'SIGN_IN_PASS_INVALID', message: 'unknown sign-in code' },
        ]);
      const p = await tx.signInPass.findUniqueOrThrow({ where: { id: row.id } });
      const now = new Date();
      if (p.revokedAt)
        throw DomainError.of('SIGN_IN_PASS_REVOKED', 'The organisers revoked this sign-in code');
      if (p.expiresAt <= now)
        throw DomainError.of('SIGN_IN_PASS_EXPIRED', "This sign-in code's day is over");
      if (p.deviceHash == null) {
        const fresh = randomBytes(32).toString('base64url');
        const bound = await tx.signInPass.update({
          where: { id: p.id },
          data: { deviceHash: sha256(fresh), boundAt: now },
        });
        return { pass: bound, secret: fresh };
      }
      if (!deviceSecret || !sameHash(sha256(deviceSecret), p.deviceHash))
        throw DomainError.of(
          'SIGN_IN_PASS_BOUND_ELSEWHERE',
          'This sign-in code already signed in another phone; it works there only',
        );
      return { pass: p, secret: deviceSecret };
    });
    const user = await this.prisma.user.findUnique({ where: { id: pass.userId } });
    if (!user) throw DomainError.of('ACCOUNT_GONE', 'The account of this sign-in code is gone');
    if (user.disabledAt) throw DomainError.of('ACCOUNT_DISABLED', 'This account is disabled');
    const seconds = Math.min(
      ttlSeconds(this.config.JWT_TTL),
      Math.floor((pass.expiresAt.getTime() - Date.now()) / 1000),
    );
    if (seconds <= 0)
      throw DomainError.of('SIGN_IN_PASS_EXPIRED', "This sign-in code's day is over");
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, roles: user.roles, ver: user.tokenVersion, pass: pass.id },
      { expiresIn: seconds },
    );
    return {
      accessToken,
      expiresAt: new Date(Date.now() + seconds * 1000),
      user: toUserView(user),
      landingPath: pass.landingPath,
      deviceSecret: secret,
    };
  }
}
