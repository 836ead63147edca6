import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { hasRole } from '@app/domain';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { AuthRateLimited } from '../../common/rate-limits';
import { CompetitionsService } from '../competitions/competitions.service';
import { RoundsService } from '../judging/rounds.service';
import { ListUsersQuery, UpdateUserDto } from '../identity/dto/identity.dto';
import { UserDto, UserListDto, UserListItemDto } from '../identity/dto/identity.responses';
import { IdentityService } from '../identity/identity.service';
import { InvitationsService, UserScope } from '../identity/invitations.service';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';

@ApiTags('accounts')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(
    private readonly identity: IdentityService,
    private readonly competitions: CompetitionsService,
    private readonly rounds: RoundsService,
    private readonly invitations: InvitationsService,
  ) {}

  // An admin acts on everyone; an organiser on the judges it created and
  // those in the judge pools of the competitions it organises.
  private async scope(user: AuthUser): Promise<UserScope> {
    if (hasRole(user, 'ADMIN')) return null;
    const competitionIds = await this.competitions.managedCompetitionIds(user);
    const managed = competitionIds === 'all' ? [] : competitionIds;
    const [judgeIds, organiserIds] = await Promise.all([
      this.rounds.judgeIdsInCompetitions(managed),
      this.competitions.organiserIdsOf(managed),
    ]);
    return { judgeIds, createdById: user.id, inviterIds: [user.id, ...organiserIds] };
  }

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
    return this.identity.listUsers(await this.scope(user), q);
  }

  @Roles('ADMIN', 'ORGANISER')
  @AuthRateLimited({ accountParam: 'id' })
  @Post(':id/invitation')
  @ApiRoute({
    summary: 'Send a new invitation to an account without a password; earlier links stop working',
    description:
      'For an invitation that expired or went astray. 409 when the account has set its password or is disabled; 404 for an account the caller may not see (an organiser: judges it created or in its pools). Audited; rate-limited per account like the other invitation and password routes.',
    status: 201,
    type: UserListItemDto,
    errors: [400, 401, 403, 404, 409, 429],
  })
  async resendInvitation(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
  ) {
    return this.invitations.resend(user, id, await this.scope(user));
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
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: UpdateUserDto,
  ) {
    return this.identity.updateUser(user, id, dto);
  }
}
