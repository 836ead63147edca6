import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { exportLang } from '@app/domain';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { attachment } from '../../common/download';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import { XLSX_TYPE, toPrintableXlsx } from '../../common/xlsx';
import { RoundsService } from '../judging/rounds.service';
import { SignOffService } from '../judging/sign-off.service';
import { ExportLangQuery } from './dto/exports.dto';
import { SignedSheet, SignedSheetExport } from './signed-sheet.export';

const PDF_TYPE = 'application/pdf';

// The signed 评分表 of one judge in a round, as PDF and .xlsx: for the
// organisers (any judge of their round) and for a judge (their own).
@ApiTags('exports')
@ApiBearerAuth()
@Controller()
export class SignedSheetsController {
  constructor(
    private readonly sheets: SignedSheetExport,
    private readonly rounds: RoundsService,
    private readonly signOff: SignOffService,
  ) {}

  private async organisers(user: AuthUser, roundId: string, judgeId: string, lang?: string) {
    await this.rounds.managed(user, roundId);
    return this.sheets.build(roundId, judgeId, exportLang(lang));
  }

  private async own(user: AuthUser, roundId: string, lang?: string) {
    await this.signOff.assertJudgeOf(user, roundId);
    return this.sheets.build(roundId, user.id, exportLang(lang));
  }

  private async sendPdf(reply: FastifyReply, s: SignedSheet) {
    attachment(reply, PDF_TYPE, 'score-sheet.pdf', `${s.fileName}.pdf`);
    return Buffer.from(await this.sheets.pdf(s));
  }

  private async sendXlsx(reply: FastifyReply, s: SignedSheet) {
    attachment(reply, XLSX_TYPE, 'score-sheet.xlsx', `${s.fileName}.xlsx`);
    return toPrintableXlsx([this.sheets.xlsxSheet(s)]);
  }

  @Roles('ORGANISER', 'ADMIN')
  @Get('rounds/:id/judges/:judgeId/score-sheet.pdf')
  @ApiRoute({
    summary:
      "A judge's signed score sheet (评分表) in the round as PDF, with the drawn signature and its time",
    file: 'pdf',
    errors: [400, 401, 403, 404],
  })
  async judgePdf(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('judgeId', ParseUuidParamPipe) judgeId: string,
    @Query() query: ExportLangQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sendPdf(reply, await this.organisers(user, id, judgeId, query.lang));
  }

  @Roles('ORGANISER', 'ADMIN')
  @Get('rounds/:id/judges/:judgeId/score-sheet.xlsx')
  @ApiRoute({
    summary:
      "A judge's signed score sheet (评分表) in the round as .xlsx, with the drawn signature and its time",
    file: 'xlsx',
    errors: [400, 401, 403, 404],
  })
  async judgeXlsx(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('judgeId', ParseUuidParamPipe) judgeId: string,
    @Query() query: ExportLangQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sendXlsx(reply, await this.organisers(user, id, judgeId, query.lang));
  }

  @Roles('JUDGE')
  @Get('rounds/:id/my-sheet.pdf')
  @ApiRoute({
    summary: "The judge's own score sheet (评分表) in the round as PDF, with their signature",
    file: 'pdf',
    errors: [400, 401, 403, 404],
  })
  async myPdf(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() query: ExportLangQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sendPdf(reply, await this.own(user, id, query.lang));
  }

  @Roles('JUDGE')
  @Get('rounds/:id/my-sheet.xlsx')
  @ApiRoute({
    summary: "The judge's own score sheet (评分表) in the round as .xlsx, with their signature",
    file: 'xlsx',
    errors: [400, 401, 403, 404],
  })
  async myXlsx(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() query: ExportLangQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.sendXlsx(reply, await this.own(user, id, query.lang));
  }
}
