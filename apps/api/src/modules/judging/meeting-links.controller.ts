import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import { MeetingLinksDto, SetMeetingLinkDto } from './dto/meeting-link.dto';
import { MeetingLinksService } from './meeting-links.service';

// Online roadshow: the meeting link of a project's slot.
@ApiTags('roadshow')
@ApiBearerAuth()
@Controller('rounds/:id')
export class MeetingLinksController {
  constructor(private readonly links: MeetingLinksService) {}

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "Set (or clear with null) the https meeting link of a project's slot; audited",
    type: MeetingLinksDto,
    errors: [400, 403, 404, 409],
  })
  @Put('projects/:projectId/meeting-link')
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
  @Get('meeting-links')
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.links.list(user, id);
  }
}
