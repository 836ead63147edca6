import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { PeerScoresDto, ReopenScoreDto, ScoreDto } from './dto/judging.dto';
import { ScoringService } from './scoring.service';
import { ApiRoute } from '../../common/api-route.decorator';
import { JudgeAssignmentListDto, ScoreViewDto } from './dto/judging.responses';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';

@ApiTags('judging')
@ApiBearerAuth()
@Controller()
export class ScoringController {
  constructor(private readonly scoring: ScoringService) {}

  @Roles('JUDGE')
  @ApiRoute({
    summary: "The judge's assignments across rounds",
    type: JudgeAssignmentListDto,
    errors: [401, 403],
  })
  @Get('judge/assignments')
  mine(@CurrentUser() user: AuthUser) {
    return this.scoring.myAssignments(user);
  }

  @Roles('JUDGE')
  @ApiRoute({
    summary: 'Save a draft score (points per criterion, comment)',
    type: ScoreViewDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  @Put('rounds/:id/projects/:projectId/score')
  @ApiRoute({
    summary: 'Save my score for a project as a draft, or save and submit it (`submit: true`)',
    description:
      'A submitted score is locked. Repeating a submit with the same scores and comment answers 200 with the stored score (safe to retry); different content answers 409.',
    type: ScoreViewDto,
    errors: [400, 403, 404, 409, 422],
  })
  save(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('projectId', ParseUuidParamPipe) projectId: string,
    @Body() dto: ScoreDto,
  ) {
    return this.scoring.save(user, id, projectId, dto);
  }

  @Roles('JUDGE')
  @ApiRoute({
    summary: "The judge's own score of a project",
    type: ScoreViewDto,
    errors: [400, 401, 403, 404],
  })
  @Get('rounds/:id/projects/:projectId/score')
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('projectId', ParseUuidParamPipe) projectId: string,
  ) {
    return this.scoring.myScore(user, id, projectId);
  }

  @Roles('JUDGE')
  @Get('rounds/:id/projects/:projectId/scores')
  @ApiRoute({
    summary:
      "The other judges' submitted scores of a project: only in rounds that allow it, after submitting one's own",
    type: PeerScoresDto,
    errors: [400, 403, 404],
  })
  peers(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('projectId', ParseUuidParamPipe) projectId: string,
  ) {
    return this.scoring.peerScores(user, id, projectId);
  }

  @Roles('JUDGE')
  @ApiRoute({
    summary: 'Submit the draft score: locked afterwards',
    type: ScoreViewDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  @Post('rounds/:id/projects/:projectId/score/submit')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Submit my saved draft score (locks it)',
    description:
      'Submitting an already submitted score answers 200 with the stored score (idempotent).',
    type: ScoreViewDto,
    errors: [400, 403, 404, 409, 422],
  })
  submit(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('projectId', ParseUuidParamPipe) projectId: string,
  ) {
    return this.scoring.submit(user, id, projectId);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Reopen a submitted score, with a reason (audited)',
    type: ScoreViewDto,
    errors: [400, 401, 403, 404, 409],
  })
  @Post('rounds/:id/projects/:projectId/score/reopen')
  @HttpCode(200)
  reopen(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('projectId', ParseUuidParamPipe) projectId: string,
    @Body() dto: ReopenScoreDto,
  ) {
    return this.scoring.reopen(user, id, projectId, dto);
  }
}
