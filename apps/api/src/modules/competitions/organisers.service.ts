import { Injectable } from '@nestjs/common';
import { Actor, DomainError, fieldProblem } from '@app/domain';
import { PrismaService, appendAudit } from '@app/database';
import { IdentityService } from '../identity/identity.service';
import { CompetitionsService } from './competitions.service';

// Co-organisers: every organiser in competition_organisers may do all that
// the creator may (CompetitionsService.assertCanManage is the one check), so
// adding one is all it takes; the last organiser cannot be removed, and the
// competition's creator is removed only by itself or an admin (a co-organiser
// it added cannot push it out of its own competition).
@Injectable()
export class OrganisersService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly identity: IdentityService,
  ) {}

  async list(actor: Actor, competitionId: string) {
    await this.competitions.assertCanManage(actor, competitionId);
    const rows = await this.prisma.competitionOrganiser.findMany({ where: { competitionId } });
    const users = await this.identity.findUsers(rows.map((r) => r.userId));
    return {
      items: users
        .map((u) => ({ userId: u.id, name: u.name, email: u.email }))
        .sort((a, b) => a.email.localeCompare(b.email)),
    };
  }

  async add(actor: Actor, competitionId: string, userId: string) {
    await this.competitions.assertCanManage(actor, competitionId);
    const [user] = await this.identity.findUsers([userId]);
    if (!user)
      throw DomainError.of('FIELD_UNKNOWN_REFERENCE', { resource: 'user' }, 'no such user', [
        fieldProblem('userId', 'FIELD_UNKNOWN_REFERENCE', 'no such user', { resource: 'user' }),
      ]);
    if (!user.roles.includes('ORGANISER'))
      throw DomainError.of(
        'USER_NOT_ORGANISER',
        { userName: user.name },
        'userId must be a user with the ORGANISER role',
        [fieldProblem('userId', 'USER_NOT_ORGANISER', 'not an organiser', { userName: user.name })],
      );
    await this.prisma.$transaction(async (tx) => {
      const added = await tx.competitionOrganiser.createMany({
        data: [{ competitionId, userId }],
        skipDuplicates: true,
      });
      if (!added.count)
        throw DomainError.of(
          'ALREADY_ORGANISER',
          { userName: user.name },
          'already an organiser of this competition',
        );
      await appendAudit(tx, {
        competitionId,
        actorId: actor.id,
        action: 'competition.organiser-added',
        entityType: 'competition',
        entityId: competitionId,
        data: { userId, email: user.email },
      });
    });
    return this.list(actor, competitionId);
  }

  async remove(actor: Actor, competitionId: string, userId: string) {
    await this.competitions.assertCanManage(actor, competitionId);
    await this.prisma.$transaction(async (tx) => {
      // Serialises concurrent removals so two cannot leave nobody in charge.
      const [competition] = await tx.$queryRaw<{ created_by_id: string }[]>`
        SELECT created_by_id FROM competitions WHERE id = ${competitionId}::uuid FOR UPDATE`;
      if (
        competition?.created_by_id === userId &&
        actor.id !== userId &&
        !actor.roles.includes('ADMIN')
      )
        throw DomainError.of(
          'CREATOR_NOT_REMOVABLE',
          "the competition's creator can be removed only by itself or an admin",
        );
      const removed = await tx.competitionOrganiser.deleteMany({
        where: { competitionId, userId },
      });
      if (!removed.count) throw DomainError.notFound('organiser', userId);
      if (!(await tx.competitionOrganiser.count({ where: { competitionId } })))
        throw DomainError.of(
          'LAST_ORGANISER',
          'the last organiser of a competition cannot be removed',
        );
      await appendAudit(tx, {
        competitionId,
        actorId: actor.id,
        action: 'competition.organiser-removed',
        entityType: 'competition',
        entityId: competitionId,
        data: { userId },
      });
    });
    // Removing oneself ends one's access: then the list is empty, not a 404.
    return this.list(actor, competitionId).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'NOT_FOUND') return { items: [] };
      throw e;
    });
  }
}
