import { Stack, waitFor } from './support/stack';
import { deterministicScores, eligibleHeat } from './support/judging-scenario';

// The scheduler acts on the wall clock, so the windows below are wide: the
// diligent judge has OPEN_FOR_MS - REMINDER_MS (10 s) after the round opens
// to submit before the reminder goes out, which a loaded CI machine's few
// requests never need; the round is set up before its times are set, so the
// set-up takes nothing from that window.
const REMINDER_MS = 5000;
const OPEN_FOR_MS = 15000;

// A round opens and closes itself at opensAt/closesAt, and judges with missing
// scores get exactly one reminder before it closes.
describe('scheduled rounds', () => {
  const stack = new Stack({
    env: { SCHEDULER_INTERVAL_MS: '200', REMINDER_BEFORE_CLOSE_MS: String(REMINDER_MS) },
  });

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('opens, reminds once, and closes with a final ranking', async () => {
    const heat = await eligibleHeat(stack, 4, 3, false);
    const { organiser, competition, judges } = heat;
    const round = await stack.post(
      `/heats/${competition.heatId}/rounds`,
      {
        name: '线上初评',
        kind: 'EXPERT_REVIEW',
        rubricId: competition.rubricId,
        method: 'ZSCORE',
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
    const opensAt = Date.now() + 1000;
    const scheduled = await stack.patch(
      `/rounds/${roundId}`,
      {
        opensAt: new Date(opensAt).toISOString(),
        closesAt: new Date(opensAt + OPEN_FOR_MS).toISOString(),
      },
      organiser.token,
    );
    expect(scheduled.status).toBe(200);

    await waitFor(
      'the round to open itself',
      async () => (await stack.get(`/rounds/${roundId}`, organiser.token)).body.status === 'OPEN',
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
      OPEN_FOR_MS + 60000,
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
