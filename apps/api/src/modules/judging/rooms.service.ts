import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  Actor,
  DomainError,
  StoredRoomPlan,
  combineRooms,
  roomAdvancement,
  roomRuleProblem,
} from '@app/domain';
import { Prisma, PrismaService, appendAudit } from '@app/database';
import { RoomsDto, RoomsResultDto, SetRoomsDto } from './dto/rooms.dto';
import { RankingsService } from './rankings.service';
import { RoundsService } from './rounds.service';

type StoredRoom = StoredRoomPlan;

const round2 = (n: number) => Math.round(n * 100) / 100;
const round4 = (n: number) => Math.round(n * 10000) / 10000;

/**
 * 分会场: a round's rooms (each its own judges and projects, order and screen)
 * and the rule combining their results, fixed before the round opens. The
 * rules themselves (the room–judge graph, z-scores, quotas) are in
 * libs/domain/src/roadshow/rooms.ts.
 */
@Injectable()
export class RoomsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
    private readonly rankings: RankingsService,
  ) {}

  async set(actor: Actor, roundId: string, dto: SetRoomsDto): Promise<RoomsDto> {
    const round = await this.rounds.managed(actor, roundId);
    if (round.status !== 'DRAFT')
      throw DomainError.of(
        'ROOMS_LOCKED',
        { roundName: round.name },
        'the rooms and their rule are stated before the round opens',
      );
    const [pool, projects] = await Promise.all([
      this.prisma.roundJudge.findMany({ where: { roundId } }),
      this.prisma.roundProject.findMany({ where: { roundId } }),
    ]);
    const judgeIds = new Set(pool.map((j) => j.judgeId));
    const title = new Map(projects.map((p) => [p.projectId, p.title]));
    dto.rooms.forEach((room, i) => {
      if (room.judgeIds.some((j) => !judgeIds.has(j)) || room.projectIds.some((p) => !title.has(p)))
        throw DomainError.of('ROOM_MEMBER_NOT_IN_ROUND', 'a room names someone not in the round', [
          {
            field: `rooms[${i}]`,
            code: 'ROOM_MEMBER_NOT_IN_ROUND',
            message: 'a judge or project not in the round',
          },
        ]);
    });
    if (dto.rooms.length && dto.rule === 'NORMALISED' && !dto.advance)
      throw DomainError.of(
        'VALIDATION_FAILED',
        { fields: ['advance'] },
        'say how many projects advance',
        [{ field: 'advance', code: 'FIELD_REQUIRED', message: 'how many of the round advance' }],
      );
    const problem = dto.rooms.length ? roomRuleProblem(dto.rule, dto.rooms) : null;
    if (problem?.code === 'ROOMS_NOT_COMPARABLE')
      throw DomainError.of(
        'ROOMS_NOT_COMPARABLE',
        { rooms: problem.rooms },
        `a normalised score needs rooms that share judges; these groups share none: ${problem.rooms}`,
      );
    if (problem?.code === 'ROOM_QUOTA_REQUIRED') {
      const i = dto.rooms.findIndex((r) => r.name === problem.room);
      throw DomainError.of('ROOM_QUOTA_REQUIRED', `give room "${problem.room}" a quota`, [
        { field: `rooms[${i}].quota`, code: 'ROOM_QUOTA_REQUIRED', message: 'at least 1' },
      ]);
    }
    if (problem?.code === 'ROOM_PROJECT_TWICE')
      throw DomainError.of(
        'ROOM_PROJECT_TWICE',
        { projectTitle: title.get(problem.projectId) ?? '' },
        'a project is in two rooms',
      );
    const stored: StoredRoom[] = dto.rooms.map((r) => ({
      id: randomUUID(),
      name: r.name.trim(),
      judgeIds: [...new Set(r.judgeIds)],
      projectIds: [...new Set(r.projectIds)],
      quota: dto.rule === 'QUOTA' ? (r.quota ?? null) : null,
    }));
    const json = stored as unknown as Prisma.InputJsonValue;
    await this.prisma.$transaction(async (tx) => {
      // The status again under the round's row lock: an opening cannot slip in.
      const [locked] = await tx.$queryRaw<{ status: string }[]>`
        SELECT status::text FROM rounds WHERE id = ${roundId}::uuid FOR UPDATE`;
      if (locked?.status !== 'DRAFT')
        throw DomainError.of('ROOMS_LOCKED', { roundName: round.name }, 'the round has opened');
      if (!stored.length) await tx.roundRoomPlan.deleteMany({ where: { roundId } });
      else
        await tx.roundRoomPlan.upsert({
          where: { roundId },
          create: {
            roundId,
            rule: dto.rule,
            advance: dto.rule === 'NORMALISED' ? (dto.advance ?? null) : null,
            rooms: json,
            setAt: new Date(),
            setBy: actor.id,
          },
          update: {
            rule: dto.rule,
            advance: dto.rule === 'NORMALISED' ? (dto.advance ?? null) : null,
            rooms: json,
            setAt: new Date(),
            setBy: actor.id,
          },
        });
      await appendAudit(tx, {
        competitionId: round.competitionId,
        actorId: actor.id,
        action: 'round.rooms-set',
        entityType: 'round',
        entityId: roundId,
        data: {
          rule: stored.length ? dto.rule : null,
          advance: dto.advance ?? null,
          rooms: stored.map((r) => ({
            name: r.name,
            judges: r.judgeIds.length,
            projects: r.projectIds.length,
            quota: r.quota,
          })),
        },
      });
    });
    return this.get(actor, roundId);
  }

  private async planOf(roundId: string) {
    const plan = await this.prisma.roundRoomPlan.findUnique({ where: { roundId } });
    return plan
      ? {
          rule: plan.rule as 'QUOTA' | 'NORMALISED',
          advance: plan.advance,
          rooms: plan.rooms as unknown as StoredRoom[],
        }
      : null;
  }

  /**
   * A room of the round, for its own stage (now pitching, timer, screen); a
   * refusal naming `field` when the round has no such room.
   */
  async stageRoom(roundId: string, roomId: string, field = 'roomId'): Promise<StoredRoom> {
    const room = (await this.planOf(roundId))?.rooms.find((r) => r.id === roomId);
    if (!room)
      throw DomainError.of('ROOM_STAGE_NOT_A_ROOM', 'not a room of this round', [
        { field, code: 'ROOM_STAGE_NOT_A_ROOM', message: 'not a room of this round' },
      ]);
    return room;
  }

  /** The (first) room a judge sits in, or null when the round has no rooms or none of theirs. */
  async judgeRoomId(roundId: string, judgeId: string): Promise<string | null> {
    const plan = await this.planOf(roundId);
    return plan?.rooms.find((r) => r.judgeIds.includes(judgeId))?.id ?? null;
  }

  async get(actor: Actor, roundId: string): Promise<RoomsDto> {
    await this.rounds.managed(actor, roundId);
    return this.roomsOf(roundId);
  }

  // The rooms, for a caller already allowed to see the round (the supervisor's view too).
  async roomsOf(roundId: string): Promise<RoomsDto> {
    const [round, plan, pool, projects, stages] = await Promise.all([
      this.prisma.round.findUniqueOrThrow({ where: { id: roundId } }),
      this.planOf(roundId),
      this.prisma.roundJudge.findMany({ where: { roundId } }),
      this.prisma.roundProject.findMany({ where: { roundId } }),
      this.prisma.roundRoomStage.findMany({ where: { roundId } }),
    ]);
    const onStage = new Map(stages.map((s) => [s.roomId, s.nowPitchingProjectId]));
    if (!plan) return { roundId, rule: null, advance: null, rooms: [] };
    const judgeName = new Map(pool.map((j) => [j.judgeId, j.name]));
    const title = new Map(projects.map((p) => [p.projectId, p.title]));
    const position = new Map(round.pitchOrder.map((id, i) => [id, i]));
    return {
      roundId,
      rule: plan.rule,
      advance: plan.advance,
      rooms: plan.rooms.map((r) => ({
        id: r.id,
        name: r.name,
        quota: r.quota ?? null,
        judges: r.judgeIds.map((id) => ({ id, name: judgeName.get(id) ?? '' })),
        // The room's order: the round's draw restricted to its projects.
        projects: [...r.projectIds]
          .sort(
            (a, b) =>
              (position.get(a) ?? 1e9) - (position.get(b) ?? 1e9) ||
              (title.get(a) ?? '').localeCompare(title.get(b) ?? '', 'zh-CN'),
          )
          .map((id) => ({ id, name: title.get(id) ?? '' })),
        screenPath: `/screen/rounds/${roundId}?room=${r.id}`,
        nowPitchingProjectId: onStage.get(r.id) ?? null,
      })),
    };
  }

  async result(actor: Actor, roundId: string): Promise<RoomsResultDto> {
    const round = await this.rounds.managed(actor, roundId);
    const combined = await this.combined(roundId, round.method);
    if (!combined) throw DomainError.notFound('room', roundId);
    const { plan, entries, title } = combined;
    return {
      roundId,
      rule: plan.rule,
      advance: plan.advance,
      entries: entries.map((e) => ({
        projectId: e.projectId,
        title: title.get(e.projectId) ?? '',
        room: e.room,
        score: e.score === null ? null : round2(e.score),
        normalised: e.normalised === null ? null : round4(e.normalised),
        rank: e.rank,
        advances: e.advances,
      })),
    };
  }

  // The round's rooms combined by its rule over its stored ranking; null without rooms.
  private async combined(roundId: string, method: string) {
    const plan = await this.planOf(roundId);
    if (!plan) return null;
    const [ranking, submitted, projects] = await Promise.all([
      this.rankings.read(roundId, method),
      this.prisma.score.findMany({
        where: { roundId, status: 'SUBMITTED' },
        select: { judgeId: true, projectId: true, total: true },
      }),
      this.prisma.roundProject.findMany({ where: { roundId } }),
    ]);
    const title = new Map(projects.map((p) => [p.projectId, p.title]));
    const scores = new Map(ranking.entries.map((e) => [e.projectId, e.score]));
    const entries = combineRooms(plan.rule, plan.rooms, scores, submitted, plan.advance);
    return { plan, entries, title };
  }

  /**
   * For the heat's advancement (HeatsModule): when a round of the heat has
   * rooms, the rooms' combined result decides who advances instead of the
   * heat's plain standings. The latest round with rooms (by creation) is the
   * one; null when no round of the heat has rooms. The caller has already
   * checked the actor may manage the heat and that its rounds are closed.
   */
  async heatRoomsAdvancement(heatId: string) {
    const rounds = await this.prisma.round.findMany({
      where: { heatId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    const plans = await this.prisma.roundRoomPlan.findMany({
      where: { roundId: { in: rounds.map((r) => r.id) } },
      select: { roundId: true },
    });
    const round = rounds.find((r) => plans.some((p) => p.roundId === r.id));
    if (!round) return null;
    const combined = await this.combined(round.id, round.method);
    if (!combined) return null;
    const { plan, entries } = combined;
    const { quotas, standings } = roomAdvancement(plan.rule, plan.rooms, entries, plan.advance);
    return {
      roundId: round.id,
      roundName: round.name,
      rule: plan.rule,
      advance: plan.advance,
      rooms: plan.rooms.map((r) => ({ id: r.id, name: r.name, quota: r.quota ?? null })),
      quotas,
      standings,
    };
  }
}
