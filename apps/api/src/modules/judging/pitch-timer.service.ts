import { Injectable } from '@nestjs/common';
import {
  Actor,
  DomainError,
  PitchFormat,
  TimerAction,
  TimerActionKind,
  refuseTimerAction,
  timerAt,
  timingLog,
} from '@app/domain';
import { PrismaService, appendAudit } from '@app/database';
import { RANKING_UPDATED_CHANNEL } from '@app/events';
import { RoadshowSettingsDto, TimerActionDto, TimerViewDto, TimingLogDto } from './dto/live.dto';
import { RoadshowSettingsService } from './roadshow-settings.service';
import { RoomsService } from './rooms.service';
import { RoundsService } from './rounds.service';

/** What the timer's state derives from (a screen frame keeps it, and derives the state when served). */
export interface TimerSnapshot {
  roundId: string;
  projectId: string | null;
  settings: RoadshowSettingsDto;
  format: PitchFormat;
  actions: TimerAction[];
  /** The database's clock when read, epoch ms. */
  now: number;
}

/** The timer as it stands at `now` (the server's clock). */
export function timerViewAt(snapshot: TimerSnapshot, now: number): TimerViewDto {
  return {
    roundId: snapshot.roundId,
    projectId: snapshot.projectId,
    ...timerAt(snapshot.format, snapshot.actions, now),
    serverNow: now,
    format: { ...snapshot.settings, ...snapshot.format },
  };
}

interface ActionRow {
  projectId: string;
  kind: string;
  minutes: number | null;
  at: Date;
}
const toAction = (r: ActionRow): TimerAction => ({
  kind: r.kind as TimerActionKind,
  at: r.at.getTime(),
  ...(r.kind === 'EXTEND_QA' && r.minutes != null ? { minutes: r.minutes } : {}),
});

// A phase runs to the length in force when it started (START_PITCH and
// START_QA record it), so a later change of the settings never rewrites a
// past pitch's log or a running countdown.
function formatFor(settings: RoadshowSettingsDto, rows: ActionRow[]): PitchFormat {
  const started = (kind: string) => rows.find((r) => r.kind === kind)?.minutes ?? undefined;
  return {
    pitchMinutes: started('START_PITCH') ?? settings.pitchMinutes,
    qaMinutes: started('START_QA') ?? settings.qaMinutes,
    warningSeconds: settings.warningSeconds,
  };
}

/**
 * The pitch timer of the project on stage. Actions are stamped with the
 * database's clock (one clock for every api host) and every view is derived
 * from them and that clock's "now", so every screen and phone shows the same
 * countdown and a reconnecting one never restarts it.
 */
