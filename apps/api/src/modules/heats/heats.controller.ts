import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { ApiRoute } from '../../common/api-route.decorator';
import { AdvancementService } from './advancement.service';
import { AdvancementRecordService } from './advancement-record.service';
import { AwardsService } from './awards.service';
import {
  AssignAwardsDto,
  AwardPlanDto,
  AwardPreviewDto,
  AwardTiersDto,
  AwardsViewDto,
} from './dto/awards.dto';
import { ResultsReleaseDto, ResultsReleasePreviewDto } from './dto/release.dto';
import { ChangeResultDto, ResultChangedDto } from './dto/result-change.dto';
import { ResultChangeService } from './result-change.service';
import { ResultsReleaseService } from './results-release.service';
import { AdvanceDto, AdvancePreviewDto, AdvancementRuleDto, PreviewQuery } from './dto/advance.dto';
import {
  AdvancementDoneDto,
  AdvancementPreviewDto,
  AdvancementRuleViewDto,
} from './dto/advance.responses';
import { HeatAdvancementDto, HeatNotAdvancedDto } from './dto/advancement-record.responses';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';

@ApiTags('advancement')
@ApiBearerAuth()
@Roles('ORGANISER', 'ADMIN')
@Controller('heats')
export class HeatsController {
  constructor(
    private readonly advancement: AdvancementService,
    private readonly advancementRecord: AdvancementRecordService,
    private readonly releases: ResultsReleaseService,
    private readonly awards: AwardsService,
    private readonly resultChanges: ResultChangeService,
  ) {}

  @Patch(':id/results/:projectId')
  @ApiRoute({
    summary:
      'Change a recorded result (ADVANCED ↔ ELIMINATED) with a reason, while the next heat has not started judging the project; audited, mailed as a correction at the next release',
    type: ResultChangedDto,
    errors: [400, 401, 403, 404, 409],
  })
  changeResult(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('projectId', ParseUuidParamPipe) projectId: string,
    @Body() dto: ChangeResultDto,
  ) {
    return this.resultChanges.change(user, id, projectId, dto);
  }

  @Put(':id/award-tiers')
  @ApiRoute({
    summary: "Set the final's award tiers, best first (一等奖 ×1, 二等奖 ×2, …)",
    type: AwardsViewDto,
    errors: [400, 403, 404, 409, 422],
  })
  setAwardTiers(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: AwardTiersDto,
  ) {
    return this.awards.setTiers(user, id, dto);
  }

  @Get(':id/awards')
  @ApiRoute({
    summary: "The final's award tiers and the awards assigned",
    type: AwardsViewDto,
    errors: [400, 403, 404, 409],
  })
  listAwards(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.awards.list(user, id);
  }

  @Get(':id/awards/preview')
  @ApiRoute({
    summary: "Awards as the final's standings give them, with ties at tier boundaries surfaced",
    type: AwardPreviewDto,
    errors: [400, 403, 404, 409, 422],
  })
  previewAwards(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.awards.preview(user, id);
  }

  @Post(':id/awards')
  @HttpCode(200)
  @ApiRoute({
    summary:
      "Assign the final's awards (records its results; 409 listing boundary ties until tieBreaks settle them, audited); mailed at the results release",
    type: AwardPlanDto,
    errors: [400, 403, 404, 409, 422],
  })
  assignAwards(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: AssignAwardsDto,
  ) {
    return this.awards.assign(user, id, dto.tieBreaks ?? []);
  }

  @Get(':id/results/release/preview')
  @ApiRoute({
    summary: "Who the heat's next results release mails, and which mail (result or correction)",
    type: ResultsReleasePreviewDto,
    errors: [400, 403, 404, 409],
  })
  releasePreview(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.releases.preview(user, id);
  }

  @Post(':id/results/release')
  @HttpCode(200)
  @ApiRoute({
    summary:
      "Release the heat's results (the final's with awards): one mail per owner with a new or changed result",
    type: ResultsReleaseDto,
    errors: [400, 403, 404, 409],
  })
  release(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.releases.release(user, id);
  }

  @ApiRoute({
    summary:
      "The heat's recorded advancement (who decided, when, the next heat, each project's result), or { advanced: false } before it",
    oneOf: [HeatAdvancementDto, HeatNotAdvancedDto],
    errors: [400, 401, 403, 404],
  })
  @Get(':id/advancement')
  recordedAdvancement(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.advancementRecord.record(user, id);
  }

  @ApiRoute({
    summary: 'Preview who advances (top count, ties at the cut-off, overrides)',
    type: AdvancementPreviewDto,
    errors: [400, 401, 403, 404],
  })
  @Get(':id/advance/preview')
  preview(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query() q: PreviewQuery,
  ) {
    return this.advancement.preview(user, id, { count: q.count });
  }

  @ApiRoute({
    summary:
      'Preview who advances under the stored rule with the wildcards and exclusions being weighed: which rule placed or stopped each project',
    type: AdvancementPreviewDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  @Post(':id/advance/preview')
  @HttpCode(200)
  previewWith(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: AdvancePreviewDto,
  ) {
    return this.advancement.preview(user, id, dto);
  }

  @ApiRoute({
    summary:
      "The heat's advancement rule (quotas per group and track, cap per unit, wildcard places)",
    type: AdvancementRuleViewDto,
    errors: [400, 401, 403, 404],
  })
  @Get(':id/advancement-rule')
  advancementRule(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.advancement.rule(user, id);
  }

  @ApiRoute({
    summary: "Set the heat's advancement rule before its decision (audited old → new)",
    type: AdvancementRuleViewDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  @Put(':id/advancement-rule')
  setAdvancementRule(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: AdvancementRuleDto,
  ) {
    return this.advancement.setRule(user, id, dto);
  }

  @ApiRoute({
    summary:
      'Advance the heat once: record the results and move the advanced into the next heat (mailed at the results release)',
    type: AdvancementDoneDto,
    errors: [400, 401, 403, 404, 409, 422],
  })
  @Post(':id/advance')
  @HttpCode(200)
  advance(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: AdvanceDto,
  ) {
    return this.advancement.advance(user, id, dto);
  }
}
