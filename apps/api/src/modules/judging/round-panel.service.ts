import { Injectable } from '@nestjs/common';
import { Actor, DomainError, RoundLifecycle, conflictHoldsIn, conflictKey } from '@app/domain';
import { PrismaService, isUniqueViolation } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { IdentityService } from '../identity/identity.service';
import { RegistrationService } from '../registration/registration.service';
import { DeclareConflictDto } from './dto/judging.dto';
import { RoundRow, assertChangeable, removePair } from './round-changes';
import { RoundsService } from './rounds.service';

// A round's panel: its judge pool and the conflicts of interest declared in it.
@Injectable()
export class RoundPanelService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
    private readonly competitions: CompetitionsService,
    private readonly registration: RegistrationService,
    private readonly identity: IdentityService,
  ) {}

  async addJudges(actor: Actor, roundId: string, judgeIds: string[]) {
    const round = await this.rounds.managed(actor, roundId);
    if (round.status === 'CLOSED') throw DomainError.of('ROUND_CLOSED', 'round is CLOSED');
    const users = await this.identity.findUsers([...new Set(judgeIds)]);
    const judges = users.filter((u) => u.roles.includes('JUDGE'));
    const bad = judgeIds.filter((id) => !judges.some((j) => j.id === id));
    if (bad.length) {
      throw DomainError.of(
        'NOT_JUDGES',
        { count: bad.length },
        `not judges: ${bad.join(', ')}`,
        bad.map((id) => ({
          field: 'judgeIds',
          code: 'NOT_JUDGES' as const,
          message: `${id} is not a judge`,
          params: { count: 1 },
        })),
      );
    }
    await this.prisma.$transaction(async (tx) => {
      await assertChangeable(tx, roundId);
      await tx.roundJudge.createMany({
        data: judges.map((j) => ({
          roundId,
          judgeId: j.id,
          name: j.name,
          email: j.email,
          locale: j.locale,
          affiliation: j.affiliation,
        })),
        skipDuplicates: true,
      });
    });
    return this.listJudges(actor, roundId);
  }

  async listJudges(actor: Actor, roundId: string) {
    await this.rounds.managed(actor, roundId);
    const items = await this.prisma.roundJudge.findMany({
      where: { roundId },
      orderBy: { name: 'asc' },
    });
    return { items };
  }

  // Organisers declare for anyone; a judge declares for itself. A conflict
  // found after assignment removes that assignment and any score with it.
  async declareConflict(actor: Actor, roundId: string, dto: DeclareConflictDto) {
    const round = await this.prisma.round.findUnique({ where: { id: roundId } });
    if (!round) throw DomainError.notFound('round', roundId);
    const organiser = await this.competitions.assertCanManage(actor, round.competitionId).then(
      () => true,
      (e: unknown) => {
        if (DomainError.isNotFound(e)) return false;
        throw e;
      },
    );
    if (!organiser) {
      const inPool = await this.prisma.roundJudge.count({ where: { roundId, judgeId: actor.id } });
      if (!inPool) throw DomainError.notFound('round', roundId);
      if (dto.judgeId !== actor.id)
        throw DomainError.of('CONFLICT_ONLY_SELF', 'a judge may declare conflicts only for itself');
    }
    if (!(await this.prisma.roundJudge.count({ where: { roundId, judgeId: dto.judgeId } }))) {
      throw DomainError.of('JUDGE_NOT_IN_ROUND', 'judge is not in this round', [
        { field: 'judgeId', code: 'JUDGE_NOT_IN_ROUND', message: 'not in the round' },
      ]);
    }
    if (round.status === 'CLOSED') RoundLifecycle.assertChangeable(round.status);
    return this.prisma
      .$transaction(async (tx) => {
        await assertChangeable(tx, roundId);
        const conflict = await tx.conflict.create({
          data: {
            roundId,
            judgeId: dto.judgeId,
            projectId: dto.projectId,
            reason: dto.reason,
            declaredById: actor.id,
          },
        });
        const removed = await removePair(tx, round, dto.judgeId, dto.projectId, {
          actorId: actor.id,
          action: 'score.removed-by-conflict',
          reason: dto.reason,
        });
        // The conflict holds in every later round of the competition too.
        const later = await tx.round.findMany({
          where: {
            competitionId: round.competitionId,
            id: { not: roundId },
            status: { not: 'CLOSED' },
          },
          select: { id: true, competitionId: true, createdAt: true },
        });
        for (const r of later.filter((r) => conflictHoldsIn(round, r)))
          await removePair(tx, r, dto.judgeId, dto.projectId, {
            actorId: actor.id,
            action: 'score.removed-by-conflict',
            reason: dto.reason,
          });
        return { conflict, removedAssignment: removed.assignment, removedScore: removed.score };
      })
      .catch((e) => {
        if (isUniqueViolation(e))
          throw DomainError.of('CONFLICT_ALREADY_DECLARED', 'this conflict is already declared');
        throw e;
      });
  }

  // Conflicts declared for this round or any earlier round of its competition
  // (libs/domain conflictHoldsIn), as judge:project keys.
  async declaredConflicts(round: RoundRow): Promise<Set<string>> {
    const rounds = await this.prisma.round.findMany({
      where: { competitionId: round.competitionId },
      select: { id: true, competitionId: true, createdAt: true },
    });
    const holding = rounds.filter((r) => conflictHoldsIn(r, round)).map((r) => r.id);
    const declared = await this.prisma.conflict.findMany({
      where: { roundId: { in: holding } },
      select: { judgeId: true, projectId: true },
    });
    return new Set(declared.map((c) => conflictKey(c.judgeId, c.projectId)));
  }

  // The eligible projects of a heat with what the structural conflict rules
  // need: organisation, owner and the team's emails.
  async conflictProfiles(heatId: string) {
    const projects = await this.registration.eligibleProjects(heatId);
    const owners = await this.identity.findUsers([...new Set(projects.map((p) => p.ownerId))]);
    const emailOf = new Map(owners.map((u) => [u.id, u.email]));
    return projects.map((p) => ({ ...p, ownerEmail: emailOf.get(p.ownerId) ?? null }));
  }
}
