import { Stack, waitFor } from './support/stack';
import { deterministicScores, eligibleHeat } from './support/judging-scenario';

// A round opens and closes itself at opensAt/closesAt, and judges with missing
// scores get exactly one reminder before it closes.
describe('scheduled rounds', () => {
  const stack = new Stack({
    env: { SCHEDULER_INTERVAL_MS: '200', REMINDER_BEFORE_CLOSE_MS: '4000' },
  });

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('opens, reminds once, and closes with a final ranking', async () => {
    const heat = await eligibleHeat(stack, 4, 3, false);
    const { organiser, competition, judges } = heat;
    const now = Date.now();
    const round = await stack.post(
      `/heats/${competition.heatId}/rounds`,
      {
        name: '线上初评',
        kind: 'EXPERT_REVIEW',
        rubricId: competition.rubricId,
        method: 'ZSCORE',
        opensAt: new Date(now + 1500).toISOString(),
        closesAt: new Date(now + 7000).toISOString(),
      },
      organiser.token,
    );
    const roundId = round.body.id;
    await stack.post(
      `/rounds/${roundId}/judges`,
      { judgeIds: judges.map((j) => j.id) },
      organiser.token,
    );
    expect(
      (await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: 2 }, organiser.token))
        .status,
    ).toBe(200);

    await waitFor(
      'the round to open itself',
      async () => (await stack.get(`/rounds/${roundId}`, organiser.token)).body.status === 'OPEN',
      10000,
    );
    const diligent = judges[0];
    const mine = (await stack.get('/judge/assignments', diligent.token)).body.items as {
      projectId: string;
    }[];
    for (const a of mine) {
      await stack.put(
        `/rounds/${roundId}/projects/${a.projectId}/score`,
        { scores: deterministicScores(0, 1) },
        diligent.token,
      );
      await stack.post(
        `/rounds/${roundId}/projects/${a.projectId}/score/submit`,
        {},
        diligent.token,
      );
    }

    await waitFor(
      'the round to close itself',
      async () => (await stack.get(`/rounds/${roundId}`, organiser.token)).body.status === 'CLOSED',
      15000,
    );
    const ranking = await waitFor('the final ranking', async () => {
      const r = (await stack.get(`/rounds/${roundId}/ranking`, organiser.token)).body;
      return r.final ? r : null;
    });
    expect(ranking.entries.length).toBe(mine.length);
    await stack.drained();
    const reminders = (email: string) =>
      stack.smtp.to(email).filter((m) => m.subject?.startsWith('评分提醒'));
    expect(reminders(diligent.email)).toHaveLength(0);
    expect(reminders(judges[1].email)).toHaveLength(1);
    expect(reminders(judges[2].email)).toHaveLength(1);
  });
});
