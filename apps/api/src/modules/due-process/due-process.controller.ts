import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import {
  AppealDecidedDto,
  AppealListDto,
  AppealViewDto,
  AssignDiligenceDto,
  AssignDto,
  DecideAppealDto,
  DecideDiligenceDto,
  DecideObjectionDto,
  DiligenceListDto,
  DiligenceViewDto,
  DueProcessSettingsDto,
  DueProcessSettingsViewDto,
  FileAppealDto,
  MergeObjectionDto,
  ObjectionListDto,
  ObjectionViewDto,
  OfferViewDto,
  PlaceMoveDto,
  ProjectDueProcessDto,
  PublicityViewDto,
  StartPublicityDto,
  WithdrawPlaceDto,
} from './dto/due-process.dto';
import { AppealsService } from './appeals.service';
import { DiligenceService } from './diligence.service';
import { ObjectionsService } from './objections.service';
import { PlacesService } from './places.service';
import { PublicityService } from './publicity.service';

// The organiser's side of due process (console) and the applicant's (their
// project page): docs/due-process.md.
@ApiTags('due-process')
@ApiBearerAuth()
@Controller()
export class DueProcessController {
  constructor(
    private readonly publicity: PublicityService,
    private readonly objections: ObjectionsService,
    private readonly appeals: AppealsService,
    private readonly places: PlacesService,
    private readonly diligence: DiligenceService,
  ) {}

