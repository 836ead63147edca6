import { Controller, Delete, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { ApiRoute } from '../../common/api-route.decorator';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import { CompetitionDeletedDto } from '../competitions/dto/competition.responses';
import { CompetitionDeletionService } from './competition-deletion.service';

// DELETE /competitions/:id lives here, not in the competitions controller:
// the refusal depends on registration's and judging's tables.
@ApiTags('competitions')
@ApiBearerAuth()
@Controller('competitions')
export class CompetitionDeletionController {
  constructor(private readonly deletion: CompetitionDeletionService) {}

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      'Delete a competition nobody registered for (no project, no round yet); 409 once one exists',
    type: CompetitionDeletedDto,
    errors: [400, 401, 403, 404, 409],
  })
  @Delete(':id')
  delete(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.deletion.delete(user, id);
  }
}
