import type { MessageEvent } from '@nestjs/common';
import { Subject } from 'rxjs';
import { liveRanking } from './live-ranking';
import type { ListenerState } from './ranking-stream.service';

// Reads the test answers by hand, in whatever order it chooses.
function harness() {
  const updates = new Subject<string>();
  const states = new Subject<ListenerState>();
  const reads: { answer: (value: string) => void; fail: () => void }[] = [];
  const read = () =>
    new Promise<string>((resolve, reject) =>
      reads.push({ answer: resolve, fail: () => reject(new Error('database restarting')) }),
    );
  const events: MessageEvent[] = [];
  const subscription = liveRanking('first', updates, states, read).subscribe((e) => events.push(e));
  return { updates, states, reads, events, subscription };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('liveRanking', () => {
  it('pushes the rankings in the order of the notifications, one read at a time', async () => {
    const { updates, reads, events, subscription } = harness();
    updates.next('round');
    updates.next('round'); // a second recompute lands while the first read runs
    expect(reads).toHaveLength(1); // the second read waits for the first
    reads[0].answer('older');
    await settle();
    expect(reads).toHaveLength(2);
    reads[1].answer('newer');
    await settle();
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['ranking', 'first'],
      ['ranking', 'older'],
      ['ranking', 'newer'],
    ]);
    subscription.unsubscribe();
  });

  it('skips a failed read and goes on; after a reconnect says so and re-sends the ranking', async () => {
    const { updates, states, reads, events, subscription } = harness();
    updates.next('round');
    reads[0].fail();
    await settle();
    states.next('interrupted');
    states.next('reconnected');
    await settle();
    reads[1].answer('after the restart');
    await settle();
    expect(events.map((e) => [e.type, (e.data as { state?: string }).state ?? e.data])).toEqual([
      ['ranking', 'first'],
      ['stream-status', 'interrupted'],
      ['stream-status', 'reconnected'],
      ['ranking', 'after the restart'],
    ]);
    subscription.unsubscribe();
  });
});
