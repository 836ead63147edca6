import { Module } from '@nestjs/common';
import { CompetitionsModule } from '../competitions/competitions.module';
import { IdentityModule } from '../identity/identity.module';
import { RegistrationModule } from '../registration/registration.module';
import { BiasReportService } from './bias-report.service';
import { CheckInController } from './check-in.controller';
import { DoubleMarkingService } from './double-marking.service';
import { ExpertPanelService } from './expert-panel.service';
import { ExpertsJudgingController } from './experts-judging.controller';
import { PledgeService } from './pledge.service';
import { CheckInService } from './check-in.service';
import { JudgePassesController } from './judge-passes.controller';
import { JudgePassesService } from './judge-passes.service';
import { MeetingLinksController } from './meeting-links.controller';
import { MeetingLinksService } from './meeting-links.service';
import { SupervisorController } from './supervisor.controller';
import { SupervisorService } from './supervisor.service';
import { RoomsController } from './rooms.controller';
import { RoomsService } from './rooms.service';
import { JudgeViewsController } from './judge-views.controller';
import { JudgeViewsService } from './judge-views.service';
import { LiveController } from './live.controller';
import { PitchTimerService } from './pitch-timer.service';
import { RankingStreamService } from './ranking-stream.service';
import { RankingsController } from './rankings.controller';
import { RankingsService } from './rankings.service';
import { RevealService } from './reveal.service';
import { RoadshowController } from './roadshow.controller';
import { RoadshowService } from './roadshow.service';
import { RoadshowSettingsService } from './roadshow-settings.service';
import { RoundAssignmentsService } from './round-assignments.service';
import { RoundPanelService } from './round-panel.service';
import { RoundProgressService } from './round-progress.service';
import { RoundsController } from './rounds.controller';
import { RoundsService } from './rounds.service';
import { ScoreSheetService } from './score-sheet.service';
import { SignOffController } from './sign-off.controller';
import { SignOffService } from './sign-off.service';
import { ScoringController } from './scoring.controller';
import { ScoringService } from './scoring.service';
import { RoundViewCache } from './round-view-cache';
import { ScreenService } from './screen.service';
import { ScreenTicketsController } from './screen-tickets.controller';
import { StreamTicketService } from './stream-ticket.service';

@Module({
  imports: [CompetitionsModule, IdentityModule, RegistrationModule],
  controllers: [
    RoundsController,
    ScoringController,
    RankingsController,
    JudgeViewsController,
    RoadshowController,
    ScreenTicketsController,
    LiveController,
    CheckInController,
    ExpertsJudgingController,
    SignOffController,
    JudgePassesController,
    SupervisorController,
    MeetingLinksController,
    RoomsController,
  ],
  providers: [
    RoundsService,
    RoundPanelService,
    RoundAssignmentsService,
    RoundProgressService,
    ScoringService,
    RankingsService,
    RankingStreamService,
    RoundViewCache,
    ScoreSheetService,
    JudgeViewsService,
    RoadshowService,
    ScreenService,
    StreamTicketService,
    RoadshowSettingsService,
    PitchTimerService,
    RevealService,
    CheckInService,
    PledgeService,
    DoubleMarkingService,
    BiasReportService,
    ExpertPanelService,
    SignOffService,
    JudgePassesService,
    SupervisorService,
    MeetingLinksService,
    RoomsService,
  ],
  exports: [
    RankingsService,
    RoundsService,
    ScoreSheetService,
    ExpertPanelService,
    SignOffService,
    RoomsService,
  ],
})
export class JudgingModule {}
