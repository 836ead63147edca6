import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { AddJudgesDto, AutoAssignDto, CreateRoundDto, DeclareConflictDto } from './dto/judging.dto';
import { RoundsService } from './rounds.service';

@ApiTags('judging')
@ApiBearerAuth()
@Controller()
export class RoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @Roles('ORGANISER', 'ADMIN')
  @Post('heats/:id/rounds')
  create(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) heatId: string, @Body() dto: CreateRoundDto) {
    return this.rounds.create(user, heatId, dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @Get('heats/:id/rounds')
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) heatId: string) {
    return { items: await this.rounds.listForHeat(user, heatId) };
  }

  @Roles('ORGANISER', 'ADMIN')
  @Get('rounds/:id')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.managed(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @Post('rounds/:id/open')
  @HttpCode(200)
  open(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.open(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @Post('rounds/:id/close')
  @HttpCode(200)
  close(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.close(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @Post('rounds/:id/judges')
  @HttpCode(200)
  addJudges(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AddJudgesDto) {
    return this.rounds.addJudges(user, id, dto.judgeIds);
  }

  @Roles('ORGANISER', 'ADMIN')
  @Get('rounds/:id/judges')
  judges(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.listJudges(user, id);
  }

  @Roles('ORGANISER', 'ADMIN', 'JUDGE')
  @Post('rounds/:id/conflicts')
  conflict(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: DeclareConflictDto) {
    return this.rounds.declareConflict(user, id, dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @Post('rounds/:id/assignments')
  @HttpCode(200)
  assign(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: AutoAssignDto) {
    return this.rounds.autoAssign(user, id, dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @Get('rounds/:id/assignments')
  assignments(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.listAssignments(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @Put('rounds/:id/assignments/:projectId/:judgeId')
  addAssignment(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('projectId', ParseUUIDPipe) projectId: string,
    @Param('judgeId', ParseUUIDPipe) judgeId: string,
  ) {
    return this.rounds.addAssignment(user, id, judgeId, projectId);
  }

  @Roles('ORGANISER', 'ADMIN')
  @Delete('rounds/:id/assignments/:projectId/:judgeId')
  removeAssignment(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('projectId', ParseUUIDPipe) projectId: string,
    @Param('judgeId', ParseUUIDPipe) judgeId: string,
  ) {
    return this.rounds.removeAssignment(user, id, judgeId, projectId);
  }

  @Roles('ORGANISER', 'ADMIN')
  @Get('rounds/:id/progress')
  progress(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.progress(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @Post('rounds/:id/remind')
  @HttpCode(200)
  remind(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.remind(user, id);
  }
}
