import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import { RoomsDto, RoomsResultDto, SetRoomsDto } from './dto/rooms.dto';
import { RoomsService } from './rooms.service';

// 分会场: a round's parallel rooms and the rule that combines their results.
@ApiTags('roadshow')
@ApiBearerAuth()
@Controller('rounds/:id/rooms')
export class RoomsController {
  constructor(private readonly rooms: RoomsService) {}

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      'Set the rooms (judges, projects, quota) and the combining rule, before the round opens; a normalised score across rooms that share no judge is 422 ROOMS_NOT_COMPARABLE naming them; audited',
    type: RoomsDto,
    errors: [400, 403, 404, 409, 422],
  })
  @Put()
  set(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: SetRoomsDto,
  ) {
    return this.rooms.set(user, id, dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "The round's rooms, each with its judges, its projects in order and its screen",
    type: RoomsDto,
    errors: [400, 403, 404],
  })
  @Get()
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.rooms.get(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "The rooms' results combined by the round's rule: who advances",
    type: RoomsResultDto,
    errors: [400, 403, 404],
  })
  @Get('result')
  result(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.rooms.result(user, id);
  }
}
