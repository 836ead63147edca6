import { Stack, waitFor } from './support/stack';
import { HeatFixture, deterministicScores, eligibleHeat, total } from './support/judging-scenario';

// One request saves and submits (`PUT …/score` with `submit: true`); a repeated
// submit of the same content answers 200 with the same score and emits nothing
// more, whether it comes as PUT or as POST …/submit; different content stays 409.
describe('save and submit in one request, idempotent for the same content', () => {
  const stack = new Stack();
  let heat: HeatFixture;
  let roundId: string;

  beforeAll(async () => {
    await stack.start();
    heat = await eligibleHeat(stack, 4, 2, false);
    const { organiser, competition, judges } = heat;
    const round = await stack.post(
      `/heats/${competition.heatId}/rounds`,
      { name: '路演', kind: 'ROADSHOW', rubricId: competition.rubricId, method: 'MEAN' },
      organiser.token,
    );
    roundId = round.body.id;
    await stack.post(
      `/rounds/${roundId}/judges`,
      { judgeIds: judges.map((j) => j.id) },
      organiser.token,
    );
    expect(
      (await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: 2 }, organiser.token))
        .status,
    ).toBe(200);
    expect((await stack.post(`/rounds/${roundId}/open`, {}, organiser.token)).status).toBe(200);
  });
  afterAll(() => stack.stop());

  const scoreUrl = (projectId: string) => `/rounds/${roundId}/projects/${projectId}/score`;
  const events = async (judgeId: string, projectId: string) =>
    (
      await stack.sql(
        `SELECT count(*)::int AS n FROM outbox_events
          WHERE type = 'judging.scores-changed' AND payload->>'judgeId' = $1 AND payload->>'projectId' = $2`,
        [judgeId, projectId],
      )
    )[0].n as number;

  it('PUT with submit: true saves and submits; repeating it or POST …/submit answers the same score', async () => {
    const judge = heat.judges[0];
    const projectId = heat.projectIds[0];
    const body = { scores: deterministicScores(0, 0), comment: '团队完整', submit: true };
    const first = await stack.put(scoreUrl(projectId), body, judge.token);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      roundId,
      projectId,
      judgeId: judge.id,
      status: 'SUBMITTED',
      comment: '团队完整',
      scores: body.scores,
    });
    expect(first.body.total).toBeCloseTo(total(body.scores), 9);
    expect(first.body.submittedAt).toEqual(expect.any(String));

    // The same content again, with the criteria in another order: the same answer.
    const reordered = Object.fromEntries(Object.entries(body.scores).reverse());
    const again = await stack.put(scoreUrl(projectId), { ...body, scores: reordered }, judge.token);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const viaPost = await stack.post(`${scoreUrl(projectId)}/submit`, {}, judge.token);
    expect(viaPost.status).toBe(200);
    expect(viaPost.body).toEqual(first.body);
    expect(await events(judge.id, projectId)).toBe(1);

    // Different content, or a draft save, on the submitted score: 409, nothing changed.
    const changed = await stack.put(
      scoreUrl(projectId),
      { ...body, scores: { ...body.scores, TECH: body.scores.TECH - 1 } },
      judge.token,
    );
    expect(changed.status).toBe(409);
    const otherComment = await stack.put(
      scoreUrl(projectId),
      { ...body, comment: '改' },
      judge.token,
    );
    expect(otherComment.status).toBe(409);
    const draft = await stack.put(
      scoreUrl(projectId),
      { scores: body.scores, comment: '团队完整' },
      judge.token,
    );
    expect(draft.status).toBe(409);
    expect((await stack.get(scoreUrl(projectId), judge.token)).body).toEqual(first.body);
    expect(await events(judge.id, projectId)).toBe(1);
  });

  it('a draft then POST …/submit twice: 200 both times with the same score, one event', async () => {
    const judge = heat.judges[1];
    const projectId = heat.projectIds[1];
    const scores = deterministicScores(1, 1);
    const draft = await stack.put(scoreUrl(projectId), { scores }, judge.token);
    expect(draft.status).toBe(200);
    expect(draft.body.status).toBe('DRAFT');
    expect(await events(judge.id, projectId)).toBe(0);
    const first = await stack.post(`${scoreUrl(projectId)}/submit`, {}, judge.token);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('SUBMITTED');
    const second = await stack.post(`${scoreUrl(projectId)}/submit`, {}, judge.token);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    // PUT submit: true with the draft's content (no comment) is the same submission too.
    const put = await stack.put(scoreUrl(projectId), { scores, submit: true }, judge.token);
    expect(put.status).toBe(200);
    expect(put.body).toEqual(first.body);
    expect(await events(judge.id, projectId)).toBe(1);
  });

  it('the same save-and-submit sent five times at once: five 200s with one score and one event', async () => {
    const judge = heat.judges[0];
    const projectId = heat.projectIds[2];
    const body = { scores: deterministicScores(0, 2), submit: true };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => stack.put(scoreUrl(projectId), body, judge.token)),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    for (const a of answers) expect(a.body).toEqual(answers[0].body);
    expect(await events(judge.id, projectId)).toBe(1);
  });

  it('bad input is a 4xx naming the field, and nothing is saved', async () => {
    const judge = heat.judges[1];
    const projectId = heat.projectIds[3];
    const notBoolean = await stack.put(
      scoreUrl(projectId),
      { scores: deterministicScores(1, 3), submit: 'yes' },
      judge.token,
    );
    expect(notBoolean.status).toBe(400);
    expect(JSON.stringify(notBoolean.body)).toContain('submit');
    const outOfRange = await stack.put(
      scoreUrl(projectId),
      { scores: { ...deterministicScores(1, 3), TECH: 101 }, submit: true },
      judge.token,
    );
    expect(outOfRange.status).toBe(422);
    expect(JSON.stringify(outOfRange.body)).toContain('scores.TECH');
    expect((await stack.post(`${scoreUrl(projectId)}/submit`, {}, judge.token)).status).toBe(422);
    expect((await stack.get(scoreUrl(projectId), judge.token)).status).toBe(404);
  });

  it('the ranking counts each submitted score once', async () => {
    const ranking = await waitFor('the ranking to cover the three submitted scores', async () => {
      const r = (await stack.get(`/rounds/${roundId}/ranking`, heat.organiser.token)).body;
      const judged = (r.entries as { judgeCount: number }[]).reduce((s, e) => s + e.judgeCount, 0);
      return judged === 3 ? r : null;
    });
    expect(ranking.entries).toHaveLength(3);
  });
});
