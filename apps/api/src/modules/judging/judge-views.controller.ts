import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { JudgeProjectDto, JudgeRoundDto, JudgeRoundListDto } from './dto/judge-view.dto';
import { JudgeViewsService } from './judge-views.service';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';

@ApiTags('judging')
@ApiBearerAuth()
@Roles('JUDGE')
@Controller('judge/rounds')
export class JudgeViewsController {
  constructor(private readonly views: JudgeViewsService) {}

  @ApiRoute({
    summary: 'The rounds the caller judges, with their progress ("7 of 12 submitted")',
    type: JudgeRoundListDto,
    errors: [403],
  })
  @Get()
  async list(@CurrentUser() user: AuthUser): Promise<JudgeRoundListDto> {
    return { items: await this.views.myRounds(user) };
  }

  @ApiRoute({
    summary: 'A round as its judge sees it: rubric, method, status, assigned projects, progress',
    type: JudgeRoundDto,
    errors: [400, 403, 404],
  })
  @Get(':id')
  round(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.views.round(user, id);
  }

  @ApiRoute({
    summary: 'An assigned project’s materials and the caller’s score (no contacts, no notes)',
    type: JudgeProjectDto,
    errors: [400, 403, 404],
  })
  @Get(':id/projects/:projectId')
  project(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('projectId', ParseUuidParamPipe) projectId: string,
  ) {
    return this.views.project(user, id, projectId);
  }
}
