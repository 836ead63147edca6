import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import { MeetingLinksDto, MyMeetingLinksDto, SetMeetingLinkDto } from './dto/meeting-link.dto';
import { MeetingLinksService } from './meeting-links.service';

// Online roadshow: the meeting link of a project's slot.
@ApiTags('roadshow')
@ApiBearerAuth()
@Controller()
export class MeetingLinksController {
  constructor(private readonly links: MeetingLinksService) {}

  @Roles('APPLICANT')
  @ApiRoute({
    summary:
      "The meeting links of the caller's projects in rounds not closed yet (a team's own page)",
    type: MyMeetingLinksDto,
    errors: [403],
  })
  @Get('my/meeting-links')
  mine(@CurrentUser() user: AuthUser) {
    return this.links.mine(user);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "Set (or clear with null) the https meeting link of a project's slot; audited",
    type: MeetingLinksDto,
    errors: [400, 403, 404, 409],
  })
  @Put('rounds/:id/projects/:projectId/meeting-link')
  set(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('projectId', ParseUuidParamPipe) projectId: string,
    @Body() dto: SetMeetingLinkDto,
  ) {
    return this.links.set(user, id, projectId, dto);
  }

  @Roles('ORGANISER', 'ADMIN', 'JUDGE', 'APPLICANT')
  @ApiRoute({
    summary:
      "The round's meeting links the caller may see: organisers all, a judge its projects', a team its own",
    type: MeetingLinksDto,
    errors: [400, 403, 404],
  })
  @Get('rounds/:id/meeting-links')
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.links.list(user, id);
  }
}
