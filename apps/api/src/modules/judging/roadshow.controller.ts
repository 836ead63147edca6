import { Body, Controller, HttpCode, MessageEvent, Param, Post, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DomainError } from '@app/domain';
import {
  Observable,
  concat,
  concatMap,
  defer,
  from,
  interval,
  map,
  merge,
  throttleTime,
} from 'rxjs';
import { ApiRoute } from '../../common/api-route.decorator';
import { AuthUser, CurrentUser, Public, Roles } from '../../common/auth.decorators';
import {
  DrawPitchOrderDto,
  NowPitchingDto,
  NowPitchingResultDto,
  PitchOrderDto,
  ScreenStateDto,
  StreamTicketDto,
} from './dto/roadshow.dto';
import { RankingStreamService } from './ranking-stream.service';
import { RoadshowService } from './roadshow.service';
import { RoundsService } from './rounds.service';
import { ScreenService } from './screen.service';
import { STREAM_TICKET_TTL_S, StreamTicketService } from './stream-ticket.service';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';

@ApiTags('roadshow')
@Controller('rounds/:id')
export class RoadshowController {
  constructor(
    private readonly roadshow: RoadshowService,
    private readonly rounds: RoundsService,
    private readonly tickets: StreamTicketService,
    private readonly screen: ScreenService,
    private readonly stream: RankingStreamService,
  ) {}

  @ApiBearerAuth()
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Draw the pitch order by lot (seeded, stored, audited; a redraw needs a reason)',
    type: PitchOrderDto,
    errors: [400, 403, 404, 409, 422],
  })
  @Post('pitch-order')
  @HttpCode(200)
  draw(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: DrawPitchOrderDto,
  ) {
    return this.roadshow.drawPitchOrder(user, id, dto);
  }

  @ApiBearerAuth()
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'Put a project on stage (now pitching)',
    type: NowPitchingResultDto,
    errors: [400, 403, 404, 409, 422],
  })
  @Post('now-pitching')
  @HttpCode(200)
  nowPitching(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
    @Body() dto: NowPitchingDto,
  ) {
    return this.roadshow.nowPitching(user, id, dto);
  }

  @ApiBearerAuth()
  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: 'A short-lived ticket that opens this round’s big screen, and only that',
    status: 201,
    type: StreamTicketDto,
    errors: [400, 403, 404],
  })
  @Post('ranking/stream-ticket')
  async ticket(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUuidParamPipe) id: string,
  ): Promise<StreamTicketDto> {
    await this.rounds.managed(user, id);
    const { ticket, expiresAt } = await this.tickets.issue(id);
    return { ticket, expiresAt, screenPath: `/screen/rounds/${id}?ticket=${ticket}` };
  }

  // The big screen: a `screen` frame at once and after every ranking
  // recompute, draw or change on stage; a renewed `ticket` every few minutes
  // so the page can reconnect after the first one expires.
  @Public()
  @ApiQuery({ name: 'ticket', description: 'From POST /rounds/:id/ranking/stream-ticket' })
  @ApiRoute({
    summary: 'Server-Sent Events of the big screen (event `screen`: ScreenState; `ticket`)',
    type: ScreenStateDto,
    errors: [400, 401],
  })
  @Sse('screen/stream')
  async live(
    @Param('id', ParseUuidParamPipe) id: string,
    @Query('ticket') ticket?: string,
  ): Promise<Observable<MessageEvent>> {
    if (!(await this.tickets.accepts(ticket, id)))
      throw DomainError.of(
        'SCREEN_LINK_EXPIRED',
        'This screen link has expired: ask the organisers for a new one',
      );
    const first = await this.screen.state(id);
    const frames = concat(
      defer(() => [first]),
      this.stream.updatesFor(id).pipe(
        throttleTime(100, undefined, { leading: true, trailing: true }),
        concatMap(() => from(this.screen.state(id))),
      ),
    ).pipe(map((state): MessageEvent => ({ type: 'screen', data: state })));
    const renewals = interval((STREAM_TICKET_TTL_S * 1000) / 3).pipe(
      concatMap(() => from(this.tickets.issue(id))),
      map((t): MessageEvent => ({ type: 'ticket', data: t })),
    );
    return merge(frames, renewals);
  }
}
