import { ADMIN, Stack, waitFor } from './support/stack';
import { deterministicScores, eligibleHeat, HeatFixture } from './support/judging-scenario';
import { projectBody, uniqueEmail } from './support/scenario';

// A closed round's ranking is a published result: every path that could
// touch its scores, assignments, pool or ranking answers 409 and changes
// nothing. On an open round, a conflict that removes a submitted score is an
// audited decision. A judge never meets its own project.
describe('a CLOSED round is final', () => {
  const stack = new Stack();
  let heat: HeatFixture;
  let roundId: string;
  let snapshot: unknown;
  const [p0, p1] = [0, 1];

  // Everything that a change to the round would touch.
  const state = () =>
    stack.sql(
      `SELECT (SELECT json_agg(a ORDER BY a.judge_id, a.project_id) FROM assignments a WHERE round_id = $1) AS assignments,
              (SELECT json_agg(s ORDER BY s.judge_id, s.project_id) FROM scores s WHERE round_id = $1) AS scores,
              (SELECT json_agg(j ORDER BY j.judge_id) FROM round_judges j WHERE round_id = $1) AS pool,
              (SELECT count(*) FROM conflicts WHERE round_id = $1) AS conflicts,
              (SELECT row_to_json(r) FROM rankings r WHERE round_id = $1) AS ranking,
              (SELECT row_to_json(r) FROM rounds r WHERE id = $1) AS round,
              (SELECT count(*) FROM audit_log) AS audit,
              (SELECT count(*) FROM outbox_events WHERE aggregate_id = $1) AS events`,
      [roundId],
    );

  beforeAll(async () => {
    await stack.start();
    heat = await eligibleHeat(stack, 2, 3, false);
    const { organiser, competition, judges, projectIds } = heat;
    roundId = (
      await stack.post(
        `/heats/${competition.heatId}/rounds`,
        { name: '路演', kind: 'ROADSHOW', rubricId: competition.rubricId, method: 'MEAN' },
        organiser.token,
      )
    ).body.id;
    await stack.post(
      `/rounds/${roundId}/judges`,
      { judgeIds: [judges[0].id, judges[1].id] },
      organiser.token,
    );
    await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: 2 }, organiser.token);
    await stack.post(`/rounds/${roundId}/open`, {}, organiser.token);
    for (const j of [0, 1])
      for (const p of [p0, p1]) {
        const path = `/rounds/${roundId}/projects/${projectIds[p]}/score`;
        await stack.put(path, { scores: deterministicScores(j, p) }, judges[j].token);
        // Judge 1 leaves project 1 as a draft, to try submitting it after the close.
        if (!(j === 1 && p === p1)) await stack.post(`${path}/submit`, {}, judges[j].token);
      }
    // The draft blocks a plain close (issue 12): forced, with a reason, it stays a draft.
    expect((await stack.post(`/rounds/${roundId}/close`, {}, organiser.token)).status).toBe(409);
    expect(
      (
        await stack.post(
          `/rounds/${roundId}/close`,
          { force: true, reason: '评委 1 未提交，草稿不计分' },
          organiser.token,
        )
      ).status,
    ).toBe(200);
    await waitFor(
      'the final ranking',
      async () => (await stack.get(`/rounds/${roundId}/ranking`, organiser.token)).body.final,
    );
    await stack.drained();
    snapshot = await state();
  });
  afterAll(() => stack.stop());

  const attempts: [string, () => [string, string, unknown, () => string]][] = [
    [
      'a judge declares a conflict',
      () => [
        'POST',
        `/rounds/${roundId}/conflicts`,
        { judgeId: heat.judges[0].id, projectId: heat.projectIds[p0], reason: '事后回避' },
        () => heat.judges[0].token,
      ],
    ],
    [
      'the organiser declares a conflict',
      () => [
        'POST',
        `/rounds/${roundId}/conflicts`,
        { judgeId: heat.judges[1].id, projectId: heat.projectIds[p1], reason: '事后回避' },
        () => heat.organiser.token,
      ],
    ],
    [
      'automatic assignment',
      () => [
        'POST',
        `/rounds/${roundId}/assignments`,
        { judgesPerProject: 1 },
        () => heat.organiser.token,
      ],
    ],
    [
      'a manual assignment is added',
      () => [
        'PUT',
        `/rounds/${roundId}/assignments/${heat.projectIds[p0]}/${heat.judges[2].id}`,
        {},
        () => heat.organiser.token,
      ],
    ],
    [
      'a manual assignment is removed',
      () => [
        'DELETE',
        `/rounds/${roundId}/assignments/${heat.projectIds[p0]}/${heat.judges[0].id}`,
        undefined,
        () => heat.organiser.token,
      ],
    ],
    [
      'a judge saves a score',
      () => [
        'PUT',
        `/rounds/${roundId}/projects/${heat.projectIds[p1]}/score`,
        { scores: deterministicScores(9, 9) },
        () => heat.judges[1].token,
      ],
    ],
    [
      'a judge submits its draft',
      () => [
        'POST',
        `/rounds/${roundId}/projects/${heat.projectIds[p1]}/score/submit`,
        {},
        () => heat.judges[1].token,
      ],
    ],
    [
      'the organiser reopens a submitted score',
      () => [
        'POST',
        `/rounds/${roundId}/projects/${heat.projectIds[p0]}/score/reopen`,
        { judgeId: heat.judges[0].id, reason: '改分' },
        () => heat.organiser.token,
      ],
    ],
    [
      'the round is closed again (a recompute trigger)',
      () => ['POST', `/rounds/${roundId}/close`, {}, () => heat.organiser.token],
    ],
    [
      'the round is opened again',
      () => ['POST', `/rounds/${roundId}/open`, {}, () => heat.organiser.token],
    ],
    [
      'a judge joins the pool',
      () => [
        'POST',
        `/rounds/${roundId}/judges`,
        { judgeIds: [heat.judges[2].id] },
        () => heat.organiser.token,
      ],
    ],
  ];

  it.each(attempts)('answers 409 and changes nothing when %s', async (_, build) => {
    const [method, route, body, token] = build();
    const res = await stack.request(method, route, body, token());
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/CLOSED/);
    expect(await state()).toEqual(snapshot);
  });

  it('refuses a pitch seed for a closed round, naming the round', async () => {
    const res = await stack.post(
      `/rounds/${roundId}/pitch-order/commitment`,
      {},
      heat.organiser.token,
    );
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'PITCH_ORDER_CLOSED', params: { roundName: '路演' } });
    expect(await state()).toEqual(snapshot);
  });

  it('audits a conflict that removes a submitted score from an OPEN round', async () => {
    const { organiser, competition, judges, projectIds } = heat;
    const open = (
      await stack.post(
        `/heats/${competition.heatId}/rounds`,
        { name: '复评', kind: 'EXPERT_REVIEW', rubricId: competition.rubricId, method: 'MEAN' },
        organiser.token,
      )
    ).body.id;
    await stack.post(
      `/rounds/${open}/judges`,
      { judgeIds: [judges[0].id, judges[1].id] },
      organiser.token,
    );
    await stack.post(`/rounds/${open}/assignments`, { judgesPerProject: 2 }, organiser.token);
    await stack.post(`/rounds/${open}/open`, {}, organiser.token);
    const path = `/rounds/${open}/projects/${projectIds[p0]}/score`;
    const saved = await stack.put(path, { scores: deterministicScores(0, 0) }, judges[0].token);
    await stack.post(`${path}/submit`, {}, judges[0].token);
    // A draft removed by a conflict is not a decision: no audit row for it.
    await stack.put(
      `/rounds/${open}/projects/${projectIds[p0]}/score`,
      { scores: deterministicScores(1, 0) },
      judges[1].token,
    );
    const declared = await stack.post(
      `/rounds/${open}/conflicts`,
      { judgeId: judges[0].id, projectId: projectIds[p0], reason: '评委系项目顾问' },
      judges[0].token,
    );
    expect(declared.status).toBe(201);
    expect(declared.body).toMatchObject({ removedAssignment: true, removedScore: true });
    await stack.post(
      `/rounds/${open}/conflicts`,
      { judgeId: judges[1].id, projectId: projectIds[p0], reason: '同门' },
      organiser.token,
    );
    const audit = await stack.get(`/competitions/${competition.id}/audit`, organiser.token);
    const removals = (audit.body.items as { action: string }[]).filter(
      (e) => e.action === 'score.removed-by-conflict',
    );
    expect(removals).toEqual([
      expect.objectContaining({
        actorId: judges[0].id,
        reason: '评委系项目顾问',
        data: expect.objectContaining({
          roundId: open,
          judgeId: judges[0].id,
          projectId: projectIds[p0],
          removedTotal: saved.body.total,
        }),
      }),
    ]);
  });

  it('never assigns a judge to its own project or one whose team it is in', async () => {
    const { organiser, competition } = heat;
    const admin = await stack.login(ADMIN.email, ADMIN.password);
    const make = async (roles: string[], name: string) => {
      const email = uniqueEmail('owner-judge');
      const res = await stack.post(
        '/users',
        { email, name, roles, password: 'Roadshow-Judge-2026!' },
        admin,
      );
      expect(res.status).toBe(201);
      return {
        id: res.body.user.id as string,
        email,
        token: await stack.login(email, 'Roadshow-Judge-2026!'),
      };
    };
    const ownerJudge = await make(['JUDGE', 'APPLICANT'], '既是评委也是申请人');
    const teamJudge = await make(['JUDGE'], '团队成员评委');
    const body = projectBody(competition.heatId, '自家项目', '独立测试公司');
    body.team.push({
      name: '团队成员评委',
      role: 'CTO',
      email: teamJudge.email.toUpperCase(),
    } as never);
    const own = await stack.post(
      `/competitions/${competition.id}/projects`,
      body,
      ownerJudge.token,
    );
    expect(own.status).toBe(201);
    await stack.post(`/projects/${own.body.id}/submit`, {}, ownerJudge.token);
    await stack.post(`/projects/${own.body.id}/review`, { decision: 'ELIGIBLE' }, organiser.token);

    const round = (
      await stack.post(
        `/heats/${competition.heatId}/rounds`,
        { name: '回避', kind: 'EXPERT_REVIEW', rubricId: competition.rubricId, method: 'MEAN' },
        organiser.token,
      )
    ).body.id;
    await stack.post(
      `/rounds/${round}/judges`,
      { judgeIds: [ownerJudge.id, teamJudge.id, heat.judges[2].id] },
      organiser.token,
    );
    for (const judgeId of [ownerJudge.id, teamJudge.id]) {
      const manual = await stack.put(
        `/rounds/${round}/assignments/${own.body.id}/${judgeId}`,
        {},
        organiser.token,
      );
      expect(manual.status).toBe(409);
      expect(manual.body.message).toMatch(/owns this project or is in its team/);
    }
    // Only the third judge may score the project: one judge each is possible, two is not.
    expect(
      (await stack.post(`/rounds/${round}/assignments`, { judgesPerProject: 2 }, organiser.token))
        .status,
    ).toBe(422);
    const auto = await stack.post(
      `/rounds/${round}/assignments`,
      { judgesPerProject: 1 },
      organiser.token,
    );
    expect(auto.status).toBe(200);
    const pairs = await stack.sql(
      `SELECT judge_id FROM assignments WHERE round_id = $1 AND project_id = $2`,
      [round, own.body.id],
    );
    expect(pairs).toEqual([{ judge_id: heat.judges[2].id }]);
  });
});
