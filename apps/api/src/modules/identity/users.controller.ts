import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { hasRole } from '@app/domain';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { CompetitionsService } from '../competitions/competitions.service';
import { RoundsService } from '../judging/rounds.service';
import { ListUsersQuery, UpdateUserDto } from './dto/identity.dto';
import { UserDto, UserListDto } from './dto/identity.responses';
import { IdentityService } from './identity.service';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    private readonly identity: IdentityService,
    private readonly competitions: CompetitionsService,
    private readonly rounds: RoundsService,
  ) {}

  @Roles('ADMIN', 'ORGANISER')
  @Get()
  @ApiRoute({
    summary: 'List users: an admin sees everyone, an organiser the judges of its competitions',
    description:
      'An organiser sees the judges it created and those in the judge pools of the competitions it organises.',
    type: UserListDto,
    errors: [400, 403],
  })
  async list(@CurrentUser() user: AuthUser, @Query() q: ListUsersQuery) {
    if (hasRole(user, 'ADMIN')) return this.identity.listUsers(null, q);
    const competitionIds = await this.competitions.managedCompetitionIds(user);
    const judgeIds = await this.rounds.judgeIdsInCompetitions(
      competitionIds === 'all' ? [] : competitionIds,
    );
    return this.identity.listUsers({ judgeIds, createdById: user.id }, q);
  }

  @Roles('ADMIN')
  @Patch(':id')
  @ApiRoute({
    summary: "Change a user's roles or disable it; its existing tokens stop working at once",
    type: UserDto,
    errors: [400, 403, 404, 409],
  })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
  ) {
    return this.identity.updateUser(user, id, dto);
  }
}
