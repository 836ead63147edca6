import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import {
  BulkReviewDto,
  BulkReviewResultDto,
  EligibilityReleaseDto,
  EligibilityReleasePreviewDto,
} from './dto/eligibility.dto';
import { EligibilityService } from './eligibility.service';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';

@ApiTags('registration')
@ApiBearerAuth()
@Roles('ORGANISER', 'ADMIN')
@Controller('competitions/:id/eligibility')
export class EligibilityController {
  constructor(private readonly eligibility: EligibilityService) {}

  @Post()
  @HttpCode(200)
  @ApiRoute({
    summary: 'Record many eligibility decisions at once (all or nothing; mails nobody)',
    type: BulkReviewResultDto,
    errors: [400, 403, 404, 409, 422],
  })
  bulk(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: BulkReviewDto,
  ) {
    return this.eligibility.bulkReview(user, id, dto);
  }

  @Get('release/preview')
  @ApiRoute({
    summary: 'Who the next eligibility release mails, and which mail (decision or correction)',
    type: EligibilityReleasePreviewDto,
    errors: [400, 403, 404],
  })
  preview(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.eligibility.preview(user, id);
  }

  @Post('release')
  @HttpCode(200)
  @ApiRoute({
    summary: 'Release the eligibility decisions: one mail per owner with a new or changed decision',
    type: EligibilityReleaseDto,
    errors: [400, 403, 404],
  })
  release(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.eligibility.release(user, id);
  }
}
