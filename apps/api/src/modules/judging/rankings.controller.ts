import { Controller, Get, MessageEvent, Param, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Observable } from 'rxjs';
import { AllowQueryToken, AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { liveRanking } from './live-ranking';
import { RankingStreamService } from './ranking-stream.service';
import { RankingsService } from './rankings.service';
import { ApiRoute } from '../../common/api-route.decorator';
import { RankingViewDto, StandingsDto } from './dto/judging.responses';
import { ParseUuidParamPipe } from '../../common/uuid-param.pipe';

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
  ranking(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.rankings.ranking(user, id);
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
    @Param('id', ParseUuidParamPipe) id: string,
  ): Promise<Observable<MessageEvent>> {
    const first = await this.rankings.ranking(user, id);
    return liveRanking(first, this.stream.updatesFor(id), this.stream.listenerStates(), () =>
      this.rankings.readForOrganisers(id, first.method),
    );
  }

  @Roles('ORGANISER', 'ADMIN')
  @ApiRoute({
    summary: "A heat's standings: weighted over its closed rounds",
    type: StandingsDto,
    errors: [400, 401, 403, 404],
  })
  @Get('heats/:id/standings')
  standings(@CurrentUser() user: AuthUser, @Param('id', ParseUuidParamPipe) id: string) {
    return this.rankings.standings(user, id);
  }
}
