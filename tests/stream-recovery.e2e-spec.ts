import { databaseProxy, databaseRestart } from './support/faults';
import { deterministicScores, eligibleHeat } from './support/judging-scenario';
import { Stack, waitFor } from './support/stack';

interface SseEvent {
  event: string;
  data: any;
}

// The roadshow screen's stream across a database restart: the api's LISTEN
// connection reconnects with backoff, the stream says so ('stream-status'),
// re-sends the current ranking, and pushes the next recompute as before.
describe('the live ranking stream after a database restart', () => {
  const proxy = databaseProxy();
  let stack: Stack;

  beforeAll(async () => {
    await proxy.start();
    stack = new Stack({
      databaseVia: (url) => proxy.url(url),
      env: { RELAY_LEASE_MS: '3000', WORKER_LOCK_MS: '3000' },
    });
    await stack.start();
  });
  afterAll(async () => {
    await stack.stop();
    await proxy.stop();
  });

  it('tells the screen, re-sends the ranking and keeps pushing new ones', async () => {
    const heat = await eligibleHeat(stack, 3, 3, false);
    const { organiser } = heat;
    const roundId = (
      await stack.post(
        `/heats/${heat.competition.heatId}/rounds`,
        { name: '路演', kind: 'ROADSHOW', rubricId: heat.competition.rubricId, method: 'MEAN' },
        organiser.token,
      )
    ).body.id as string;
    await stack.post(
      `/rounds/${roundId}/judges`,
      { judgeIds: heat.judges.map((j) => j.id) },
      organiser.token,
    );
    await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: 3 }, organiser.token);
    expect((await stack.post(`/rounds/${roundId}/open`, {}, organiser.token)).status).toBe(200);

    const controller = new AbortController();
    const res = await fetch(
      `${stack.apiUrl}/rounds/${roundId}/ranking/stream?access_token=${organiser.token}`,
      { signal: controller.signal },
    );
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const events: SseEvent[] = [];
    let buffer = '';
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += Buffer.from(value).toString('utf8');
        let idx: number;
        while ((idx = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, idx).split('\n');
          buffer = buffer.slice(idx + 2);
          const data = lines.find((l) => l.startsWith('data:'));
          const event =
            lines
              .find((l) => l.startsWith('event:'))
              ?.slice(6)
              .trim() ?? 'message';
          if (data) events.push({ event, data: JSON.parse(data.slice(5)) });
        }
      }
    })().catch(() => undefined);
    await waitFor('the first ranking', () => events.length >= 1);
    expect(events[0].event).toBe('ranking');

    await databaseRestart(stack, proxy, 2000);
    await waitFor(
      'the screen to hear of the reconnect and get the ranking again',
      () => {
        const i = events.findIndex(
          (e) => e.event === 'stream-status' && e.data.state === 'reconnected',
        );
        return i >= 0 && events.slice(i + 1).some((e) => e.event === 'ranking');
      },
      30000,
      100,
    );
    expect(events.some((e) => e.event === 'stream-status' && e.data.state === 'interrupted')).toBe(
      true,
    );
    await waitFor('the api to be healthy', async () => (await stack.get('/health')).status === 200);

    // A score after the restart reaches the screen through the new LISTEN connection.
    const judge = heat.judges[0];
    const mine = (await stack.get('/judge/assignments', judge.token)).body.items as {
      projectId: string;
    }[];
    const p = mine[0].projectId;
    const before = events.length;
    const scored = await waitFor('a score once the pools reconnect', async () => {
      const put = await stack.put(
        `/rounds/${roundId}/projects/${p}/score`,
        { scores: deterministicScores(0, 0) },
        judge.token,
      );
      if (put.status !== 200) return false;
      const sub = await stack.post(
        `/rounds/${roundId}/projects/${p}/score/submit`,
        {},
        judge.token,
      );
      return sub.status === 200;
    });
    expect(scored).toBe(true);
    await waitFor(
      'a pushed ranking with the new score',
      () => events.slice(before).some((e) => e.event === 'ranking' && e.data.entries?.length >= 1),
      60000, // the worker's pools reconnect with backoff after the restart
      100,
    );
    expect(stack.alive()).toEqual({ api: true, worker: true });
    controller.abort();
    await pump;
  });
});
