import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ImportKind } from '@app/domain';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import {
  ImportJobDto,
  ImportJobListDto,
  ImportPreviewDto,
  ImportQuery,
  ProjectImportQuery,
  RosterDto,
} from './dto/imports.dto';
import { ImportsService } from './imports.service';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import { UPLOAD_BODY, readUpload } from './imports.public';

const UPLOAD_DESCRIPTION =
  'multipart/form-data with one part named "file" (.xlsx, or .csv in UTF-8 with or without BOM, GB18030/GBK or UTF-16), at most 10 MiB and 5000 rows. ' +
  'A file that would cost more than an import may (size, zip parts, inflated size or ratio, text, parse memory or time) is refused with 413, a sheet past its row, column or cell limits with 422, each with its code in details[0].code; 503 with Retry-After when other uploads are being read. ' +
  'With dryRun=true: 200 and the report, nothing changed. Otherwise: 202 and the import, which runs in the background (GET /imports/:id for progress); any problem refuses the file with 422 listing them, unless skipInvalidRows=true.';

@ApiTags('imports')
@ApiBearerAuth()
@Roles('ORGANISER', 'ADMIN')
@Controller()
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Post('competitions/:id/imports/judges')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiRoute({
    summary:
      'Import judges (姓名/name, 邮箱/email, 单位/affiliation, 电话/phone); new ones are invited',
    description: UPLOAD_DESCRIPTION,
    status: 202,
    type: ImportJobDto,
    errors: [400, 403, 404, 413, 422, 503],
  })
  @ApiResponse({ status: 200, description: 'dryRun=true: the report', type: ImportPreviewDto })
  importJudges(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() query: ImportQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.handle(user, id, 'JUDGES', query, req, reply);
  }

  @Post('competitions/:id/imports/projects')
  @HttpCode(202)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiRoute({
    summary:
      'Import projects registered elsewhere (报名编号, 项目名称, 赛道, 赛区, 单位名称, 联系人, 联系邮箱, …) as SUBMITTED',
    description: UPLOAD_DESCRIPTION,
    status: 202,
    type: ImportJobDto,
    errors: [400, 403, 404, 413, 422, 503],
  })
  @ApiResponse({ status: 200, description: 'dryRun=true: the report', type: ImportPreviewDto })
  importProjects(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() query: ProjectImportQuery,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.handle(user, id, 'PROJECTS', query, req, reply);
  }

  @Get('imports/:id')
  @ApiRoute({
    summary: 'An import’s progress: processed/total, counts by outcome, errors by row',
    type: ImportJobDto,
    errors: [400, 403, 404],
  })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.imports.get(user, id);
  }

  @Get('competitions/:id/imports')
  @ApiRoute({
    summary: 'A competition’s imports, newest first',
    type: ImportJobListDto,
    errors: [400, 403, 404],
  })
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return { items: await this.imports.list(user, id) };
  }

  @Get('competitions/:id/judges')
  @ApiRoute({
    summary: 'The competition’s judge list (评委库) as imported, with phone numbers',
    type: RosterDto,
    errors: [400, 403, 404],
  })
  async judges(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return { items: await this.imports.judgeList(user, id) };
  }

  private async handle(
    user: AuthUser,
    competitionId: string,
    kind: ImportKind,
    query: ImportQuery,
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<ImportPreviewDto | ImportJobDto> {
    const file = await readUpload(req);
    if (query.dryRun) {
      // A dry run changes nothing: 200 with the report, not 202.
      reply.status(200);
      return this.imports.preview(user, competitionId, kind, file, query);
    }
    return this.imports.start(user, competitionId, kind, file, query);
  }
}
