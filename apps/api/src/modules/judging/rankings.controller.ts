import { Controller, Get, Header, MessageEvent, Param, ParseUUIDPipe, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EMPTY, Observable, catchError, concat, defer, from, map, merge, mergeMap } from 'rxjs';
import { AllowQueryToken, AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { RankingStreamService } from './ranking-stream.service';
import { RankingsService } from './rankings.service';
import { ApiRoute } from '../../common/api-route.decorator';
import { RankingViewDto, StandingsDto } from './dto/judging.responses';

@ApiTags('judging')
@ApiBearerAuth()
@Controller()
export class RankingsController {
  constructor(
    private readonly rankings: RankingsService,
    private readonly stream: RankingStreamService,
  ) {}

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "The round's current ranking",
    type: RankingViewDto,
    errors: [400, 401, 403, 404],
  })
  @Get('rounds/:id/ranking')
  ranking(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rankings.ranking(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({ summary: "The round's ranking as CSV", file: 'csv', errors: [400, 401, 403, 404] })
  @Get('rounds/:id/ranking.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="ranking.csv"')
  csv(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rankings.rankingCsv(user, id);
  }

  // The roadshow screen: the current ranking at once, then the new one after
  // every recompute. Open with ?access_token=… from an EventSource.
  @Roles('ORGANISER', 'ADMIN')
  @AllowQueryToken()
  @ApiRoute({
    summary: 'Live ranking for the roadshow screen (SSE; token in ?access_token=)',
    events: RankingViewDto,
    errors: [400, 401, 403, 404],
  })
  @Sse('rounds/:id/ranking/stream')
  async live(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<Observable<MessageEvent>> {
    const first = await this.rankings.ranking(user, id);
    // A read that fails (PostgreSQL restarting) skips one push, never ends the stream.
    const current = () =>
      from(this.rankings.read(id, first.method)).pipe(
        map((ranking): MessageEvent => ({ type: 'ranking', data: ranking })),
        catchError(() => EMPTY),
      );
    // When the api's LISTEN connection drops, updates may be missed: the screen
    // is told ('stream-status'), and after the reconnect gets the current ranking.
    const listener = this.stream.listenerStates().pipe(
      mergeMap((state) =>
        concat(
          [
            {
              type: 'stream-status',
              data: { state, at: new Date().toISOString() },
            },
          ],
          state === 'reconnected' ? current() : EMPTY,
        ),
      ),
    );
    return concat(
      defer(() => [{ type: 'ranking', data: first }]),
      merge(this.stream.updatesFor(id).pipe(mergeMap(() => current())), listener),
    );
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "A heat's standings: weighted over its closed rounds",
    type: StandingsDto,
    errors: [400, 401, 403, 404],
  })
  @Get('heats/:id/standings')
  standings(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rankings.standings(user, id);
  }
}
