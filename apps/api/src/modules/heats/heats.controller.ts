import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { RankingsService } from '../judging/rankings.service';
import { XLSX_TYPE, toXlsx } from '../../common/xlsx';
import { AdvancementService } from './advancement.service';
import { AdvanceDto, PreviewQuery } from './dto/advance.dto';

const STANDINGS_HEADERS = ['名次', '项目编号', '项目名称', '综合得分', '评委数', '最大分差'];

@ApiTags('advancement')
@ApiBearerAuth()
@Roles('ORGANISER', 'ADMIN')
@Controller('heats')
export class HeatsController {
  constructor(
    private readonly advancement: AdvancementService,
    private readonly rankings: RankingsService,
  ) {}

  @Get(':id/advance/preview')
  preview(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() q: PreviewQuery) {
    return this.advancement.preview(user, id, q.count);
  }

  @Post(':id/advance')
  @HttpCode(200)
  advance(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AdvanceDto) {
    return this.advancement.advance(user, id, dto);
  }

  @Get(':id/standings.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="standings.csv"')
  async standingsCsv(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    const s = await this.rankings.standings(user, id);
    return this.rankings.toCsv(s.entries);
  }

  @Get(':id/standings.xlsx')
  async standingsXlsx(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: { header(k: string, v: string): void }) {
    const s = await this.rankings.standings(user, id);
    reply.header('content-type', XLSX_TYPE);
    reply.header('content-disposition', 'attachment; filename="standings.xlsx"');
    return toXlsx('成绩排名', STANDINGS_HEADERS, s.entries.map((e) => [e.rank, e.projectId, e.title, e.score, e.judgeCount, e.spread]));
  }
}