  @Get('competitions/:id/due-process-settings')
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "The competition's 公示 contacts, periods, 递补 rule and due-diligence checklist",
    type: DueProcessSettingsViewDto,
    errors: [400, 403, 404],
  })
  settings(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.publicity.getSettings(user, id);
  }

  @Put('competitions/:id/due-process-settings')
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "Set the competition's due-process settings (audited)",
    type: DueProcessSettingsViewDto,
    errors: [400, 403, 404],
  })
  putSettings(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: DueProcessSettingsDto,
  ) {
    return this.publicity.putSettings(user, id, dto);
  }

  @Post('heats/:id/publicity')
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      "Publish the heat's recorded result (公示) for the period; owners are mailed; provisional until it ends with no open objection",
    status: 201,
    type: PublicityViewDto,
    errors: [400, 403, 404, 409, 422],
  })
  start(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: StartPublicityDto,
  ) {
    return this.publicity.start(user, id, dto);
  }

  @Get('heats/:id/publicity')
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "The heat's 公示: the list as it stands, open objections, offers (递补)",
    type: PublicityViewDto,
    errors: [400, 403, 404],
  })
  publicityOf(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.publicity.organiserView(user, id);
  }

  @Get('competitions/:id/objections')
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "The competition's objections (异议), with their handling; never public",
    type: ObjectionListDto,
    errors: [400, 403, 404],
  })
  listObjections(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.objections.list(user, id);
  }

  @Post('objections/:id/assign')
  @HttpCode(200)
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Assign an objection to a handler (an organiser of the competition)',
    type: ObjectionViewDto,
    errors: [400, 403, 404, 409],
  })
  assign(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: AssignDto,
  ) {
    return this.objections.assign(user, id, dto);
  }

  @Post('objections/:id/merge')
  @HttpCode(200)
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Merge an objection into an identical one: answered with it',
    type: ObjectionViewDto,
    errors: [400, 403, 404, 409, 422],
  })
  merge(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: MergeObjectionDto,
  ) {
    return this.objections.merge(user, id, dto);
  }

  @Post('objections/:id/decide')
  @HttpCode(200)
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      'Decide an objection (upheld or dismissed, with reasons); an upheld one may disqualify a project (→ 递补) or re-open the 公示; objectors are mailed',
    type: ObjectionViewDto,
    errors: [400, 403, 404, 409, 422],
  })
  decide(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: DecideObjectionDto,
  ) {
    return this.objections.decide(user, id, dto);
  }

  @Get('objections/:id/evidence/:fileId')
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "An objection's evidence file (organisers only)",
    file: 'binary',
    errors: [400, 403, 404],
  })
  async evidence(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('fileId', ParseUuidParamPipe) fileId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { row, body } = await this.objections.evidence(user, id, fileId);
    reply.header('content-type', row.contentType);
    reply.header(
      'content-disposition',
      `attachment; filename="evidence"; filename*=UTF-8''${encodeURIComponent(row.name)}`,
    );
    reply.header('cache-control', 'private, no-store');
    return body;
  }

  @Get('competitions/:id/appeals')
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "The competition's appeals (申诉/复核)",
    type: AppealListDto,
    errors: [400, 403, 404],
  })
  listAppeals(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.appeals.list(user, id);
  }

  @Post('appeals/:id/decide')
  @HttpCode(200)
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      'Decide an appeal with reasons; an upheld one re-ranks the heat by the rules with the corrected score; the team is mailed',
    type: AppealDecidedDto,
    errors: [400, 403, 404, 409, 422],
  })
  decideAppeal(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: DecideAppealDto,
  ) {
    return this.appeals.decide(user, id, dto);
  }

  @Post('heats/:id/diligence')
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      "Put projects of the heat under due diligence (尽职调查) with the competition's checklist and a handler",
    status: 201,
    type: DiligenceListDto,
    errors: [400, 403, 404, 409],
  })
  assignDiligence(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: AssignDiligenceDto,
  ) {
    return this.diligence.assign(user, id, dto);
  }

  @Get('heats/:id/diligence')
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "The heat's due-diligence checks",
    type: DiligenceListDto,
    errors: [400, 403, 404],
  })
  listDiligence(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.diligence.list(user, id);
  }

  @Post('diligence/:id/decide')
  @HttpCode(200)
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      'Decide a due diligence: passed (every item checked), failed or refused; a fail or refusal withdraws the project (→ 递补)',
    type: DiligenceViewDto,
    errors: [400, 403, 404, 409, 422],
  })
  decideDiligence(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: DecideDiligenceDto,
  ) {
    return this.diligence.decide(user, id, dto);
  }

  // ── The applicant ──────────────────────────────────────────────────────────

  @Get('projects/:id/due-process')
  @ApiRoute({
    summary:
      "The project's released heat results with their appeal deadlines, places it holds, written withdrawals, offered places (递补) and appeals (its owner)",
    type: ProjectDueProcessDto,
    errors: [400, 403, 404],
  })
  async ofProject(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    await this.places.assertOwner(user, id);
    return {
      projectId: id,
      ...(await this.appeals.resultsOfProject(id)),
      withdrawals: await this.places.withdrawalsOf(id),
      offers: await this.places.offersOf(id),
      appeals: await this.appeals.ofProject(id),
    };
  }

  @Post('projects/:id/appeals')
  @ApiRoute({
    summary:
      "Appeal the project's result of a heat (申诉/复核), once per heat, within the window after its release",
    status: 201,
    type: AppealViewDto,
    errors: [400, 403, 404, 409],
  })
  fileAppeal(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: FileAppealDto,
  ) {
    return this.appeals.file(user, id, dto);
  }

  @Post('projects/:id/withdraw-place')
  @HttpCode(200)
  @ApiRoute({
    summary:
      "Give up the project's place on a heat's list in writing (弃赛承诺书); the place passes on by the stage's rule",
    type: PlaceMoveDto,
    errors: [400, 403, 404, 409],
  })
  withdraw(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: WithdrawPlaceDto,
  ) {
    return this.places.withdraw(user, id, dto);
  }

  @Post('offers/:id/accept')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Accept a place offered to the project (递补) before its deadline',
    type: OfferViewDto,
    errors: [400, 404, 409],
  })
  accept(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.places.accept(user, id);
  }

  @Post('offers/:id/decline')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Decline a place offered to the project; it passes to the next in the ranking',
    type: OfferViewDto,
    errors: [400, 404, 409],
  })
  decline(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.places.decline(user, id);
  }
}
