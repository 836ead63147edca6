import { Controller, Get, Header, MessageEvent, Param, ParseUUIDPipe, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Observable, concat, defer, from, map, mergeMap } from 'rxjs';
import { AllowQueryToken, AuthUser, CurrentUser, Roles } from '../../common/auth.decorators';
import { RankingStreamService } from './ranking-stream.service';
import { RankingsService } from './rankings.service';

@ApiTags('judging')
@ApiBearerAuth()
@Controller()
export class RankingsController {
  constructor(
    private readonly rankings: RankingsService,
    private readonly stream: RankingStreamService,
  ) {}

  @Roles('ORGANISER', 'ADMIN')
  @Get('rounds/:id/ranking')
  ranking(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rankings.ranking(user, id);
  }

  @Roles('ORGANISER', 'ADMIN')
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
  @Sse('rounds/:id/ranking/stream')
  async live(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Observable<MessageEvent>> {
    const first = await this.rankings.ranking(user, id);
    const updates = this.stream.updatesFor(id).pipe(mergeMap(() => from(this.rankings.read(id, first.method))));
    return concat(defer(() => [first]), updates).pipe(map((ranking) => ({ type: 'ranking', data: ranking })));
  }

  @Roles('ORGANISER', 'ADMIN')
  @Get('heats/:id/standings')
  standings(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.rankings.standings(user, id);
  }
}
