import { Injectable } from '@nestjs/common';
import { Actor, DomainError, endOfDayInZone } from '@app/domain';
import { PrismaService } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { SignInPassesService } from '../identity/sign-in-passes.service';
import {
  IssueJudgePassesDto,
  IssuedJudgePassesDto,
  JudgePassListDto,
} from './dto/judge-passes.dto';
import { RoundsService } from './rounds.service';

/**
 * Judges without passwords on the roadshow day: the organisers print a
 * one-time QR per judge of a round; it signs that judge in on one phone, until
 * the day's end in the competition's time zone, straight onto the round's
 * judge page. The passes themselves (hashed tokens, the phone binding, the
 * session) belong to identity (SignInPassesService).
 */
@Injectable()
export class JudgePassesService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
    private readonly competitions: CompetitionsService,
    private readonly passes: SignInPassesService,
  ) {}

  async issue(
    actor: Actor,
    roundId: string,
    dto: IssueJudgePassesDto,
  ): Promise<IssuedJudgePassesDto> {
    const round = await this.rounds.managed(actor, roundId);
    if (round.status === 'CLOSED')
      throw DomainError.of('ROUND_CLOSED', 'the round is closed: no more judging on the day');
    const pool = await this.prisma.roundJudge.findMany({
      where: { roundId },
      orderBy: [{ name: 'asc' }, { judgeId: 'asc' }],
    });
    const wanted = dto.judgeIds ? new Set(dto.judgeIds) : null;
    if (wanted && [...wanted].some((id) => !pool.some((j) => j.judgeId === id)))
      throw DomainError.of('SIGN_IN_PASS_NOT_A_JUDGE', 'passes are for the judges of the round', [
        {
          field: 'judgeIds',
          code: 'SIGN_IN_PASS_NOT_A_JUDGE',
          message: 'not a judge of the round',
        },
      ]);
    const judges = wanted ? pool.filter((j) => wanted.has(j.judgeId)) : pool;
    const timeZone = await this.competitions.timeZoneOf(round.competitionId);
    const expiresAt = endOfDayInZone(new Date(), timeZone);
    const issued = await this.passes.issue(
      actor.id,
      judges.map((j) => ({
        userId: j.judgeId,
        landingPath: `/judge/rounds/${roundId}`,
        competitionId: round.competitionId,
        scopeId: roundId,
        expiresAt,
      })),
      {
        competitionId: round.competitionId,
        actorId: actor.id,
        action: 'round.judge-passes-issued',
        entityType: 'round',
        entityId: roundId,
        // Names, never tokens.
        data: { judges: judges.map((j) => j.name), expiresAt: expiresAt.toISOString() },
      },
    );
    const names = new Map(judges.map((j) => [j.judgeId, j.name]));
    return {
      roundId,
      roundName: round.name,
      timeZone,
      expiresAt,
      passes: issued.map((p) => ({
        passId: p.passId,
        judgeId: p.userId,
        judgeName: names.get(p.userId) ?? '',
        token: p.token,
        path: `/pass#${p.token}`,
      })),
    };
  }

  async list(actor: Actor, roundId: string): Promise<JudgePassListDto> {
    await this.rounds.managed(actor, roundId);
    const [passes, pool] = await Promise.all([
      this.passes.list(roundId),
      this.prisma.roundJudge.findMany({ where: { roundId } }),
    ]);
    const names = new Map(pool.map((j) => [j.judgeId, j.name]));
    return {
      roundId,
      passes: passes.map((p) => ({
        passId: p.passId,
        judgeId: p.userId,
        judgeName: names.get(p.userId) ?? '',
        status: p.status,
        createdAt: p.createdAt,
        expiresAt: p.expiresAt,
        boundAt: p.boundAt,
        revokedAt: p.revokedAt,
      })),
    };
  }

  async revoke(actor: Actor, roundId: string, passId: string): Promise<JudgePassListDto> {
    const round = await this.rounds.managed(actor, roundId);
    const pool = await this.prisma.roundJudge.findMany({ where: { roundId } });
    await this.passes.revoke(roundId, passId, actor.id, (pass) => ({
      competitionId: round.competitionId,
      actorId: actor.id,
      action: 'round.judge-pass-revoked',
      entityType: 'round',
      entityId: roundId,
      data: {
        passId,
        judge: pool.find((j) => j.judgeId === pass.userId)?.name ?? null,
        wasBound: pass.boundAt != null,
      },
    }));
    return this.list(actor, roundId);
  }
}