@Injectable()
export class PitchTimerService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rounds: RoundsService,
    private readonly settings: RoadshowSettingsService,
    private readonly rooms: RoomsService,
  ) {}

  async act(actor: Actor, roundId: string, dto: TimerActionDto): Promise<TimerViewDto> {
    const round = await this.rounds.managed(actor, roundId);
    if (round.status !== 'OPEN')
      throw DomainError.of('ROUND_NOT_OPEN', { status: round.status }, 'the round is not OPEN');
    // 分会场: the timer of that room's stage.
    const roomId = dto.roomId ?? null;
    if (roomId) await this.rooms.stageRoom(roundId, roomId);
    const settings = await this.settings.of(roundId);
    // The format in force now: what a START action records.
    const format = formatFor(settings, []);
    await this.prisma.$transaction(async (tx) => {
      // The round's row serialises two hosts pressing at once.
      const [locked] = await tx.$queryRaw<{ projectId: string | null; now: Date }[]>`
        SELECT now_pitching_project_id AS "projectId", clock_timestamp() AS now
          FROM rounds WHERE id = ${roundId}::uuid FOR UPDATE`;
      const projectId = roomId
        ? (await tx.roundRoomStage.findUnique({ where: { roundId_roomId: { roundId, roomId } } }))
            ?.nowPitchingProjectId
        : locked?.projectId;
      if (!projectId)
        throw DomainError.of(
          'NO_PROJECT_ON_STAGE',
          'no project is on stage: put one on stage first',
        );
      const rows = await tx.pitchTimerAction.findMany({
        where: { roundId, projectId },
        orderBy: { id: 'asc' },
      });
      const action: TimerAction = {
        kind: dto.action,
        at: locked.now.getTime(),
        ...(dto.minutes != null ? { minutes: dto.minutes } : {}),
      };
      const refusal = refuseTimerAction(formatFor(settings, rows), rows.map(toAction), action);
      if (refusal?.code === 'TIMER_ACTION_NOT_ALLOWED') {
        const project = await tx.roundProject.findUnique({
          where: { roundId_projectId: { roundId, projectId } },
        });
        throw DomainError.of(
          'TIMER_ACTION_NOT_ALLOWED',
          {
            action: refusal.action,
            phase: refusal.phase,
            paused: refusal.paused,
            projectTitle: project?.title ?? '',
          },
          `the timer is at ${refusal.phase}${refusal.paused ? ' (paused)' : ''}: ${refusal.action} is not possible`,
        );
      }
      if (refusal?.code === 'TIMER_EXTENSION_INVALID')
        throw DomainError.of(
          'TIMER_EXTENSION_INVALID',
          { maxMinutes: refusal.maxMinutes },
          `extend by whole minutes, at most ${refusal.maxMinutes} more`,
          [
            {
              field: 'minutes',
              code: 'TIMER_EXTENSION_INVALID',
              message: 'whole minutes within the limit',
              params: { maxMinutes: refusal.maxMinutes },
            },
          ],
        );
      if (refusal) throw DomainError.of('TIMER_CLOCK_BACKWARDS', 'two timer actions crossed');
      await tx.pitchTimerAction.create({
        data: {
          roundId,
          projectId,
          kind: dto.action,
          minutes:
            dto.action === 'EXTEND_QA'
              ? dto.minutes!
              : dto.action === 'START_PITCH'
                ? format.pitchMinutes
                : dto.action === 'START_QA'
                  ? format.qaMinutes
                  : null,
          at: locked.now,
          actorId: actor.id,
        },
      });
      // An extension changes a published format: audited with who and how long.
      if (dto.action === 'EXTEND_QA')
        await appendAudit(tx, {
          competitionId: round.competitionId,
          actorId: actor.id,
          action: 'round.qa-extended',
          entityType: 'project',
          entityId: projectId,
          data: { roundId, minutes: dto.minutes },
        });
      await tx.$executeRaw`SELECT pg_notify(${RANKING_UPDATED_CHANNEL}, ${roundId})`;
    });
    return (await this.current(roundId, settings, roomId))!;
  }

  // The organisers and the judges of the round's panel see the timer.
  async read(actor: Actor, roundId: string, roomId?: string): Promise<TimerViewDto> {
    const onPanel = await this.prisma.roundJudge.count({ where: { roundId, judgeId: actor.id } });
    if (!onPanel) await this.rounds.managed(actor, roundId);
    if (roomId) await this.rooms.stageRoom(roundId, roomId);
    // A judge's phone, without a room named, follows the judge's own room (分会场).
    const room = roomId ?? (onPanel ? await this.rooms.judgeRoomId(roundId, actor.id) : null);
    return (await this.current(roundId, undefined, room ?? null))!;
  }

  // The timer of the project on stage, for the screen frame too.
  async current(
    roundId: string,
    known?: RoadshowSettingsDto,
    roomId: string | null = null,
  ): Promise<TimerViewDto | null> {
    const snapshot = await this.snapshot(roundId, known, roomId);
    return snapshot && timerViewAt(snapshot, snapshot.now);
  }

  /** The timer's inputs as the database holds them now, with the database's clock. */
  async snapshot(
    roundId: string,
    known?: RoadshowSettingsDto,
    roomId: string | null = null,
  ): Promise<TimerSnapshot | null> {
    const settings = known ?? (await this.settings.of(roundId));
    // A room's stage (分会場) when given: its own project on stage.
    const [head] = roomId
      ? await this.prisma.$queryRaw<{ projectId: string | null; now: Date }[]>`
          SELECT s.now_pitching_project_id AS "projectId", clock_timestamp() AS now
            FROM rounds r
            LEFT JOIN round_room_stages s ON s.round_id = r.id AND s.room_id = ${roomId}::uuid
           WHERE r.id = ${roundId}::uuid`
      : await this.prisma.$queryRaw<{ projectId: string | null; now: Date }[]>`
          SELECT now_pitching_project_id AS "projectId", clock_timestamp() AS now
            FROM rounds WHERE id = ${roundId}::uuid`;
    if (!head) return null;
    const rows = head.projectId
      ? await this.prisma.pitchTimerAction.findMany({
          where: { roundId, projectId: head.projectId },
          orderBy: { id: 'asc' },
        })
      : [];
    return {
      roundId,
      projectId: head.projectId,
      settings,
      format: formatFor(settings, rows),
      actions: rows.map(toAction),
      now: head.now.getTime(),
    };
  }

  async log(actor: Actor, roundId: string): Promise<TimingLogDto> {
    await this.rounds.managed(actor, roundId);
    return this.logOf(roundId);
  }

  // The timing log, for a caller already allowed to see the round (the supervisor's view too).
  async logOf(roundId: string): Promise<TimingLogDto> {
    const settings = await this.settings.of(roundId);
    const [rows, projects] = await Promise.all([
      this.prisma.pitchTimerAction.findMany({ where: { roundId }, orderBy: { id: 'asc' } }),
      this.prisma.roundProject.findMany({ where: { roundId } }),
    ]);
    const byProject = new Map<string, ActionRow[]>();
    for (const r of rows) {
      const list = byProject.get(r.projectId) ?? [];
      list.push(r);
      byProject.set(r.projectId, list);
    }
    const title = new Map(projects.map((p) => [p.projectId, p.title]));
    return {
      roundId,
      projects: [...byProject].map(([projectId, actions]) => ({
        projectId,
        title: title.get(projectId) ?? '',
        phases: timingLog(formatFor(settings, actions), actions.map(toAction)).map((p) => ({
          ...p,
          startedAt: new Date(p.startedAt),
          endedAt: p.endedAt === null ? null : new Date(p.endedAt),
        })),
      })),
    };
  }
}
