import { RankingStreamService } from './ranking-stream.service';
import { RoundViewCache } from './round-view-cache';

// The stream's stamps as a test sets them: what RankingStreamService answers
// after notifications, reconnections and while its connection is down.
function cacheWithStamps() {
  const stamps = new Map<string, string | null>();
  const stream = {
    stamp: (roundId: string) => (stamps.has(roundId) ? stamps.get(roundId)! : '0:0'),
  };
  const cache = new RoundViewCache(stream as unknown as RankingStreamService);
  return { cache, stamps };
}

function counter<T>(value: () => T) {
  const calls = { n: 0 };
  const load = () => {
    calls.n++;
    return Promise.resolve(value());
  };
  return { load, calls };
}

describe('RoundViewCache', () => {
  it('reads once for any number of concurrent readers while the round is unchanged', async () => {
    const { cache } = cacheWithStamps();
    const { load, calls } = counter(() => 'frame');
    const values = await Promise.all(
      Array.from({ length: 2000 }, () => cache.read('r1', 'screen', 60_000, load)),
    );
    expect(values.every((v) => v === 'frame')).toBe(true);
    expect(calls.n).toBe(1);
  });

  it('reads again after a notification changed the round’s stamp, and keeps rounds and keys apart', async () => {
    const { cache, stamps } = cacheWithStamps();
    let version = 1;
    const { load, calls } = counter(() => version);
    expect(await cache.read('r1', 'screen', 60_000, load)).toBe(1);
    version = 2;
    expect(await cache.read('r1', 'screen', 60_000, load)).toBe(1);
    stamps.set('r1', '0:1');
    expect(await cache.read('r1', 'screen', 60_000, load)).toBe(2);
    expect(await cache.read('r2', 'screen', 60_000, load)).toBe(2);
    expect(await cache.read('r1', 'ticket:t', 60_000, load)).toBe(2);
    expect(calls.n).toBe(4);
  });

  it('caches nothing while the LISTEN connection is down', async () => {
    const { cache, stamps } = cacheWithStamps();
    stamps.set('r1', null);
    const { load, calls } = counter(() => 'x');
    await cache.read('r1', 'screen', 60_000, load);
    await cache.read('r1', 'screen', 60_000, load);
    expect(calls.n).toBe(2);
  });

  it('does not keep a failed read, and bounds an entry’s age', async () => {
    const { cache } = cacheWithStamps();
    await expect(
      cache.read('r1', 'screen', 60_000, () => Promise.reject(new Error('db down'))),
    ).rejects.toThrow('db down');
    const { load, calls } = counter(() => 'ok');
    expect(await cache.read('r1', 'screen', 60_000, load)).toBe('ok');
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    expect(await cache.read('r1', 'screen', 60_000, load)).toBe('ok');
    clock.mockRestore();
    expect(calls.n).toBe(2);
  });
});
