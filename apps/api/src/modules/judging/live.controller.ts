import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import {
  RevealCardDto,
  RoadshowSettingsDto,
  TimerActionDto,
  TimerViewDto,
  TimingLogDto,
} from './dto/live.dto';
import { PitchTimerService } from './pitch-timer.service';
import { RevealService } from './reveal.service';
import { RoadshowSettingsService } from './roadshow-settings.service';

// The roadshow day in the hall: the pitch format and reveal rule, the timer of
// the project on stage with its log, and the host's 亮分.
@ApiTags('roadshow')
@ApiBearerAuth()
@Controller('rounds/:id')
export class LiveController {
  constructor(
    private readonly settings: RoadshowSettingsService,
    private readonly timer: PitchTimerService,
    private readonly reveals: RevealService,
  ) {}

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'The roadshow settings: pitch format ("8+7"), reveal rule (亮分), judge labels',
    type: RoadshowSettingsDto,
    errors: [400, 403, 404],
  })
  @Get('roadshow-settings')
  readSettings(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.settings.read(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Set the roadshow settings before the day (audited; refused once the round is closed)',
    type: RoadshowSettingsDto,
    errors: [400, 403, 404, 409],
  })
  @Put('roadshow-settings')
  updateSettings(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: RoadshowSettingsDto,
  ) {
    return this.settings.update(user, id, dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      'Act on the timer of the project on stage: start the pitch, start the Q&A, pause, resume, extend the Q&A by N minutes (audited), end',
    type: TimerViewDto,
    errors: [400, 403, 404, 409, 422],
  })
  @Post('timer')
  @HttpCode(200)
  act(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: TimerActionDto,
  ) {
    return this.timer.act(user, id, dto);
  }

  @Roles('ORGANISER', 'ADMIN', 'JUDGE')
  @ApiRoute({
    summary:
      "The timer of the project on stage, at the server's clock (organisers; the round's judges)",
    type: TimerViewDto,
    errors: [400, 403, 404, 422],
  })
  @ApiQuery({ name: 'roomId', required: false, description: "A room's timer (分会场)" })
  @Get('timer')
  readTimer(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query('roomId') roomId?: string,
  ) {
    return this.timer.read(user, id, roomId);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'The timing log: each project’s pitch and Q&A, pauses, extensions and overruns',
    type: TimingLogDto,
    errors: [400, 403, 404],
  })
  @Get('timing-log')
  timingLog(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.timer.log(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      "亮分 on the host's click (rounds that reveal by HOST): only once every judge of the project has submitted; audited; the same card again when revealed already",
    type: RevealCardDto,
    errors: [400, 403, 404, 409, 422],
  })
  @Post('projects/:projectId/reveal')
  @HttpCode(200)
  reveal(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('projectId', ParseUuidParamPipe) projectId: string,
  ) {
    return this.reveals.reveal(user, id, projectId);
  }
}
