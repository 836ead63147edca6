import type { MessageEvent } from '@nestjs/common';
import { EMPTY, Observable, catchError, concat, concatMap, defer, from, map, merge } from 'rxjs';
import type { ListenerState } from './ranking-stream.service';

// The roadshow screen's stream of one round: the ranking at once, then the
// stored ranking again after every recompute's NOTIFY, and 'stream-status'
// when the api's LISTEN connection drops ('interrupted') or is back
// ('reconnected', followed by the current ranking, as updates may have been
// missed meanwhile).
//
// One read at a time, in the order of the notifications: two reads in flight
// could answer out of order and leave the screen on the older ranking.
export function liveRanking<T>(
  first: T,
  updates: Observable<unknown>,
  listenerStates: Observable<ListenerState>,
  read: () => Promise<T>,
): Observable<MessageEvent> {
  // A read that fails (PostgreSQL restarting) skips one push, never ends the stream.
  const current = (): Observable<MessageEvent> =>
    defer(() => from(read())).pipe(
      map((ranking): MessageEvent => ({ type: 'ranking', data: ranking as object })),
      catchError(() => EMPTY),
    );
  const triggers = merge(updates.pipe(map(() => null)), listenerStates);
  return concat(
    defer(() => [{ type: 'ranking', data: first as object }]),
    triggers.pipe(
      concatMap((state) =>
        state === null
          ? current()
          : concat(
              [{ type: 'stream-status', data: { state, at: new Date().toISOString() } }],
              state === 'reconnected' ? current() : EMPTY,
            ),
      ),
    ),
  );
}
