import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DomainError, hallRanking, isCompleteScore } from '@app/domain';
import { PrismaService, assignedJudgeCounts } from '@app/database';
import { ScreenStateDto } from './dto/roadshow.dto';
import { PitchTimerService, TimerSnapshot, timerViewAt } from './pitch-timer.service';
import { RankingsService } from './rankings.service';
import { RevealService } from './reveal.service';
import { RoadshowSettingsService } from './roadshow-settings.service';
import { RoomsService } from './rooms.service';
import { RoundViewCache } from './round-view-cache';

// A frame read from the database, kept while nothing on the round changes.
interface StoredFrame {
  frame: Omit<ScreenStateDto, 'timer'>;
  timer: TimerSnapshot | null;
  // When it was read (process clock): the timer is served advanced by the time since.
  readAt: number;
}
// Bounds a frame's age should a notification ever be lost.
const FRAME_MAX_AGE_MS = 60_000;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
import { SignOffService } from './sign-off.service';

/**
 * One frame of the big screen: the project on stage with how many of its
 * judges have submitted, its score once all have (taken from a ranking that
 * already counts every one of them), and the ranking so far — of complete
 * scores only (hallRanking): a partial score is never public.
 */
@Injectable()
export class ScreenService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly rankings: RankingsService,
    private readonly settings: RoadshowSettingsService,
    private readonly timer: PitchTimerService,
    private readonly reveals: RevealService,
    private readonly cache: RoundViewCache,
    private readonly signOff: SignOffService,
    private readonly rooms: RoomsService,
  ) {}

  /**
   * The frame as it stands now: read once per change of the round however
   * many screens ask (RoundViewCache), with the countdown derived from the
   * stored timer actions at the moment it is served, so a frame served from
   * memory shows the same time as one just read.
   */
  async state(roundId: string, roomId?: string): Promise<ScreenStateDto> {
    // A room's screen (分会场) is its own entry, dropped by the round's
    // notifications like the round's.
    const stored = await this.cache.read(
      roundId,
      roomId ? `screen:${roomId}` : 'screen',
      FRAME_MAX_AGE_MS,
      () => this.read(roundId, roomId),
    );
    const timer =
      stored.timer && timerViewAt(stored.timer, stored.timer.now + (Date.now() - stored.readAt));
    return { ...stored.frame, timer };
  }

  private async read(roundId: string, roomId?: string): Promise<StoredFrame> {
    const round = await this.prisma.round.findUnique({ where: { id: roundId } });
    if (!round) throw DomainError.notFound('round', roundId);
    const room = roomId ? await this.rooms.stageRoom(roundId, roomId, 'room') : null;
    const settings = await this.settings.of(roundId);
    const [ranking, assignedJudges, revealed, timer, disputed, stage] = await Promise.all([
      this.rankings.read(roundId, round.method),
      assignedJudgeCounts(this.prisma, roundId),
      this.reveals.revealedIds(roundId, settings),
      this.timer.snapshot(roundId, settings, room?.id ?? null),
      this.signOff.disputedIds(roundId),
      room
        ? this.prisma.roundRoomStage.findUnique({
            where: { roundId_roomId: { roundId, roomId: room.id } },
          })
        : null,
    ]);
    // A room's screen: its own stage, its order and its projects only.
    const inScreen = (projectId: string) => !room || room.projectIds.includes(projectId);
    const pitchOrder = round.pitchOrder.filter(inScreen);
    const readAt = Date.now();
    // In HOST mode a complete score waits for the host's 亮分 as well.
    const shown = (projectId: string) => revealed === null || revealed.has(projectId);
    let nowPitching: ScreenStateDto['nowPitching'] = null;
    const projectId = room ? (stage?.nowPitchingProjectId ?? null) : round.nowPitchingProjectId;
    if (projectId) {
      const [project, submitted] = await Promise.all([
        this.prisma.roundProject.findUnique({
          where: { roundId_projectId: { roundId, projectId } },
        }),
        this.prisma.score.count({ where: { roundId, projectId, status: 'SUBMITTED' } }),
      ]);
      const assigned = assignedJudges.get(projectId) ?? 0;
      const entry = ranking.entries.find((e) => e.projectId === projectId);
      const complete = isCompleteScore(submitted, assigned) && shown(projectId);
      const position = pitchOrder.indexOf(projectId);
      nowPitching = {
        projectId,
        title: project?.title ?? '',
        organisationName: project?.organisationName ?? '',
        position: position < 0 ? null : position + 1,
        assigned,
        submitted,
        // Until the recompute that counts the last submit lands, the stored
        // ranking holds an older score: show none rather than a wrong one.
        score:
          complete && entry && isCompleteScore(entry.judgeCount, assigned) ? entry.score : null,
        reveal: complete ? await this.reveals.card(round, projectId, settings) : null,
        disputed: disputed.has(projectId),
      };
    }
    const frame = {
      roundId,
      roundName: round.name,
      heatName: round.heatName,
      method: round.method,
      status: round.status,
      room: room && { id: room.id, name: room.name },
      nowPitching,
      draw: {
        announcedSeedHash: round.pitchSeedNext ? sha256(round.pitchSeedNext) : null,
        seed: round.pitchSeed,
        seedHash: round.pitchSeed ? sha256(round.pitchSeed) : null,
        drawnAt: round.pitchOrderDrawnAt,
      },
      final: ranking.final,
      ranking: hallRanking(
        ranking.entries.filter((e) => shown(e.projectId) && inScreen(e.projectId)),
        assignedJudges,
      ).map((e) => ({
        rank: e.rank,
        projectId: e.projectId,
        title: e.title,
        score: e.score,
        judgeCount: e.judgeCount,
        disputed: disputed.has(e.projectId),
      })),
    };
    return { frame, timer, readAt };
  }
}
