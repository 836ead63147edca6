import { HeatFixture, eligibleHeat } from './support/judging-scenario';
import { Stack, waitFor } from './support/stack';

// Defect 8: every auto-assign mailed each judge at once (20 mails for 9
// assignments, no link). Assignment mails go out when the round opens, one
// per judge per round, with the link to the judge's list; reassigning never
// mails again; a judge first given projects in an open round gets its one.
describe('assignment mails', () => {
  const stack = new Stack({ env: { SCHEDULER_INTERVAL_MS: '300' } });
  let heat: HeatFixture;

  beforeAll(async () => {
    await stack.start();
    heat = await eligibleHeat(stack, 3, 4, false);
  });
  afterAll(() => stack.stop());

  const assignmentMails = (email: string) =>
    stack.smtp.to(email).filter((m) => m.subject?.startsWith('评审任务'));

  async function draftRound(name: string, judges: number): Promise<string> {
    const { organiser, competition } = heat;
    const round = await stack.post(
      `/heats/${competition.heatId}/rounds`,
      { name, kind: 'EXPERT_REVIEW', rubricId: competition.rubricId, method: 'MEAN' },
      organiser.token,
    );
    expect(round.status).toBe(201);
    const roundId = round.body.id as string;
    const added = await stack.post(
      `/rounds/${roundId}/judges`,
      { judgeIds: heat.judges.slice(0, judges).map((j) => j.id) },
      organiser.token,
    );
    expect(added.status).toBe(200);
    return roundId;
  }

  it('mails nobody while the round is a draft, then each judge once when it opens, with the link', async () => {
    const token = heat.organiser.token;
    const roundId = await draftRound('专家评审', 3);
    // 3 projects × 3 judges = 9 assignments, assigned three times over.
    for (let i = 0; i < 3; i++)
      expect(
        (await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: 3 }, token)).status,
      ).toBe(200);
    await stack.drained();
    for (const j of heat.judges) expect(assignmentMails(j.email)).toHaveLength(0);

    expect((await stack.post(`/rounds/${roundId}/open`, {}, token)).status).toBe(200);
    await stack.drained();
    const link = `${stack.apiUrl.replace(/\/api\/v1$/, '')}/judge/rounds/${roundId}`;
    for (const j of heat.judges.slice(0, 3)) {
      const mails = assignmentMails(j.email);
      expect(mails).toHaveLength(1);
      expect(mails[0].text).toContain('3 个项目');
      expect(mails[0].text).toContain(link);
    }
    expect(assignmentMails(heat.judges[3].email)).toHaveLength(0);

    // Reassigning in the open round mails nobody again…
    const [judge] = heat.judges;
    const p = heat.projectIds[0];
    expect(
      (
        await stack.request(
          'DELETE',
          `/rounds/${roundId}/assignments/${p}/${judge.id}`,
          undefined,
          token,
        )
      ).status,
    ).toBe(200);
    expect(
      (await stack.put(`/rounds/${roundId}/assignments/${p}/${judge.id}`, {}, token)).status,
    ).toBe(200);
    expect(
      (await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: 2 }, token)).status,
    ).toBe(200);
    // …and a judge first given projects there gets its one mail.
    const late = heat.judges[3];
    expect(
      (await stack.post(`/rounds/${roundId}/judges`, { judgeIds: [late.id] }, token)).status,
    ).toBe(200);
    expect(
      (await stack.put(`/rounds/${roundId}/assignments/${p}/${late.id}`, {}, token)).status,
    ).toBe(200);
    expect(
      (await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: 3 }, token)).status,
    ).toBe(200);
    await stack.drained();
    for (const j of heat.judges) expect(assignmentMails(j.email)).toHaveLength(1);
    expect(assignmentMails(late.email)[0].text).toContain(link);
  });

  it('mails each judge once when the scheduler opens the round', async () => {
    const token = heat.organiser.token;
    const before = new Map(heat.judges.map((j) => [j.id, assignmentMails(j.email).length]));
    const roundId = await draftRound('路演评审', 2);
    expect(
      (await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: 2 }, token)).status,
    ).toBe(200);
    expect(
      (await stack.patch(`/rounds/${roundId}`, { opensAt: new Date().toISOString() }, token))
        .status,
    ).toBe(200);
    await waitFor(
      'the scheduler to open the round',
      async () => (await stack.get(`/rounds/${roundId}`, token)).body.status === 'OPEN',
    );
    await stack.drained();
    for (const [i, j] of heat.judges.entries()) {
      const mails = assignmentMails(j.email);
      expect(mails.length - before.get(j.id)!).toBe(i < 2 ? 1 : 0);
      if (i < 2) expect(mails.at(-1)!.text).toContain(`/judge/rounds/${roundId}`);
    }
  });
});
