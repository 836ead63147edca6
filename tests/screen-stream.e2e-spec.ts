import { deterministicScores, round2, total } from './support/judging-scenario';
import { RoadshowFixture, openRoadshow } from './support/roadshow-scenario';
import { readEvents } from './support/sse';
import { Stack, waitFor } from './support/stack';

// The big screen (/rounds/:id/screen/stream, opened by a ticket): only
// complete scores are public (defect 1), and the stream recovers from a lost
// LISTEN connection as the organisers' ranking stream does, both on the api's
// one LISTEN connection.
describe('the big screen stream', () => {
  let stack: Stack;
  let show: RoadshowFixture;
  let ticket: string;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    show = await openRoadshow(stack, 3, 4);
    const issued = await stack.post(
      `/rounds/${show.roundId}/ranking/stream-ticket`,
      {},
      show.organiser.token,
    );
    ticket = issued.body.ticket as string;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const screenUrl = () => `${stack.apiUrl}/rounds/${show.roundId}/screen/stream?ticket=${ticket}`;
  const submit = async (judge: number, projectId: string) => {
    const scores = deterministicScores(judge, 1);
    const put = await stack.put(
      `/rounds/${show.roundId}/projects/${projectId}/score`,
      { scores },
      show.judges[judge].token,
    );
    expect(put.status).toBe(200);
    const sub = await stack.post(
      `/rounds/${show.roundId}/projects/${projectId}/score/submit`,
      {},
      show.judges[judge].token,
    );
    expect(sub.status).toBe(200);
    return total(scores);
  };

  it('never shows a score of 1 of 4 judges; shows it once all 4 submitted', async () => {
    const token = show.organiser.token;
    const p = show.projectIds[0];
    expect(
      (await stack.post(`/rounds/${show.roundId}/now-pitching`, { projectId: p }, token)).status,
    ).toBe(200);
    const first = await submit(0, p);

    // The organisers see the partial score, marked as partial…
    await waitFor('the ranking to count the first judge', async () => {
      const ranking = (await stack.get(`/rounds/${show.roundId}/ranking`, token)).body;
      return ranking.entries?.some((e: any) => e.projectId === p && e.judgeCount === 1);
    });
    const ranking = (await stack.get(`/rounds/${show.roundId}/ranking`, token)).body;
    expect(ranking.entries.find((e: any) => e.projectId === p)).toMatchObject({
      rank: 1,
      score: first,
      judgeCount: 1,
      assignedJudges: 4,
      complete: false,
    });

    // …the hall does not: no ranking entry, no score on stage.
    const screen = readEvents(screenUrl());
    expect(await screen.opened).toBe(200);
    await waitFor('the first frame', () => screen.events.some((e) => e.type === 'screen'));
    const frame = screen.events.find((e) => e.type === 'screen')!.data;
    expect(frame.nowPitching).toMatchObject({
      projectId: p,
      assigned: 4,
      submitted: 1,
      score: null,
    });
    expect(frame.ranking).toEqual([]);

    const totals = [first];
    for (const j of [1, 2, 3]) totals.push(await submit(j, p));
    const expected = round2(totals.reduce((a, b) => a + b, 0) / totals.length);
    await waitFor('the complete score on screen', () =>
      screen.events.some((e) => e.type === 'screen' && e.data.nowPitching?.score === expected),
    );
    const last = screen.events.filter((e) => e.type === 'screen').at(-1)!.data;
    expect(last.ranking).toEqual([
      {
        rank: 1,
        projectId: p,
        title: expect.any(String),
        score: expected,
        judgeCount: 4,
        disputed: false,
      },
    ]);
    // No frame ever carried a partial score, on stage or in the ranking.
    for (const e of screen.events.filter((x) => x.type === 'screen')) {
      for (const r of e.data.ranking) expect(r.judgeCount).toBe(4);
      if (e.data.nowPitching.submitted < 4) expect(e.data.nowPitching.score).toBeNull();
    }
    screen.close();
  });

  it("shows the sealed seed's hash as soon as it is committed, not at the next change", async () => {
    const token = show.organiser.token;
    const screen = readEvents(screenUrl());
    expect(await screen.opened).toBe(200);
    await waitFor('the first frame', () => screen.events.some((e) => e.type === 'screen'));
    const before = screen.events.filter((e) => e.type === 'screen').at(-1)!.data;
    expect(before.draw.announcedSeedHash).toBeNull();

    const committed = await stack.post(`/rounds/${show.roundId}/pitch-order/commitment`, {}, token);
    expect(committed.status).toBe(200);
    // Nothing else changes on the round: only the commitment's own notification
    // can bring this frame (screens are otherwise woken by the next change).
    await waitFor(
      'a frame announcing the seed hash',
      () =>
        screen.events.some(
          (e) => e.type === 'screen' && e.data.draw.announcedSeedHash === committed.body.seedHash,
        ),
      5000,
    );
    screen.close();
  });

  it('recovers when the LISTEN connection is killed: says so, re-sends the frame, keeps pushing', async () => {
    const token = show.organiser.token;
    const screen = readEvents(screenUrl());
    const ranking = readEvents(
      `${stack.apiUrl}/rounds/${show.roundId}/ranking/stream?access_token=${token}`,
    );
    expect(await screen.opened).toBe(200);
    expect(await ranking.opened).toBe(200);
    await waitFor('both first frames', () => screen.events.length > 0 && ranking.events.length > 0);

    // One LISTEN connection serves both streams.
    const listeners = await stack.sql(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'api-listener'`,
    );
    expect(listeners).toHaveLength(1);
    const killed = await stack.sql(`SELECT pg_terminate_backend($1::int) AS ok`, [
      listeners[0].pid,
    ]);
    expect(killed[0].ok).toBe(true);

    const recovered = (events: { type: string; data: any }[], frame: string) => {
      const i = events.findIndex(
        (e) => e.type === 'stream-status' && e.data.state === 'reconnected',
      );
      return i >= 0 && events.slice(i + 1).some((e) => e.type === frame);
    };
    await waitFor('the screen to hear of the reconnect and get the frame again', () =>
      recovered(screen.events, 'screen'),
    );
    await waitFor('the ranking stream too', () => recovered(ranking.events, 'ranking'));
    for (const events of [screen.events, ranking.events])
      expect(events.some((e) => e.type === 'stream-status' && e.data.state === 'interrupted')).toBe(
        true,
      );
    const again = await stack.sql(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'api-listener'`,
    );
    expect(again).toHaveLength(1);
    expect(again[0].pid).not.toBe(listeners[0].pid);

    // A change after the reconnect reaches the screen through the new connection.
    const next = show.projectIds[1];
    expect(
      (await stack.post(`/rounds/${show.roundId}/now-pitching`, { projectId: next }, token)).status,
    ).toBe(200);
    await waitFor('a frame with the next project on stage', () =>
      screen.events.some((e) => e.type === 'screen' && e.data.nowPitching?.projectId === next),
    );
    screen.close();
    ranking.close();
  });
});
