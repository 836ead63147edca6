import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';
import { ScreenTicketListDto, ScreenTicketViewDto } from './dto/screen-ticket.dto';
import { StreamTicketService } from './stream-ticket.service';

// The round's big-screen tickets (POST /rounds/:id/ranking/stream-ticket):
// who opened which screen link, and the way to end one.
@ApiTags('roadshow')
@ApiBearerAuth()
@Roles('ORGANISER', 'ADMIN')
@Controller('rounds/:id/screen-tickets')
export class ScreenTicketsController {
  constructor(private readonly tickets: StreamTicketService) {}

  @ApiRoute({
    summary: "The round's screen tickets, newest first (the latest 200)",
    type: ScreenTicketListDto,
    errors: [400, 403, 404],
  })
  @Get()
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return { items: await this.tickets.list(user, id) };
  }

  @ApiRoute({
    summary:
      'Revoke a screen ticket: refused from now on, and the screens open with it close (audited; revoking again answers the same)',
    type: ScreenTicketViewDto,
    errors: [400, 403, 404],
  })
  @Post(':ticketId/revoke')
  @HttpCode(200)
  revoke(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Param('ticketId', ParseUuidParamPipe) ticketId: string,
  ) {
    return this.tickets.revoke(user, id, ticketId);
  }
}
