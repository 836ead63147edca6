import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { AddOrganiserDto, OrganiserListDto } from './dto/organisers.dto';
import { OrganisersService } from './organisers.service';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';

@ApiTags('competitions')
@ApiBearerAuth()
@Roles('ORGANISER', 'ADMIN')
@Controller('competitions/:id/organisers')
export class OrganisersController {
  constructor(private readonly organisers: OrganisersService) {}

  @Get()
  @ApiRoute({
    summary: "The competition's organisers (creator and co-organisers)",
    type: OrganiserListDto,
    errors: [400, 403, 404],
  })
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.organisers.list(user, id);
  }

  @Post()
  @ApiRoute({
    summary: 'Add a co-organiser: they may then do everything an organiser may in this competition',
    status: 201,
    type: OrganiserListDto,
    errors: [400, 403, 404, 409, 422],
  })
  add(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: AddOrganiserDto,
  ) {
    return this.organisers.add(user, id, dto.userId);
  }

  @Delete(':userId')
  @ApiRoute({
    summary: 'Remove an organiser (never the last one; the creator only by itself or an admin)',
    type: OrganiserListDto,
    errors: [400, 403, 404, 409],
  })
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('userId', ParseUuidParamPipe) userId: string,
  ) {
    return this.organisers.remove(user, id, userId);
  }
}
