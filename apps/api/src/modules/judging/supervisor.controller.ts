import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { attachment } from '../../common/download';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import { XLSX_TYPE, toPrintableXlsx } from '../../common/xlsx';
import {
  AddSupervisorNoteDto,
  AppointSupervisorDto,
  SupervisedCompetitionsDto,
  SupervisorListDto,
  SupervisorNoteDto,
  SupervisorRoundViewDto,
} from './dto/supervisor.dto';
import { SupervisorService } from './supervisor.service';

// 监督: appointed per competition by its organisers; reads every round live,
// adds notes, exports what it sees, and changes nothing else.
@ApiTags('supervision')
@ApiBearerAuth()
@Controller()
export class SupervisorController {
  constructor(private readonly supervisors: SupervisorService) {}

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "The competition's supervisors (监督)",
    type: SupervisorListDto,
    errors: [400, 403, 404],
  })
  @Get('competitions/:id/supervisors')
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.supervisors.list(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      'Appoint a supervisor: an account with the SUPERVISOR role (POST /users invites one by mail); audited',
    type: SupervisorListDto,
    errors: [400, 403, 404],
  })
  @Post('competitions/:id/supervisors')
  @HttpCode(200)
  appoint(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: AppointSupervisorDto,
  ) {
    return this.supervisors.appoint(user, id, dto.userId);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Remove a supervisor from the competition; audited',
    type: SupervisorListDto,
    errors: [400, 403, 404],
  })
  @Delete('competitions/:id/supervisors/:userId')
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('userId', ParseUuidParamPipe) userId: string,
  ) {
    return this.supervisors.remove(user, id, userId);
  }

  @Roles('SUPERVISOR')
  @ApiRoute({
    summary: 'The competitions the caller supervises, with their rounds',
    type: SupervisedCompetitionsDto,
    errors: [403],
  })
  @Get('supervisor/competitions')
  competitions(@CurrentUser() user: AuthUser) {
    return this.supervisors.supervised(user);
  }

  @Roles('SUPERVISOR')
  @ApiRoute({
    summary:
      "A supervised round, live and read-only: each judge's submitted scores, the ranking, the draw and its seed, the timing log, check-ins, the sign-off (signed sheets, confirmations, on-site objections and their decisions) and the supervisors' notes; with roomId, one room's (分会场)",
    type: SupervisorRoundViewDto,
    errors: [400, 403, 404, 422],
  })
  @ApiQuery({
    name: 'roomId',
    required: false,
    description:
      'One room (分会场): every section restricted to it; 422 ROOM_STAGE_NOT_A_ROOM when the round has no such room',
  })
  @Get('supervisor/rounds/:id')
  view(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Query('roomId') roomId?: string,
  ) {
    return this.supervisors.view(user, id, roomId || undefined);
  }

  @Roles('SUPERVISOR')
  @ApiRoute({
    summary:
      "Add a supervisor's note to the round, or to one of its rooms with roomId (timestamped by the server; audited)",
    status: 201,
    type: [SupervisorNoteDto],
    errors: [400, 403, 404, 422],
  })
  @Post('supervisor/rounds/:id/notes')
  addNote(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: AddSupervisorNoteDto,
  ) {
    return this.supervisors.addNote(user, id, dto);
  }

  @Roles('SUPERVISOR')
  @ApiRoute({
    summary:
      'What the supervisor sees of the round, as .xlsx (a sheet per section); with roomId, one room’s',
    file: 'xlsx',
    errors: [400, 403, 404, 422],
  })
  @ApiQuery({ name: 'roomId', required: false, description: 'One room (分会场), as the view' })
  @Get('supervisor/rounds/:id/export.xlsx')
  async export(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query('roomId') roomId?: string,
  ) {
    const { title, sheets } = await this.supervisors.exportSheets(user, id, roomId || undefined);
    attachment(reply, XLSX_TYPE, 'supervision.xlsx', `${title}.xlsx`);
    return toPrintableXlsx(sheets);
  }
}
