import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { exportLang } from '@app/domain';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { toCsv } from '../../common/csv';
import { CSV_TYPE, attachment } from '../../common/download';
import { XLSX_TYPE, toPrintableXlsx } from '../../common/xlsx';
import { ExportLangQuery, ExportProjectsQuery } from './dto/exports.dto';
import { RegistrationListExport } from './registration-list.export';
import { ScoreSheetExport } from './score-sheet.export';
import { StandingsExport } from './standings.export';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';

@ApiTags('exports')
@ApiBearerAuth()
@Roles('ORGANISER', 'ADMIN')
@Controller()
export class ExportsController {
  constructor(
    private readonly registrations: RegistrationListExport,
    private readonly scoreSheets: ScoreSheetExport,
    private readonly standings: StandingsExport,
  ) {}

  @Get('heats/:id/standings.csv')
  @ApiRoute({
    summary: "A heat's standings as CSV: names, Chinese headers (English with ?lang=en)",
    file: 'csv',
    errors: [400, 401, 403, 404],
  })
  async standingsCsv(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() query: ExportLangQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const table = await this.standings.heat(user, id, exportLang(query.lang), 'csv');
    attachment(reply, CSV_TYPE, 'standings.csv', `${table.title}.csv`);
    return toCsv(table.headers, table.rows);
  }

  @Get('heats/:id/standings.xlsx')
  @ApiRoute({
    summary: "A heat's standings as .xlsx: names, Chinese headers (English with ?lang=en)",
    file: 'xlsx',
    errors: [400, 401, 403, 404],
  })
  async standingsXlsx(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() query: ExportLangQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const lang = exportLang(query.lang);
    const table = await this.standings.heat(user, id, lang, 'xlsx');
    attachment(reply, XLSX_TYPE, 'standings.xlsx', `${table.title}.xlsx`);
    return toPrintableXlsx([{ ...table, name: lang === 'zh' ? '成绩排名' : 'Standings' }]);
  }

  @Get('rounds/:id/ranking.csv')
  @ApiRoute({
    summary:
      "A round's ranking as CSV, partial scores marked: names, Chinese headers (English with ?lang=en)",
    file: 'csv',
    errors: [400, 401, 403, 404],
  })
  async rankingCsv(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() query: ExportLangQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const table = await this.standings.round(user, id, exportLang(query.lang), 'csv');
    attachment(reply, CSV_TYPE, 'ranking.csv', `${table.title}.csv`);
    return toCsv(table.headers, table.rows);
  }

  @Get('competitions/:id/projects.csv')
  @ApiRoute({
    summary: 'Registration list (报名表) as CSV, filtered like the project list',
    file: 'csv',
    errors: [400, 403, 404],
  })
  async projectsCsv(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() query: ExportProjectsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const lang = exportLang(query.lang);
    const table = await this.registrations.build(user, id, query, lang);
    attachment(reply, CSV_TYPE, 'registrations.csv', `${table.title}.csv`);
    return toCsv(table.headers, table.rows);
  }

  @Get('competitions/:id/projects.xlsx')
  @ApiRoute({
    summary: 'Registration list (报名表) as .xlsx, filtered like the project list',
    file: 'xlsx',
    errors: [400, 403, 404],
  })
  async projectsXlsx(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() query: ExportProjectsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const lang = exportLang(query.lang);
    const table = await this.registrations.build(user, id, query, lang);
    attachment(reply, XLSX_TYPE, 'registrations.xlsx', `${table.title}.xlsx`);
    return toPrintableXlsx([{ ...table, name: lang === 'zh' ? '报名表' : 'Registrations' }]);
  }

  @Get('rounds/:id/score-sheets.xlsx')
  @ApiRoute({
    summary:
      'Per-judge score sheets (评分表) of a round: one printable sheet per judge with a signature line',
    file: 'xlsx',
    errors: [400, 403, 404],
  })
  async scoreSheetsXlsx(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() query: ExportLangQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const lang = exportLang(query.lang);
    const sheet = await this.scoreSheets.build(user, id, lang);
    attachment(reply, XLSX_TYPE, 'score-sheets.xlsx', `${sheet.title}.xlsx`);
    return toPrintableXlsx(
      sheet.xlsx.length
        ? sheet.xlsx
        : [{ ...sheet.csv, name: lang === 'zh' ? '评分表' : 'Score sheet', title: sheet.title }],
    );
  }

  @Get('rounds/:id/score-sheets.csv')
  @ApiRoute({
    summary: 'Every judge’s scores of a round by criterion, one row per judge and project',
    file: 'csv',
    errors: [400, 403, 404],
  })
  async scoreSheetsCsv(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() query: ExportLangQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const lang = exportLang(query.lang);
    const sheet = await this.scoreSheets.build(user, id, lang);
    attachment(reply, CSV_TYPE, 'score-sheets.csv', `${sheet.title}.csv`);
    return toCsv(sheet.csv.headers, sheet.csv.rows);
  }
}
