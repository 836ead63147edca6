import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import {
  CompetitionEditDto,
  HeatEditDto,
  RubricEditDto,
  UpdateCompetitionDto,
  UpdateHeatDto,
  UpdateRubricDto,
} from './dto/editing.dto';
import { EditingService } from './editing.service';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';

@ApiTags('competitions')
@ApiBearerAuth()
@Roles('ORGANISER', 'ADMIN')
@Controller()
export class EditingController {
  constructor(private readonly editing: EditingService) {}

  @Patch('competitions/:id')
  @ApiRoute({
    summary:
      'Edit a competition (name, registration window, time zone); 409 if registration would open after projects were submitted; audited old → new',
    type: CompetitionEditDto,
    errors: [400, 403, 404, 409, 422],
  })
  competition(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: UpdateCompetitionDto,
  ) {
    return this.editing.competition(user, id, dto);
  }

  @Patch('heats/:id')
  @ApiRoute({
    summary:
      'Edit a heat (name, region, city, venue, enclave, start, quota); the quota is 409 once the heat has advanced; audited old → new',
    type: HeatEditDto,
    errors: [400, 403, 404, 409],
  })
  heat(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: UpdateHeatDto,
  ) {
    return this.editing.heat(user, id, dto);
  }

  @Patch('rubrics/:id')
  @ApiRoute({
    summary:
      'Edit a rubric until a round using it opens (409 naming the rounds then); DRAFT rounds using it follow; audited old → new',
    type: RubricEditDto,
    errors: [400, 403, 404, 409, 422],
  })
  rubric(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: UpdateRubricDto,
  ) {
    return this.editing.rubric(user, id, dto);
  }
}
