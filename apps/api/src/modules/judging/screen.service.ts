import { Injectable } from '@nestjs/common';
import { DomainError, hallRanking, isCompleteScore } from '@app/domain';
import { PrismaService, assignedJudgeCounts } from '@app/database';
import { ScreenStateDto } from './dto/roadshow.dto';
import { PitchTimerService } from './pitch-timer.service';
import { RankingsService } from './rankings.service';
import { RevealService } from './reveal.service';
import { RoadshowSettingsService } from './roadshow-settings.service';
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
    private readonly signOff: SignOffService,
  ) {}

  async state(roundId: string): Promise<ScreenStateDto> {
    const round = await this.prisma.round.findUnique({ where: { id: roundId } });
    if (!round) throw DomainError.notFound('round', roundId);
    const settings = await this.settings.of(roundId);
    const [ranking, assignedJudges, revealed, timer, disputed] = await Promise.all([
      this.rankings.read(roundId, round.method),
      assignedJudgeCounts(this.prisma, roundId),
      this.reveals.revealedIds(roundId, settings),
      this.timer.current(roundId, settings),
      this.signOff.disputedIds(roundId),
    ]);
    // In HOST mode a complete score waits for the host's 亮分 as well.
    const shown = (projectId: string) => revealed === null || revealed.has(projectId);
    let nowPitching: ScreenStateDto['nowPitching'] = null;
    const projectId = round.nowPitchingProjectId;
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
      const position = round.pitchOrder.indexOf(projectId);
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
    return {
      roundId,
      roundName: round.name,
      heatName: round.heatName,
      method: round.method,
      status: round.status,
      nowPitching,
      final: ranking.final,
      timer,
      ranking: hallRanking(
        ranking.entries.filter((e) => shown(e.projectId)),
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
  }
}
