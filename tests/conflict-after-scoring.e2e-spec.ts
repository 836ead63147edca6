import { Stack, waitFor } from './support/stack';
import { deterministicScores, eligibleHeat } from './support/judging-scenario';

// A conflict found after a judge has scored removes the assignment and the
// score, and the ranking is recomputed without it. Judges see only the
// projects assigned to them.
describe('a conflict declared after scoring', () => {
  const stack = new Stack();

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('removes the score and recomputes the ranking', async () => {
    const { organiser, competition, judges, projectIds } = await eligibleHeat(stack, 3, 3, false);
    const roundId = (
      await stack.post(
        `/heats/${competition.heatId}/rounds`,
        { name: '初评', kind: 'EXPERT_REVIEW', rubricId: competition.rubricId, method: 'MEAN' },
        organiser.token,
      )
    ).body.id;
    await stack.post(
      `/rounds/${roundId}/judges`,
      { judgeIds: judges.map((j) => j.id) },
      organiser.token,
    );
    await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: 3 }, organiser.token);
    await stack.post(`/rounds/${roundId}/open`, {}, organiser.token);
    const target = projectIds[0];
    for (const [i, j] of judges.entries()) {
      await stack.put(
        `/rounds/${roundId}/projects/${target}/score`,
        { scores: deterministicScores(i, 0) },
        j.token,
      );
      await stack.post(`/rounds/${roundId}/projects/${target}/score/submit`, {}, j.token);
    }
    const entryOf = async () =>
      (
        (await stack.get(`/rounds/${roundId}/ranking`, organiser.token)).body.entries as {
          projectId: string;
          judgeCount: number;
        }[]
      ).find((e) => e.projectId === target);
    await waitFor('the ranking with 3 judges', async () => (await entryOf())?.judgeCount === 3);

    expect((await stack.get(`/projects/${target}`, judges[1].token)).status).toBe(200); // assigned judges may read it
    const declared = await stack.post(
      `/rounds/${roundId}/conflicts`,
      { judgeId: judges[1].id, projectId: target, reason: '与项目负责人系同门' },
      organiser.token,
    );
    expect(declared.body).toMatchObject({ removedAssignment: true, removedScore: true });
    await waitFor(
      'the ranking without the removed score',
      async () => (await entryOf())?.judgeCount === 2,
    );
    expect((await stack.get(`/projects/${target}`, judges[1].token)).status).toBe(404); // no longer assigned
    expect(
      (
        await stack.put(
          `/rounds/${roundId}/projects/${target}/score`,
          { scores: deterministicScores(1, 0) },
          judges[1].token,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await stack.post(
          `/rounds/${roundId}/conflicts`,
          { judgeId: judges[1].id, projectId: target, reason: 'again' },
          organiser.token,
        )
      ).status,
    ).toBe(409);
  });
});
