import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { formatZonedCell, signingStatusLabel, yuanAsWanCell, zoneLabel } from '@app/domain';
import { toCsv } from '../../common/csv';
import { HeaderSink, attachment } from '../../common/download';
import { XLSX_TYPE, toXlsx } from '../../common/xlsx';
import { CompetitionsService } from '../competitions/competitions.service';
import { CreateSigningDto, ListSigningsQuery, TransitionDto } from './dto/signing.dto';
import { SigningService } from './signing.service';
import { Idempotent } from '../../common/idempotency.interceptor';
import { ApiRoute } from '../../common/api-route.decorator';
import {
  SigningDetailDto,
  SigningListDto,
  SigningStatsDto,
  SigningViewDto,
} from './dto/signing.responses';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';

const HEADERS = [
  '项目名称',
  '项目编号',
  '赛区',
  '赛道',
  '签约方',
  '科创飞地',
  '投资额（万元）',
  '落地期限',
  '状态',
  '落地企业名称',
  '统一社会信用代码',
];
// Times are wall clock in the competition's zone, which the header names.
const timeHeaders = (timeZone: string) => [
  `签约时间（${zoneLabel(timeZone, 'zh')}）`,
  `落地时间（${zoneLabel(timeZone, 'zh')}）`,
];

@ApiTags('signing')
@ApiBearerAuth()
@Roles('ORGANISER', 'ADMIN')
@Controller()
export class SigningController {
  constructor(
    private readonly signing: SigningService,
    private readonly competitions: CompetitionsService,
  ) {}

  @ApiRoute({
    summary: 'Record a signing intent (签约意向) for an advanced or awarded project',
    status: 201,
    type: SigningViewDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  @Post('competitions/:id/signings')
  @Idempotent({
    // Only while the caller still manages the competition.
    replayAccess: (refs, { user, params }) =>
      refs.get(CompetitionsService, { strict: false }).assertCanManage(user, params.id),
  })
  create(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: CreateSigningDto,
  ) {
    return this.signing.create(user, id, dto);
  }

  @ApiRoute({
    summary: "A competition's signings",
    type: SigningListDto,
    errors: [400, 401, 403, 404],
  })
  @Get('competitions/:id/signings')
  async list(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() q: ListSigningsQuery,
  ) {
    return { items: await this.signing.list(user, id, q.status) };
  }

  @ApiRoute({
    summary: 'Signing and landing rates by heat, track and enclave; overdue landings',
    type: SigningStatsDto,
    errors: [400, 401, 403, 404],
  })
  @Get('competitions/:id/signings/stats')
  stats(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.signing.stats(user, id);
  }

  @ApiRoute({
    summary: 'Signings as CSV (Chinese headers, BOM)',
    file: 'csv',
    errors: [400, 401, 403, 404],
  })
  @Get('competitions/:id/signings.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="signings.csv"')
  async csv(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    const { headers, rows } = await this.table(user, id);
    return toCsv(headers, rows);
  }

  @ApiRoute({
    summary: 'Signings as an Excel workbook',
    file: 'xlsx',
    errors: [400, 401, 403, 404],
  })
  @Get('competitions/:id/signings.xlsx')
  async xlsx(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Res({ passthrough: true }) reply: HeaderSink,
  ) {
    attachment(reply, XLSX_TYPE, 'signings.xlsx');
    const { headers, rows } = await this.table(user, id);
    return toXlsx('项目签约', headers, rows);
  }

  @ApiRoute({
    summary: 'One signing with its transitions',
    type: SigningDetailDto,
    errors: [400, 401, 403, 404],
  })
  @Get('signings/:id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.signing.get(user, id);
  }

  @ApiRoute({
    summary: 'Move a signing on: INTENT → NEGOTIATING → SIGNED → LANDED, or CANCELLED',
    type: SigningViewDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  @Post('signings/:id/transition')
  @HttpCode(200)
  transition(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: TransitionDto,
  ) {
    return this.signing.transition(user, id, dto);
  }

  private async table(user: AuthUser, competitionId: string) {
    const items = await this.signing.list(user, competitionId);
    const timeZone = await this.competitions.timeZoneOf(competitionId);
    const rows = items.map((s) => [
      s.projectTitle,
      s.projectId,
      s.heatName,
      s.trackCode,
      s.host,
      s.enclave,
      yuanAsWanCell(s.investmentAmount),
      s.landingDeadline,
      signingStatusLabel(s.status, 'zh'),
      s.companyName,
      s.registrationNo,
      formatZonedCell(s.signedAt, timeZone),
      formatZonedCell(s.landedAt, timeZone),
    ]);
    return { headers: [...HEADERS, ...timeHeaders(timeZone)], rows };
  }
}
