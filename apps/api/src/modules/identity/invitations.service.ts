import { Injectable } from '@nestjs/common';
import { Actor, DomainError, resendRefusal } from '@app/domain';
import { PrismaService, User, appendAudit } from '@app/database';
import { LATEST_INVITATION, UserListItem, toUserListItem } from './identity.service';
import { issueInvitation } from './invitations';

/** The users a caller may act on: null for an admin, else an organiser's judges (as GET /users). */
export type UserScope = { judgeIds: string[]; createdById: string } | null;

const refusalOf = (u: User) =>
  resendRefusal({ passwordSet: u.passwordHash != null, disabled: u.disabledAt != null });

@Injectable()
export class InvitationsService {
  constructor(private readonly prisma: PrismaService) {}

  // A new link for an account that has not set its password (the first one
  // expired, or the mail went astray). Only the newest link works: earlier
  // unused ones stop at once, so a forwarded old mail is worth nothing.
  async resend(actor: Actor, userId: string, scope: UserScope): Promise<UserListItem> {
    const user = await this.prisma.user.findUnique({ where: { id: userId } });
    const visible =
      user &&
      (!scope ||
        (user.roles.includes('JUDGE') &&
          (user.createdById === scope.createdById || scope.judgeIds.includes(user.id))));
    if (!visible) throw DomainError.notFound('user', userId);
    const inviterName =
      (await this.prisma.user.findUnique({ where: { id: actor.id } }))?.name ?? 'The organisers';
    const updated = await this.prisma.$transaction(async (tx) => {
      // Row lock: the password may be set, or another resend sent, meanwhile.
      await tx.$queryRaw`SELECT id FROM users WHERE id = ${userId}::uuid FOR UPDATE`;
      const current = await tx.user.findUniqueOrThrow({ where: { id: userId } });
      const refusal = refusalOf(current);
      if (refusal) throw DomainError.of(refusal.code, { userName: current.name }, refusal.message);
      const now = new Date();
      await tx.invitation.updateMany({
        where: { userId, purpose: 'INVITATION', usedAt: null, expiresAt: { gt: now } },
        data: { expiresAt: now },
      });
      const invitation = await issueInvitation(tx, current, inviterName);
      await appendAudit(tx, {
        competitionId: null,
        actorId: actor.id,
        action: 'user.invitation-resent',
        entityType: 'user',
        entityId: userId,
        data: { email: current.email, expiresAt: invitation.expiresAt.toISOString() },
      });
      return tx.user.findUniqueOrThrow({ where: { id: userId }, include: LATEST_INVITATION });
    });
    return toUserListItem(updated);
  }
}
