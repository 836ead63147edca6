import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import { CheckInService } from './check-in.service';
import {
  AbsentDto,
  CheckInCodeDto,
  CheckInDto,
  CheckInResultDto,
  DeskCheckInDto,
  PresenceDto,
} from './dto/check-in.dto';

// 签到 and 缺席 on the roadshow day.
@ApiTags('roadshow')
@ApiBearerAuth()
@Controller('rounds/:id')
export class CheckInController {
  constructor(private readonly checkIn: CheckInService) {}

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "The code of the round's check-in QR (made on first ask), for the venue only",
    type: CheckInCodeDto,
    errors: [400, 403, 404],
  })
  @Get('check-in-code')
  code(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.checkIn.code(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Replace the check-in code (the old QR stops working)',
    type: CheckInCodeDto,
    errors: [400, 403, 404],
  })
  @Post('check-in-code/rotate')
  @HttpCode(200)
  rotate(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.checkIn.code(user, id, true);
  }

  @Roles('APPLICANT', 'JUDGE', 'ORGANISER', 'ADMIN')
  @ApiRoute({
    summary:
      "Check in at the venue with the round's code: the caller's own projects in the round, and the caller as its judge",
    type: CheckInResultDto,
    errors: [400, 403, 404, 409, 422],
  })
  @Post('check-in')
  @HttpCode(200)
  self(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: CheckInDto,
  ) {
    return this.checkIn.selfCheckIn(user, id, dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "Check in a team or a judge at the organisers' desk (audited)",
    type: CheckInResultDto,
    errors: [400, 403, 404, 409, 422],
  })
  @Post('check-ins')
  @HttpCode(200)
  desk(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: DeskCheckInDto,
  ) {
    return this.checkIn.deskCheckIn(user, id, dto);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "Who is here: each project's and judge's check-in, and projects marked absent",
    type: PresenceDto,
    errors: [400, 403, 404],
  })
  @Get('check-ins')
  presence(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.checkIn.presence(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Mark a project absent when called (缺席), with the reason; audited',
    type: PresenceDto,
    errors: [400, 403, 404, 409, 422],
  })
  @Post('projects/:projectId/absent')
  @HttpCode(200)
  absent(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('projectId', ParseUuidParamPipe) projectId: string,
    @Body() dto: AbsentDto,
  ) {
    return this.checkIn.markAbsent(user, id, projectId, dto);
  }
}
