import { Injectable } from '@nestjs/common';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Actor, DomainError } from '@app/domain';
import { PrismaService, appendAudit } from '@app/database';
import { RANKING_UPDATED_CHANNEL } from '@app/events';
import { RegistrationService } from '../registration/registration.service';
import {
  AbsentDto,
  CheckInCodeDto,
  CheckInDto,
  CheckInResultDto,
  DeskCheckInDto,
  PresenceDto,
} from './dto/check-in.dto';
import { RoundsService } from './rounds.service';

type Subject = { subjectType: 'PROJECT' | 'JUDGE'; subjectId: string; name: string };

const sameCode = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * 签到 on the roadshow day: teams and judges check in by scanning the round's
 * QR code (shown at the venue only) on their own signed-in phone, or at the
 * organisers' desk; a project absent when called is marked 缺席 with a reason.
 * The draw can then run among the projects present.
 */
@Injectable()
export class CheckInService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
    private readonly registration: RegistrationService,
  ) {}

  // The code behind the venue's QR; `rotate` replaces it (a photo of it went round).
  async code(actor: Actor, roundId: string, rotate = false): Promise<CheckInCodeDto> {
    await this.rounds.managed(actor, roundId);
    const fresh = randomBytes(12).toString('base64url');
    if (rotate)
      await this.prisma.roundCheckInCode.upsert({
        where: { roundId },
        create: { roundId, code: fresh, createdAt: new Date() },
        update: { code: fresh, createdAt: new Date() },
      });
    else
      await this.prisma.$executeRaw`
        INSERT INTO round_check_in_codes (round_id, code, created_at)
        VALUES (${roundId}::uuid, ${fresh}, now()) ON CONFLICT DO NOTHING`;
    const row = await this.prisma.roundCheckInCode.findUniqueOrThrow({ where: { roundId } });
    return {
      roundId,
      code: row.code,
      path: `/check-in/rounds/${roundId}?code=${encodeURIComponent(row.code)}`,
    };
  }

  // A signed-in team member or judge at the venue checks in what is theirs.
  async selfCheckIn(actor: Actor, roundId: string, dto: CheckInDto): Promise<CheckInResultDto> {
    const round = await this.prisma.round.findUnique({ where: { id: roundId } });
    if (!round) throw DomainError.notFound('round', roundId);
    const code = await this.prisma.roundCheckInCode.findUnique({ where: { roundId } });
    if (!code || !sameCode(code.code, dto.code))
      throw DomainError.of('CHECK_IN_CODE_INVALID', 'the check-in code is wrong or was replaced', [
        { field: 'code', code: 'CHECK_IN_CODE_INVALID', message: 'not the current code' },
      ]);
    if (round.status === 'CLOSED')
      throw DomainError.of('ROUND_CLOSED', 'the round is closed; check-in has ended');
    const [judge, projects] = await Promise.all([
      this.prisma.roundJudge.findUnique({
        where: { roundId_judgeId: { roundId, judgeId: actor.id } },
      }),
      this.prisma.roundProject.findMany({ where: { roundId } }),
    ]);
    const owned = new Set(
      await this.registration.ownedBy(
        actor.id,
        projects.map((p) => p.projectId),
      ),
    );
    const subjects: Subject[] = [
      ...(judge ? [{ subjectType: 'JUDGE' as const, subjectId: actor.id, name: judge.name }] : []),
      ...projects
        .filter((p) => owned.has(p.projectId))
        .map((p) => ({ subjectType: 'PROJECT' as const, subjectId: p.projectId, name: p.title })),
    ];
    if (!subjects.length)
      throw DomainError.of(
        'CHECK_IN_NOTHING_HERE',
        { roundName: round.name },
        'nothing of yours is in this round',
      );
    return this.record(round, actor, subjects, 'CODE');
  }

  async deskCheckIn(actor: Actor, roundId: string, dto: DeskCheckInDto): Promise<CheckInResultDto> {
    const round = await this.rounds.managed(actor, roundId);
    if (!!dto.projectId === !!dto.judgeId)
      throw DomainError.of('CHECK_IN_SUBJECT_REQUIRED', 'name one project or one judge', [
        {
          field: 'projectId',
          code: 'CHECK_IN_SUBJECT_REQUIRED',
          message: 'one of projectId, judgeId',
        },
      ]);
    if (round.status === 'CLOSED')
      throw DomainError.of('ROUND_CLOSED', 'the round is closed; check-in has ended');
    let subject: Subject | null = null;
    if (dto.projectId) {
      const p = await this.prisma.roundProject.findUnique({
        where: { roundId_projectId: { roundId, projectId: dto.projectId } },
      });
      if (p) subject = { subjectType: 'PROJECT', subjectId: p.projectId, name: p.title };
    } else {
      const j = await this.prisma.roundJudge.findUnique({
        where: { roundId_judgeId: { roundId, judgeId: dto.judgeId! } },
      });
      if (j) subject = { subjectType: 'JUDGE', subjectId: j.judgeId, name: j.name };
    }
    if (!subject)
      throw DomainError.of('CHECK_IN_NOT_IN_ROUND', 'not a project or judge of this round');
    return this.record(round, actor, [subject], 'DESK');
  }

  // 缺席: recorded with the reason and who marked it, never a silent skip.
  async markAbsent(actor: Actor, roundId: string, projectId: string, dto: AbsentDto) {
    const round = await this.rounds.managed(actor, roundId);
    if (round.status === 'CLOSED')
      throw DomainError.of('ROUND_CLOSED', 'the round is closed; its record does not change');
    const project = await this.prisma.roundProject.findUnique({
      where: { roundId_projectId: { roundId, projectId } },
    });
    if (!project) throw DomainError.of('PROJECT_NOT_IN_ROUND', 'the project is not in this round');
    const reason = dto.reason.trim();
    await this.prisma.$transaction(async (tx) => {
      await tx.roundAbsence.upsert({
        where: { roundId_projectId: { roundId, projectId } },
        create: { roundId, projectId, reason, markedAt: new Date(), markedBy: actor.id },
        update: { reason, markedAt: new Date(), markedBy: actor.id },
      });
      await appendAudit(tx, {
        competitionId: round.competitionId,
        actorId: actor.id,
        action: 'round.project-absent',
        entityType: 'project',
        entityId: projectId,
        reason,
        data: { roundId },
      });
      await tx.$executeRaw`SELECT pg_notify(${RANKING_UPDATED_CHANNEL}, ${roundId})`;
    });
    return this.presence(actor, roundId);
  }

  async presence(actor: Actor, roundId: string): Promise<PresenceDto> {
    await this.rounds.managed(actor, roundId);
    return this.presenceOf(roundId);
  }

  // Who is here, for a caller already allowed to see the round (the supervisor's view too).
  async presenceOf(roundId: string): Promise<PresenceDto> {
    const [projects, judges, checkIns, absences] = await Promise.all([
      this.prisma.roundProject.findMany({ where: { roundId } }),
      this.prisma.roundJudge.findMany({ where: { roundId }, orderBy: [{ name: 'asc' }] }),
      this.prisma.roundCheckIn.findMany({ where: { roundId } }),
      this.prisma.roundAbsence.findMany({ where: { roundId } }),
    ]);
    const seen = new Map(checkIns.map((c) => [`${c.subjectType}:${c.subjectId}`, c]));
    const absent = new Map(absences.map((a) => [a.projectId, a]));
    return {
      roundId,
      projects: projects
        .sort((a, b) => a.title.localeCompare(b.title, 'zh-CN'))
        .map((p) => {
          const c = seen.get(`PROJECT:${p.projectId}`);
          const a = absent.get(p.projectId);
          return {
            projectId: p.projectId,
            title: p.title,
            organisationName: p.organisationName,
            checkedInAt: c?.checkedInAt ?? null,
            method: (c?.method as 'CODE' | 'DESK' | undefined) ?? null,
            absent: a ? { reason: a.reason, markedAt: a.markedAt } : null,
          };
        }),
      judges: judges.map((j) => {
        const c = seen.get(`JUDGE:${j.judgeId}`);
        return {
          judgeId: j.judgeId,
          name: j.name,
          checkedInAt: c?.checkedInAt ?? null,
          method: (c?.method as 'CODE' | 'DESK' | undefined) ?? null,
        };
      }),
    };
  }

  // The projects a draw among those present takes: checked in, not absent.
  async presentProjects(roundId: string): Promise<Set<string>> {
    const rows = await this.prisma.$queryRaw<{ projectId: string }[]>`
      SELECT c.subject_id AS "projectId" FROM round_check_ins c
       WHERE c.round_id = ${roundId}::uuid AND c.subject_type = 'PROJECT'
         AND NOT EXISTS (SELECT 1 FROM round_absences a
                          WHERE a.round_id = c.round_id AND a.project_id = c.subject_id)`;
    return new Set(rows.map((r) => r.projectId));
  }

  private async record(
    round: { id: string; name: string; competitionId: string },
    actor: Actor,
    subjects: Subject[],
    method: 'CODE' | 'DESK',
  ): Promise<CheckInResultDto> {
    await this.prisma.$transaction(async (tx) => {
      // Checking in twice keeps the first time.
      const added = await tx.roundCheckIn.createMany({
        data: subjects.map((s) => ({
          roundId: round.id,
          subjectType: s.subjectType,
          subjectId: s.subjectId,
          method,
          checkedInAt: new Date(),
          byUserId: actor.id,
        })),
        skipDuplicates: true,
      });
      if (method === 'DESK' && added.count > 0)
        await appendAudit(tx, {
          competitionId: round.competitionId,
          actorId: actor.id,
          action: 'round.checked-in-at-desk',
          entityType: subjects[0].subjectType === 'PROJECT' ? 'project' : 'user',
          entityId: subjects[0].subjectId,
          data: { roundId: round.id },
        });
      if (added.count > 0)
        await tx.$executeRaw`SELECT pg_notify(${RANKING_UPDATED_CHANNEL}, ${round.id})`;
    });
    const rows = await this.prisma.roundCheckIn.findMany({
      where: { roundId: round.id, subjectId: { in: subjects.map((s) => s.subjectId) } },
    });
    const at = new Map(rows.map((r) => [`${r.subjectType}:${r.subjectId}`, r.checkedInAt]));
    return {
      roundId: round.id,
      roundName: round.name,
      checkedIn: subjects.map((s) => ({
        ...s,
        checkedInAt: at.get(`${s.subjectType}:${s.subjectId}`)!,
      })),
    };
  }
}
