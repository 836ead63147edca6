import { Injectable } from '@nestjs/common';
import { Actor, DomainError, hasRole } from '@app/domain';
import { PrismaService, appendAudit } from '@app/database';
import { CompetitionsService } from '../competitions/competitions.service';
import { RegistrationService } from '../registration/registration.service';
import { MeetingLinksDto, MyMeetingLinksDto, SetMeetingLinkDto } from './dto/meeting-link.dto';
import { RoundsService } from './rounds.service';

/**
 * Online roadshow (线上路演): a project's slot in a round can carry the link of
 * the meeting it pitches in (https only). The organisers set it; the team sees
 * its own, the round's judges the projects they score. The timer, the reveal
 * and the rest of the day run as for a pitch in the hall.
 */
@Injectable()
export class MeetingLinksService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
    private readonly competitions: CompetitionsService,
    private readonly registration: RegistrationService,
  ) {}

  async set(
    actor: Actor,
    roundId: string,
    projectId: string,
    dto: SetMeetingLinkDto,
  ): Promise<MeetingLinksDto> {
    const round = await this.rounds.managed(actor, roundId);
    const project = await this.prisma.roundProject.findUnique({
      where: { roundId_projectId: { roundId, projectId } },
    });
    if (!project) throw DomainError.notFound('project', projectId);
    if (round.status === 'CLOSED')
      throw DomainError.of('ROUND_CLOSED', 'the round is closed; its slots are final');
    await this.prisma.$transaction(async (tx) => {
      const before = await tx.roundMeetingLink.findUnique({
        where: { roundId_projectId: { roundId, projectId } },
      });
      if ((before?.url ?? null) === dto.url) return;
      if (dto.url === null)
        await tx.roundMeetingLink.delete({ where: { roundId_projectId: { roundId, projectId } } });
      else
        await tx.roundMeetingLink.upsert({
          where: { roundId_projectId: { roundId, projectId } },
          create: { roundId, projectId, url: dto.url, updatedBy: actor.id },
          update: { url: dto.url, updatedBy: actor.id },
        });
      await appendAudit(tx, {
        competitionId: round.competitionId,
        actorId: actor.id,
        action: 'round.meeting-link-set',
        entityType: 'project',
        entityId: projectId,
        data: { roundId, before: before?.url ?? null, after: dto.url },
      });
    });
    return this.list(actor, roundId);
  }

  // The links the caller may see: organisers all, a judge of the round those
  // of its projects, a team its own. Anyone else: 404, as for the round.
  async list(actor: Actor, roundId: string): Promise<MeetingLinksDto> {
    const round = await this.prisma.round.findUnique({ where: { id: roundId } });
    if (!round) throw DomainError.notFound('round', roundId);
    const [links, projects] = await Promise.all([
      this.prisma.roundMeetingLink.findMany({ where: { roundId } }),
      this.prisma.roundProject.findMany({ where: { roundId } }),
    ]);
    const title = new Map(projects.map((p) => [p.projectId, p.title]));
    let visible: Set<string> | null = null;
    const organises =
      hasRole(actor, 'ORGANISER', 'ADMIN') &&
      (await this.competitions
        .assertCanManage(actor, round.competitionId, { resource: 'round', id: roundId })
        .then(
          () => true,
          () => false,
        ));
    if (!organises) {
      const [assigned, owned] = await Promise.all([
        this.prisma.assignment.findMany({
          where: { roundId, judgeId: actor.id },
          select: { projectId: true },
        }),
        this.registration.ownedBy(
          actor.id,
          projects.map((p) => p.projectId),
        ),
      ]);
      visible = new Set([...assigned.map((a) => a.projectId), ...owned]);
      if (!visible.size) throw DomainError.notFound('round', roundId);
    }
    return {
      roundId,
      links: links
        .filter((l) => !visible || visible.has(l.projectId))
        .map((l) => ({ projectId: l.projectId, title: title.get(l.projectId) ?? '', url: l.url }))
        .sort((a, b) => a.title.localeCompare(b.title, 'zh-CN')),
    };
  }

  // A team's own links across rounds (its projects page): rounds not closed yet.
  async mine(actor: Actor): Promise<MyMeetingLinksDto> {
    const owned = await this.registration.listMine(actor);
    if (!owned.length) return { items: [] };
    const links = await this.prisma.roundMeetingLink.findMany({
      where: { projectId: { in: owned.map((p) => p.id) } },
    });
    if (!links.length) return { items: [] };
    const [rounds, projects] = await Promise.all([
      this.prisma.round.findMany({
        where: { id: { in: links.map((l) => l.roundId) }, status: { not: 'CLOSED' } },
        select: { id: true, name: true },
      }),
      this.prisma.roundProject.findMany({
        where: { roundId: { in: links.map((l) => l.roundId) } },
        select: { roundId: true, projectId: true, title: true },
      }),
    ]);
    const roundName = new Map(rounds.map((r) => [r.id, r.name]));
    return {
      items: links
        .filter((l) => roundName.has(l.roundId))
        .map((l) => ({
          roundId: l.roundId,
          roundName: roundName.get(l.roundId)!,
          projectId: l.projectId,
          title:
            projects.find((p) => p.roundId === l.roundId && p.projectId === l.projectId)?.title ??
            '',
          url: l.url,
        }))
        .sort(
          (a, b) =>
            a.roundName.localeCompare(b.roundName, 'zh-CN') ||
            a.title.localeCompare(b.title, 'zh-CN'),
        ),
    };
  }
}
