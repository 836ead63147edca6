import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { CompetitionsService } from './competitions.service';
import { CreateCompetitionDto, CreateHeatDto, CreateRubricDto } from './dto/competition.dto';
import { ApiRoute } from '../../common/api-route.decorator';
import {
  CompetitionListDto,
  CompetitionViewDto,
  HeatListDto,
  HeatViewDto,
  RubricListDto,
  RubricViewDto,
} from './dto/competition.responses';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';

@ApiTags('competitions')
@ApiBearerAuth()
@Controller('competitions')
export class CompetitionsController {
  constructor(private readonly competitions: CompetitionsService) {}

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Create a competition with its tracks and stages',
    status: 201,
    type: CompetitionViewDto,
    errors: [400, 401, 403, 422],
  })
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCompetitionDto) {
    return this.competitions.create(user, dto);
  }

  @ApiRoute({
    summary: 'List competitions (every signed-in user)',
    type: CompetitionListDto,
    errors: [401],
  })
  @Get()
  async list() {
    return { items: await this.competitions.list() };
  }

  @ApiRoute({ summary: 'One competition', type: CompetitionViewDto, errors: [400, 401, 404] })
  @Get(':id')
  get(@Param('id', ParseUuidParamPipe) id: string) {
    return this.competitions.get(id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Create a heat (赛区/场次) in a stage',
    status: 201,
    type: HeatViewDto,
    errors: [400, 401, 403, 404, 422],
  })
  @Post(':id/heats')
  createHeat(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: CreateHeatDto,
  ) {
    return this.competitions.createHeat(user, id, dto);
  }

  @ApiRoute({
    summary: "List a competition's heats, by stage",
    type: HeatListDto,
    errors: [400, 401, 404],
  })
  @Get(':id/heats')
  async listHeats(@Param('id', ParseUuidParamPipe) id: string) {
    return { items: await this.competitions.listHeats(id) };
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Create a scoring rubric (criteria, weights summing to 1, max scores)',
    status: 201,
    type: RubricViewDto,
    errors: [400, 401, 403, 404, 422],
  })
  @Post(':id/rubrics')
  createRubric(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: CreateRubricDto,
  ) {
    return this.competitions.createRubric(user, id, dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "List a competition's rubrics",
    type: RubricListDto,
    errors: [400, 401, 403, 404],
  })
  @Get(':id/rubrics')
  async listRubrics(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return { items: await this.competitions.listRubrics(user, id) };
  }
}
