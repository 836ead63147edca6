import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { attachment } from '../../common/download';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import { XLSX_TYPE, toPrintableXlsx } from '../../common/xlsx';
import { UPLOAD_BODY, readUpload } from '../imports/imports.public';
import {
  CreateExpertDrawDto,
  CreateExpertDto,
  DeclineInvitationDto,
  DeclineResultDto,
  ExpertDrawDto,
  ExpertDrawListDto,
  ExpertDto,
  ExpertImportQuery,
  ExpertImportResultDto,
  ExpertInvitationDto,
  ExpertInvitationListDto,
  ExpertListDto,
  MyExpertProfileDto,
  UpdateExpertDto,
  UpdateMyExpertProfileDto,
} from './dto/experts.dto';
import { ExpertDrawsService } from './expert-draws.service';
import { ExpertPoolService } from './expert-pool.service';

@ApiTags('experts')
@ApiBearerAuth()
@Controller()
export class ExpertsController {
  constructor(
    private readonly pool: ExpertPoolService,
    private readonly draws: ExpertDrawsService,
  ) {}

  // ── The pool (专家库) ──

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "The caller's expert pool (专家库)",
    type: ExpertListDto,
    errors: [401, 403],
  })
  @Get('experts')
  list(@CurrentUser() user: AuthUser) {
    return this.pool.list(user);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      'Add an expert to the pool (a judge account is made and invited when the address has none)',
    status: 201,
    type: ExpertDto,
    errors: [400, 401, 403, 409],
  })
  @Post('experts')
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateExpertDto) {
    return this.pool.create(user, dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      'Import the pool from a spreadsheet (姓名, 邮箱, 职称, 工作单位, 地区, 专家类别, 赛道, 手机号码, 是否可参加, 每轮评审上限)',
    description:
      'The judge import’s reader and header matching. dryRun=true reports only; otherwise any problem refuses the whole file (422 listing them by row and column).',
    type: ExpertImportResultDto,
    errors: [400, 401, 403, 413, 422, 503],
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @Post('experts/import')
  @HttpCode(200)
  async import(
    @CurrentUser() user: AuthUser,
    @Query() query: ExpertImportQuery,
    @Req() req: FastifyRequest,
  ) {
    const file = await readUpload(req);
    return this.pool.import(user, file, query.dryRun === true);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'The pool as .xlsx with the import’s headers (and history, rating)',
    file: 'xlsx',
    errors: [401, 403],
  })
  @Get('experts/export.xlsx')
  async export(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) reply: FastifyReply) {
    const { headers, rows } = await this.pool.exportRows(user);
    attachment(reply, XLSX_TYPE, 'experts.xlsx', '专家库.xlsx');
    return toPrintableXlsx([{ name: '专家库', headers, rows }]);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      'Edit an expert of the pool; rating (1..5) and its note are the after-season rating (audited)',
    type: ExpertDto,
    errors: [400, 401, 403, 404],
  })
  @Patch('experts/:id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: UpdateExpertDto,
  ) {
    return this.pool.update(user, id, dto);
  }

  @Roles('JUDGE')
  @ApiRoute({
    summary: "The expert's own profile in organisers' pools",
    type: MyExpertProfileDto,
    errors: [401, 403],
  })
  @Get('expert/profile')
  mine(@CurrentUser() user: AuthUser) {
    return this.pool.mine(user);
  }

  @Roles('JUDGE')
  @ApiRoute({
    summary: 'Correct one’s profile and declare standing conflicts (units, people)',
    type: MyExpertProfileDto,
    errors: [400, 401, 403],
  })
  @Patch('expert/profile')
  updateMine(@CurrentUser() user: AuthUser, @Body() dto: UpdateMyExpertProfileDto) {
    return this.pool.updateMine(user, dto);
  }

  // ── The draw ──

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      'Commit an expert draw for a round: the mix, reserves and recusal rules; answers the seed’s SHA-256 (the seed stays hidden until the draw)',
    status: 201,
    type: ExpertDrawDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  @Post('rounds/:id/expert-draws')
  commit(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: CreateExpertDrawDto,
  ) {
    return this.draws.commit(user, id, dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "A round's expert draws, newest first",
    type: ExpertDrawListDto,
    errors: [400, 401, 403, 404],
  })
  @Get('rounds/:id/expert-draws')
  listDraws(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.draws.list(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      'Make the committed draw: reveals the seed, stores the candidate set with exclusion reasons, the order drawn and the reserves, and invites the drawn experts',
    type: ExpertDrawDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  @Post('expert-draws/:id/draw')
  @HttpCode(200)
  draw(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.draws.draw(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({ summary: 'A draw’s record', type: ExpertDrawDto, errors: [400, 401, 403, 404] })
  @Get('expert-draws/:id')
  getDraw(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.draws.get(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      'A draw’s record as .xlsx (抽取记录存档): rules, seed hash and seed, candidates with reasons, order drawn, answers',
    file: 'xlsx',
    errors: [400, 401, 403, 404, 409],
  })
  @Get('expert-draws/:id/record.xlsx')
  async record(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const sheets = await this.draws.recordSheets(user, id);
    attachment(reply, XLSX_TYPE, 'expert-draw.xlsx', '专家抽取记录.xlsx');
    return toPrintableXlsx(sheets);
  }

  // ── Invitations, as the drawn expert sees them ──

  @Roles('JUDGE')
  @ApiRoute({
    summary: "The caller's expert invitations",
    type: ExpertInvitationListDto,
    errors: [401, 403],
  })
  @Get('judge/expert-invitations')
  invitations(@CurrentUser() user: AuthUser) {
    return this.draws.myInvitations(user);
  }

  @Roles('JUDGE')
  @ApiRoute({
    summary: "Accept an invitation: the expert joins the round's judges",
    type: ExpertInvitationDto,
    errors: [400, 401, 403, 404, 409],
  })
  @Post('expert-invitations/:id/accept')
  @HttpCode(200)
  accept(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.draws.accept(user, id);
  }

  @Roles('JUDGE')
  @ApiRoute({
    summary: 'Decline an invitation with a reason: the next fitting reserve is invited',
    type: DeclineResultDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  @Post('expert-invitations/:id/decline')
  @HttpCode(200)
  decline(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: DeclineInvitationDto,
  ) {
    return this.draws.decline(user, id, dto.reason);
  }
}
