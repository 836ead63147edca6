import { Body, Controller, Get, HttpCode, Ip, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import { BiasReportService } from './bias-report.service';
import { DoubleMarkingService } from './double-marking.service';
import {
  BiasReportDto,
  BiasReportQuery,
  CompetitionPledgeDto,
  DoubleMarkArbitrateDto,
  DoubleMarkArbitrationResultDto,
  DoubleMarkingDto,
  DoubleMarkingResultsDto,
  JudgePledgeDto,
  SetPledgeDto,
} from './dto/experts-judging.dto';
import { PledgeService } from './pledge.service';

// Issue 22 in judging: the pledge (回避与保密承诺), double marking (2+1) and
// the advisory judge-bias report.
@ApiTags('judging')
@ApiBearerAuth()
@Controller()
export class ExpertsJudgingController {
  constructor(
    private readonly pledges: PledgeService,
    private readonly doubleMarking: DoubleMarkingService,
    private readonly bias: BiasReportService,
  ) {}

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      "Set the competition's pledge of recusal and confidentiality (empty text removes it); judges accept it before their first score",
    type: CompetitionPledgeDto,
    errors: [400, 401, 403, 404],
  })
  @Put('competitions/:id/pledge')
  setPledge(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: SetPledgeDto,
  ) {
    return this.pledges.set(user, id, dto.text);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "The competition's pledge and who accepted it (when, from which address)",
    type: CompetitionPledgeDto,
    errors: [400, 401, 403, 404],
  })
  @Get('competitions/:id/pledge')
  pledge(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.pledges.forOrganiser(user, id);
  }

  @Roles('JUDGE')
  @ApiRoute({
    summary: "A judge's view of the pledge of the round's competition: text, required, accepted",
    type: JudgePledgeDto,
    errors: [400, 401, 403, 404],
  })
  @Get('rounds/:id/pledge')
  judgePledge(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.pledges.forJudge(user, id);
  }

  @Roles('JUDGE')
  @ApiRoute({
    summary:
      'Accept the pledge (who, when, address and the text accepted are recorded); idempotent',
    type: JudgePledgeDto,
    errors: [400, 401, 403, 404, 409],
  })
  @Post('rounds/:id/pledge/accept')
  @HttpCode(200)
  acceptPledge(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Ip() ip: string,
  ) {
    return this.pledges.accept(user, id, ip ?? null);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      'Set double marking (2+1) for an online-review round while DRAFT: tolerance, the rule for three marks and for tied pairs',
    type: DoubleMarkingResultsDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  @Put('rounds/:id/double-marking')
  setDoubleMarking(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: DoubleMarkingDto,
  ) {
    return this.doubleMarking.set(user, id, dto.enabled === false ? null : dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      "The 2+1 results: each project's marks, whether it needed a third, its result and rank (scoring rule 3)",
    type: DoubleMarkingResultsDto,
    errors: [400, 401, 403, 404],
  })
  @Get('rounds/:id/double-marking')
  doubleMarkingResults(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.doubleMarking.results(user, id);
  }

  @Roles('ORGANISER', 'ADMIN', 'JUDGE')
  @ApiRoute({
    summary:
      "The chief expert's arbitration (主评专家仲裁) of a 2+1 project whose marks call for one: the total and the reason, audited; the stored ranking then takes it. The round's organiser or its designated chief expert; 409 when the project needs none",
    type: DoubleMarkArbitrationResultDto,
    errors: [400, 401, 403, 404, 409],
  })
  @Put('rounds/:id/double-marking/:projectId/arbitration')
  arbitrate(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('projectId', ParseUuidParamPipe) projectId: string,
    @Body() dto: DoubleMarkArbitrateDto,
  ) {
    return this.doubleMarking.arbitrate(user, id, projectId, dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      'Advisory judge-bias report: judge offsets with standard errors by least squares per connected component, spread flags, order effect (roadshows). Changes no result',
    type: BiasReportDto,
    errors: [400, 401, 403, 404],
  })
  @Get('rounds/:id/bias-report')
  biasReport(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() query: BiasReportQuery,
  ) {
    return this.bias.report(user, id, query.spreadThreshold);
  }
}
