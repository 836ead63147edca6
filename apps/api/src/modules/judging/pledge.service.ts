import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, DomainError } from '@app/domain';
import { PgService, PrismaService, appendAudit } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { IdentityService } from '../identity/identity.service';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

// A competition's pledge of recusal and confidentiality (回避与保密承诺): its
// text, set by the organisers, and each judge's acceptance (who, when, from
// where, which text). Required iff the competition has a text: until the judge
// accepts it, every score write in the competition answers 403 PLEDGE_REQUIRED.
@Injectable()
export class PledgeService {
  // Acceptances never lapse: once seen, a judge's acceptance is not asked again.
  private readonly accepted = new Set<string>();

  constructor(
    private readonly prisma: PrismaService,
    private readonly pg: PgService,
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
    this.accepted.add(`${competitionId}:${actor.id}`);
    return this.forJudge(actor, roundId);
  }

  // Before every score write: a judge of the round's panel in a competition
  // with a pledge must have accepted it (403 PLEDGE_REQUIRED). Anyone else is
  // left to the write's own answer (404 for a stranger, 403 for the unassigned).
  async assertMayScore(judgeId: string, roundId: string): Promise<void> {
    const { rows } = await this.pg.pool.query<{
      competition_id: string;
      required: boolean;
      accepted: boolean;
      in_pool: boolean;
    }>({
      name: 'pledge-check',
      text: `SELECT r.competition_id,
                    EXISTS (SELECT 1 FROM competition_pledges p WHERE p.competition_id = r.competition_id) AS required,
                    EXISTS (SELECT 1 FROM pledge_acceptances a
                             WHERE a.competition_id = r.competition_id AND a.judge_id = $2) AS accepted,
                    EXISTS (SELECT 1 FROM round_judges j WHERE j.round_id = r.id AND j.judge_id = $2) AS in_pool
               FROM rounds r WHERE r.id = $1`,
      values: [roundId, judgeId],
    });
    const row = rows[0];
    if (!row || !row.required || !row.in_pool) return;
    if (row.accepted || this.accepted.has(`${row.competition_id}:${judgeId}`)) return;
    const names = await this.competitions.namesOf([row.competition_id]);
    throw DomainError.of(
      'PLEDGE_REQUIRED',
      { competitionName: names.get(row.competition_id) ?? '' },
      'accept the pledge of recusal and confidentiality before scoring',
    );
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
