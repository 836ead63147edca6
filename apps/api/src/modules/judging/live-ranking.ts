import type { MessageEvent } from '@nestjs/common';
import { EMPTY, Observable, catchError, concat, concatMap, defer, from, map, merge } from 'rxjs';
import type { ListenerState } from './ranking-stream.service';

// A live stream of one round, the recovery both of its streams share (the
// organisers' ranking stream, event 'ranking', and the big screen's, event
// 'screen'): the state at once, then the state read again after every
// NOTIFY, and 'stream-status' when the api's one LISTEN connection drops
// ('interrupted') or is back ('reconnected', followed by the current state,
// as notifications may have been missed meanwhile).
//
// One read at a time, in the order of the notifications: two reads in flight
// could answer out of order and leave the screen on the older state.
export function liveFrames<T>(
  event: 'ranking' | 'screen',
  first: T,
  updates: Observable<unknown>,
  listenerStates: Observable<ListenerState>,
  read: () => Promise<T>,
): Observable<MessageEvent> {
  // A read that fails (PostgreSQL restarting) skips one push, never ends the stream.
  const current = (): Observable<MessageEvent> =>
    defer(() => from(read())).pipe(
      map((state): MessageEvent => ({ type: event, data: state as object })),
      catchError(() => EMPTY),
    );
  const triggers = merge(updates.pipe(map(() => null)), listenerStates);
  return concat(
    defer(() => [{ type: event, data: first as object }]),
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

// The organisers' ranking stream (GET /rounds/:id/ranking/stream).
export function liveRanking<T>(
  first: T,
  updates: Observable<unknown>,
  listenerStates: Observable<ListenerState>,
  read: () => Promise<T>,
): Observable<MessageEvent> {
  return liveFrames('ranking', first, updates, listenerStates, read);
}
