import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import {
  DecideOnSiteObjectionDto,
  MyRoadshowResultsDto,
  MySheetDto,
  ObjectionDto,
  OnSiteObjectionViewDto,
  SignOffDto,
  SignatureDto,
  TeamResultDto,
} from './dto/sign-off.dto';
import { SignOffService } from './sign-off.service';

// 签字确认 on the roadshow day: judges sign their sheets on the phone, teams
// confirm (无异议) or object after the reveal, organisers decide objections.
@ApiTags('roadshow')
@ApiBearerAuth()
@Controller()
export class SignOffController {
  constructor(private readonly signOff: SignOffService) {}

  @Roles('JUDGE')
  @ApiRoute({
    summary:
      "The judge's own score sheet in the round and whether it is signed (VOID after a re-score)",
    type: MySheetDto,
    errors: [400, 403, 404],
  })
  @Get('rounds/:id/my-sheet')
  mySheet(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.signOff.mySheet(user, id);
  }

  @Roles('JUDGE')
  @ApiRoute({
    summary:
      'Sign the score sheet with a drawn signature (PNG): every score submitted; again only after a re-score voided it (audited)',
    type: MySheetDto,
    errors: [400, 403, 404, 409, 422],
  })
  @Post('rounds/:id/my-sheet/signature')
  @HttpCode(200)
  sign(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: SignatureDto,
  ) {
    return this.signOff.sign(user, id, dto.signature);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      "签字确认 of a round: each judge's sheet signed or not, each project's confirmation or objection",
    type: SignOffDto,
    errors: [400, 403, 404],
  })
  @Get('rounds/:id/sign-off')
  overview(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.signOff.overview(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      "Decide an objection with the handling and reasons (audited; the team is told by mail). UPHELD reopens the project's scores and its score is revealed again",
    type: OnSiteObjectionViewDto,
    errors: [400, 403, 404, 409],
  })
  @Post('rounds/:id/objections/:objectionId/decision')
  @HttpCode(200)
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('objectionId', ParseUuidParamPipe) objectionId: string,
    @Body() dto: DecideOnSiteObjectionDto,
  ) {
    return this.signOff.decide(user, id, objectionId, dto);
  }

  @Roles('APPLICANT')
  @ApiRoute({
    summary: "The caller's projects in roadshow rounds: the revealed result and its confirmation",
    type: MyRoadshowResultsDto,
    errors: [403],
  })
  @Get('my/roadshow-results')
  mine(@CurrentUser() user: AuthUser) {
    return this.signOff.myResults(user);
  }

  @Roles('APPLICANT')
  @ApiRoute({
    summary:
      "The team's revealed result in the round, the window for an objection and what it may do (the project's applicant)",
    type: TeamResultDto,
    errors: [400, 403, 404],
  })
  @Get('rounds/:id/projects/:projectId/result')
  result(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('projectId', ParseUuidParamPipe) projectId: string,
  ) {
    return this.signOff.teamResult(user, id, projectId);
  }

  @Roles('APPLICANT')
  @ApiRoute({
    summary:
      '无异议: the team signs that it accepts the revealed result (a drawn signature; audited)',
    type: TeamResultDto,
    errors: [400, 403, 404, 409, 422],
  })
  @Post('rounds/:id/projects/:projectId/confirmation')
  @HttpCode(200)
  confirm(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('projectId', ParseUuidParamPipe) projectId: string,
    @Body() dto: SignatureDto,
  ) {
    return this.signOff.confirm(user, id, projectId, dto.signature);
  }

  @Roles('APPLICANT')
  @ApiRoute({
    summary:
      'An objection in writing within the window after the reveal, one per team per round: the result shows 异议处理中 until decided (audited)',
    type: TeamResultDto,
    errors: [400, 403, 404, 409],
  })
  @Post('rounds/:id/projects/:projectId/objection')
  @HttpCode(200)
  object(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('projectId', ParseUuidParamPipe) projectId: string,
    @Body() dto: ObjectionDto,
  ) {
    return this.signOff.object(user, id, projectId, dto);
  }
}
