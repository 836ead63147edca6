import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, DomainError } from '@app/domain';
import { PrismaService, appendAudit } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { IdentityService } from '../identity/identity.service';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

// A competition's pledge of recusal and confidentiality (回避与保密承诺): its
// text, set by the organisers, and each judge's acceptance (who, when, from
// where, which text). Required iff the competition has a text: until the judge
// accepts it, every score write in the competition answers 403 PLEDGE_REQUIRED.
@Injectable()
export class PledgeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
    private readonly identity: IdentityService,
  ) {}

  async set(actor: Actor, competitionId: string, text: string) {
    await this.competitions.assertCanManage(actor, competitionId);
    const trimmed = text.trim();
    await this.prisma.$transaction(async (tx) => {
      if (trimmed)
        await tx.competitionPledge.upsert({
          where: { competitionId },
          create: { competitionId, text: trimmed, updatedById: actor.id },
          update: { text: trimmed, updatedById: actor.id },
        });
      else await tx.competitionPledge.deleteMany({ where: { competitionId } });
      await appendAudit(tx, {
        competitionId,
        actorId: actor.id,
        action: 'pledge.set',
        entityType: 'competition',
        entityId: competitionId,
        data: { textSha256: trimmed ? sha256(trimmed) : null },
      });
    });
    return this.forOrganiser(actor, competitionId);
  }

  async forOrganiser(actor: Actor, competitionId: string) {
    await this.competitions.assertCanManage(actor, competitionId);
    const pledge = await this.prisma.competitionPledge.findUnique({ where: { competitionId } });
    const acceptances = await this.prisma.pledgeAcceptance.findMany({
      where: { competitionId },
      orderBy: { acceptedAt: 'asc' },
    });
    const nameOf = await this.identity.namesOf(acceptances.map((a) => a.judgeId));
    return {
      competitionId,
      text: pledge?.text ?? null,
      textSha256: pledge ? sha256(pledge.text) : null,
      updatedAt: pledge?.updatedAt ?? null,
      acceptances: acceptances.map((a) => ({
        judgeId: a.judgeId,
        judgeName: nameOf.get(a.judgeId) ?? '',
        acceptedAt: a.acceptedAt,
        ip: a.ip,
        textSha256: a.textSha256,
      })),
    };
  }

  // The judge's view of a round's pledge: a judge of the round's panel only.
  async forJudge(actor: Actor, roundId: string) {
    const competitionId = await this.panelCompetition(actor, roundId);
    const [pledge, acceptance, names] = await Promise.all([
      this.prisma.competitionPledge.findUnique({ where: { competitionId } }),
      this.prisma.pledgeAcceptance.findUnique({
        where: { competitionId_judgeId: { competitionId, judgeId: actor.id } },
      }),
      this.competitions.namesOf([competitionId]),
    ]);
    return {
      competitionId,
      competitionName: names.get(competitionId) ?? '',
      required: pledge !== null,
      text: pledge?.text ?? null,
      accepted: acceptance !== null,
      acceptedAt: acceptance?.acceptedAt ?? null,
    };
  }

  async accept(actor: Actor, roundId: string, ip: string | null) {
    const competitionId = await this.panelCompetition(actor, roundId);
    const pledge = await this.prisma.competitionPledge.findUnique({ where: { competitionId } });
    if (!pledge) throw DomainError.of('PLEDGE_NOT_SET', 'this competition has no pledge');
    const existing = await this.prisma.pledgeAcceptance.findUnique({
      where: { competitionId_judgeId: { competitionId, judgeId: actor.id } },
    });
    if (!existing)
      await this.prisma.$transaction(async (tx) => {
        await tx.pledgeAcceptance.createMany({
          data: [{ competitionId, judgeId: actor.id, ip, textSha256: sha256(pledge.text) }],
          skipDuplicates: true,
        });
        await appendAudit(tx, {
          competitionId,
          actorId: actor.id,
          action: 'pledge.accepted',
          entityType: 'competition',
          entityId: competitionId,
          data: { ip, textSha256: sha256(pledge.text) },
        });
      });
    return this.forJudge(actor, roundId);
  }

  // After a score write that the pledge held back (the statement writes
  // nothing while the competition's pledge waits for this judge: scores.sql.ts),
  // the refusal: a judge of the round's panel gets 403 PLEDGE_REQUIRED; anyone
  // else is left to the write's own answer.
  async refuseUnaccepted(
    facts: { pledgeMissing: boolean | null; inPool: boolean },
    roundId: string,
  ): Promise<void> {
    if (facts.pledgeMissing && facts.inPool) {
      const round = await this.prisma.round.findUnique({
        where: { id: roundId },
        select: { competitionId: true },
      });
      const names = round
        ? await this.competitions.namesOf([round.competitionId])
        : new Map<string, string>();
      throw DomainError.of(
        'PLEDGE_REQUIRED',
        { competitionName: (round && names.get(round.competitionId)) ?? '' },
        'accept the pledge of recusal and confidentiality before scoring',
      );
    }
  }

  private async panelCompetition(actor: Actor, roundId: string): Promise<string> {
    const round = await this.prisma.round.findUnique({
      where: { id: roundId },
      select: { competitionId: true },
    });
    const inPool =
      round && (await this.prisma.roundJudge.count({ where: { roundId, judgeId: actor.id } })) > 0;
    if (!round || !inPool) throw DomainError.notFound('round', roundId);
    return round.competitionId;
  }
}
