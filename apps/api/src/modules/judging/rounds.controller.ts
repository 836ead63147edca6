import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import {
  AddJudgesDto,
  AutoAssignDto,
  CloseRoundDto,
  CreateRoundDto,
  DeclareConflictDto,
  UpdateRoundDto,
} from './dto/judging.dto';
import { RoundAssignmentsService } from './round-assignments.service';
import { RoundPanelService } from './round-panel.service';
import { RoundProgressService } from './round-progress.service';
import { toRoundView } from './dto/round.mapper';
import { RoundsService } from './rounds.service';
import { ApiRoute } from '../../common/api-route.decorator';
import {
  AssignmentDto,
  AssignmentListDto,
  AssignmentRemovedDto,
  AutoAssignResultDto,
  ConflictDeclaredDto,
  ReminderResultDto,
  RoundJudgeListDto,
  RoundListDto,
  RoundProgressDto,
  RoundViewDto,
} from './dto/judging.responses';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';

@ApiTags('judging')
@ApiBearerAuth()
@Controller()
export class RoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly panel: RoundPanelService,
    private readonly assigning: RoundAssignmentsService,
    private readonly scoringProgress: RoundProgressService,
  ) {}

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Create a scoring round (expert review or roadshow) in a heat',
    status: 201,
    type: RoundViewDto,
    errors: [400, 401, 403, 404, 422],
  })
  @Post('heats/:id/rounds')
  async create(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) heatId: string,
    @Body() dto: CreateRoundDto,
  ) {
    return toRoundView(await this.rounds.create(user, heatId, dto));
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({ summary: "List a heat's rounds", type: RoundListDto, errors: [400, 401, 403, 404] })
  @Get('heats/:id/rounds')
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) heatId: string) {
    return { items: (await this.rounds.listForHeat(user, heatId)).map((r) => toRoundView(r)) };
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({ summary: 'One round', type: RoundViewDto, errors: [400, 401, 403, 404] })
  @Get('rounds/:id')
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return toRoundView(await this.rounds.managed(user, id));
  }

  @Roles('ORGANISER', 'ADMIN')
  @Patch('rounds/:id')
  @ApiRoute({
    summary:
      'Edit a round: name any time; rubric, method, trim, weight, times and panel rules only while DRAFT (409 otherwise); audited old → new',
    type: RoundViewDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: UpdateRoundDto,
  ) {
    return toRoundView(await this.rounds.update(user, id, dto));
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Open a DRAFT round for scoring',
    type: RoundViewDto,
    errors: [400, 401, 403, 404, 409],
  })
  @Post('rounds/:id/open')
  @HttpCode(200)
  async open(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return toRoundView(await this.rounds.open(user, id));
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      'Close an OPEN round (its final ranking follows); unsubmitted drafts answer 409 listing them unless `force` with a `reason` (audited; drafts stay drafts)',
    type: RoundViewDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  @Post('rounds/:id/close')
  @HttpCode(200)
  async close(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: CloseRoundDto,
  ) {
    return toRoundView(await this.rounds.close(user, id, dto));
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "Add judges to the round's pool",
    type: RoundJudgeListDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  @Post('rounds/:id/judges')
  @HttpCode(200)
  addJudges(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: AddJudgesDto,
  ) {
    return this.panel.addJudges(user, id, dto.judgeIds);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "The round's judge pool",
    type: RoundJudgeListDto,
    errors: [400, 401, 403, 404],
  })
  @Get('rounds/:id/judges')
  judges(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.panel.listJudges(user, id);
  }

  @Roles('ORGANISER', 'ADMIN', 'JUDGE')
  @ApiRoute({
    summary: 'Declare a conflict of interest (removes that assignment and score)',
    status: 201,
    type: ConflictDeclaredDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  @Post('rounds/:id/conflicts')
  conflict(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: DeclareConflictDto,
  ) {
    return this.panel.declareConflict(user, id, dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Assign judges automatically: k per project, loads within one, no conflicts',
    type: AutoAssignResultDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  @Post('rounds/:id/assignments')
  @HttpCode(200)
  assign(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: AutoAssignDto,
  ) {
    return this.assigning.autoAssign(user, id, dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "The round's assignments with each score's status",
    type: AssignmentListDto,
    errors: [400, 401, 403, 404],
  })
  @Get('rounds/:id/assignments')
  assignments(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.assigning.listAssignments(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Assign one judge to one project by hand',
    type: AssignmentDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  @Put('rounds/:id/assignments/:projectId/:judgeId')
  addAssignment(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('projectId', ParseUuidParamPipe) projectId: string,
    @Param('judgeId', ParseUuidParamPipe) judgeId: string,
  ) {
    return this.assigning.addAssignment(user, id, judgeId, projectId);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Remove one assignment (and its score)',
    type: AssignmentRemovedDto,
    errors: [400, 401, 403, 404, 409],
  })
  @Delete('rounds/:id/assignments/:projectId/:judgeId')
  removeAssignment(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('projectId', ParseUuidParamPipe) projectId: string,
    @Param('judgeId', ParseUuidParamPipe) judgeId: string,
  ) {
    return this.assigning.removeAssignment(user, id, judgeId, projectId);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Scoring progress: submitted scores and who is missing what',
    type: RoundProgressDto,
    errors: [400, 401, 403, 404],
  })
  @Get('rounds/:id/progress')
  progress(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.scoringProgress.progress(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Mail a reminder to judges with missing scores',
    type: ReminderResultDto,
    errors: [400, 401, 403, 404, 409],
  })
  @Post('rounds/:id/remind')
  @HttpCode(200)
  remind(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.scoringProgress.remind(user, id);
  }
}
