import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { XLSX_TYPE, toCsv, toXlsx } from '../../common/xlsx';
import { CreateSigningDto, ListSigningsQuery, TransitionDto } from './dto/signing.dto';
import { SigningService } from './signing.service';

const HEADERS = ['项目名称', '项目编号', '赛区', '赛道', '签约方', '科创飞地', '投资额（元）', '落地期限', '状态', '落地企业名称', '统一社会信用代码', '签约时间', '落地时间'];

@ApiTags('signing')
@ApiBearerAuth()
@Roles('ORGANISER', 'ADMIN')
@Controller()
export class SigningController {
  constructor(private readonly signing: SigningService) {}

  @Post('competitions/:id/signings')
  create(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: CreateSigningDto) {
    return this.signing.create(user, id, dto);
  }

  @Get('competitions/:id/signings')
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() q: ListSigningsQuery) {
    return { items: await this.signing.list(user, id, q.status) };
  }

  @Get('competitions/:id/signings/stats')
  stats(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.signing.stats(user, id);
  }

  @Get('competitions/:id/signings.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="signings.csv"')
  async csv(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return toCsv(HEADERS, await this.rows(user, id));
  }

  @Get('competitions/:id/signings.xlsx')
  async xlsx(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) reply: { header(k: string, v: string): void }) {
    reply.header('content-type', XLSX_TYPE);
    reply.header('content-disposition', 'attachment; filename="signings.xlsx"');
    return toXlsx('项目签约', HEADERS, await this.rows(user, id));
  }

  @Get('signings/:id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.signing.get(user, id);
  }

  @Post('signings/:id/transition')
  @HttpCode(200)
  transition(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: TransitionDto) {
    return this.signing.transition(user, id, dto);
  }

  private async rows(user: AuthUser, competitionId: string) {
    const items = await this.signing.list(user, competitionId);
    return items.map((s) => [
      s.projectTitle, s.projectId, s.heatName, s.trackCode, s.host, s.enclave, s.investmentAmount, s.landingDeadline, s.status,
      s.companyName, s.registrationNo, s.signedAt?.toISOString() ?? null, s.landedAt?.toISOString() ?? null,
    ]);
  }
}
