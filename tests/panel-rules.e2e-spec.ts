import { Stack } from './support/stack';
import { HeatFixture, eligibleHeat } from './support/judging-scenario';
import { createRound } from './support/decisions-scenario';

// Rules real panels need: drafts at close, conflicts that carry into later
// rounds, one scale per heat, blind review, peers' scores after one's own,
// rounded judge totals.
describe('panel rules', () => {
  const stack = new Stack();
  let heat: HeatFixture;
  const o = () => heat.organiser.token;
  const scores = (mark: number) => ({ TECH: mark, BUSINESS: mark, MARKET: mark, TEAM: mark });

  beforeAll(async () => {
    await stack.start();
    heat = await eligibleHeat(stack, 3, 3, false);
  });
  afterAll(() => stack.stop());

  async function openRound(body: Record<string, unknown> = {}) {
    const round = await createRound(stack, heat.organiser, heat.competition.heatId, {
      rubricId: heat.competition.rubricId,
      ...body,
    });
    await stack.post(`/rounds/${round}/judges`, { judgeIds: heat.judges.map((j) => j.id) }, o());
    expect(
      (await stack.post(`/rounds/${round}/assignments`, { judgesPerProject: 2 }, o())).status,
    ).toBe(200);
    await stack.post(`/rounds/${round}/open`, {}, o());
    const assignments = (await stack.get(`/rounds/${round}/assignments`, o())).body.items as {
      judgeId: string;
      projectId: string;
    }[];
    return { round, assignments };
  }
  const judge = (id: string) => heat.judges.find((j) => j.id === id)!;

  it('refuses to close over drafts (409 listing them) unless forced with a reason; drafts stay drafts', async () => {
    const { round, assignments } = await openRound();
    const [a] = assignments;
    const put = await stack.put(
      `/rounds/${round}/projects/${a.projectId}/score`,
      { scores: { TECH: 50, BUSINESS: 61, MARKET: 80, TEAM: 90 } },
      judge(a.judgeId).token,
    );
    expect(put.status).toBe(200);
    // 68.24999999999999 in binary floating point, reported rounded.
    expect(put.body.total).toBe(68.25);
    const mine = await stack.get('/judge/assignments', judge(a.judgeId).token);
    expect(
      mine.body.items.find(
        (i: { projectId: string; roundId: string }) =>
          i.roundId === round && i.projectId === a.projectId,
      ).total,
    ).toBe(68.25);

    const refused = await stack.post(`/rounds/${round}/close`, {}, o());
    expect(refused.status).toBe(409);
    // Named as the organiser knows them, never by id.
    expect(refused.body.code).toBe('ROUND_HAS_DRAFTS');
    expect(refused.body.params.drafts).toEqual([
      { judgeName: expect.any(String), projectTitle: expect.any(String) },
    ]);
    expect(JSON.stringify(refused.body)).not.toContain(a.judgeId);
    const noReason = await stack.post(`/rounds/${round}/close`, { force: true }, o());
    expect(noReason.status).toBe(422);
    expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    expect((await stack.get(`/rounds/${round}`, o())).body.status).toBe('OPEN');

    const forced = await stack.post(
      `/rounds/${round}/close`,
      { force: true, reason: '评委临时离场，草稿不计分' },
      o(),
    );
    expect(forced.status).toBe(200);
    expect(forced.body.status).toBe('CLOSED');
    const [draft] = await stack.sql(
      `SELECT status FROM scores WHERE round_id = $1 AND judge_id = $2 AND project_id = $3`,
      [round, a.judgeId, a.projectId],
    );
    expect(draft.status).toBe('DRAFT');
    const audit = await stack.sql(
      `SELECT reason, data FROM audit_log WHERE action = 'round.force-closed' AND entity_id = $1`,
      [round],
    );
    expect(audit).toEqual([
      {
        reason: '评委临时离场，草稿不计分',
        data: {
          drafts: [expect.objectContaining({ judgeId: a.judgeId, projectId: a.projectId })],
        },
      },
    ]);
  });

  it('refuses a ZSCORE round beside a 0–100 round in one heat (422), and standings carry each method', async () => {
    const mixed = await stack.post(
      `/heats/${heat.competition.heatId}/rounds`,
      {
        name: '复评',
        kind: 'EXPERT_REVIEW',
        rubricId: heat.competition.rubricId,
        method: 'ZSCORE',
      },
      o(),
    );
    expect(mixed.status).toBe(422);
    expect(mixed.body.details).toEqual([expect.objectContaining({ field: 'method' })]);
    const standings = await stack.get(`/heats/${heat.competition.heatId}/standings`, o());
    expect(standings.body.rounds.map((r: { method: string }) => r.method)).toEqual(['MEAN']);
  });

  it('a conflict declared in one round holds for that judge and project in every later round', async () => {
    const first = await openRound();
    const pair = first.assignments[0];
    const declared = await stack.post(
      `/rounds/${first.round}/conflicts`,
      { judgeId: pair.judgeId, projectId: pair.projectId, reason: '曾为该项目提供咨询' },
      o(),
    );
    expect(declared.status).toBe(201);
    await stack.post(`/rounds/${first.round}/close`, { force: true, reason: '测试' }, o());

    for (let k = 0; k < 3; k++) {
      const later = await openRound();
      expect(
        later.assignments.some((a) => a.judgeId === pair.judgeId && a.projectId === pair.projectId),
      ).toBe(false);
      const manual = await stack.put(
        `/rounds/${later.round}/assignments/${pair.projectId}/${pair.judgeId}`,
        {},
        o(),
      );
      expect(manual.status).toBe(409);
      await stack.post(`/rounds/${later.round}/close`, { force: true, reason: '测试' }, o());
    }
  });

  it('blind review hides organisation and team from judges only, in blind rounds', async () => {
    const { round, assignments } = await openRound({ blind: true });
    const a = assignments[0];
    const seen = await stack.get(`/projects/${a.projectId}`, judge(a.judgeId).token);
    expect(seen.status).toBe(200);
    expect(seen.body.blind).toBe(true);
    expect(seen.body.title).toBeDefined();
    expect(seen.body).not.toHaveProperty('organisation');
    expect(seen.body).not.toHaveProperty('organisationName');
    expect(seen.body).not.toHaveProperty('team');
    // Organisers still see everything.
    const organiserView = await stack.get(`/projects/${a.projectId}`, o());
    expect(organiserView.body.organisationName).toBe(heat.organisations.get(a.projectId));
    await stack.post(`/rounds/${round}/close`, { force: true, reason: '测试' }, o());
  });

  it("shows the other judges' submitted scores only in rounds that allow it, after one's own submit", async () => {
    const plain = await openRound();
    const p0 = plain.assignments[0];
    const own = judge(p0.judgeId);
    await stack.put(
      `/rounds/${plain.round}/projects/${p0.projectId}/score`,
      { scores: scores(80) },
      own.token,
    );
    await stack.post(`/rounds/${plain.round}/projects/${p0.projectId}/score/submit`, {}, own.token);
    const off = await stack.get(
      `/rounds/${plain.round}/projects/${p0.projectId}/scores`,
      own.token,
    );
    expect(off.status).toBe(403); // off by default
    await stack.post(`/rounds/${plain.round}/close`, { force: true, reason: '测试' }, o());

    const { round, assignments } = await openRound({ peerScoresVisible: true });
    const projectId = assignments[0].projectId;
    const [first, second] = assignments
      .filter((a) => a.projectId === projectId)
      .map((a) => judge(a.judgeId));
    await stack.put(
      `/rounds/${round}/projects/${projectId}/score`,
      { scores: { TECH: 50, BUSINESS: 61, MARKET: 80, TEAM: 90 } },
      first.token,
    );
    await stack.post(`/rounds/${round}/projects/${projectId}/score/submit`, {}, first.token);
    const before = await stack.get(`/rounds/${round}/projects/${projectId}/scores`, second.token);
    expect(before.status).toBe(403);
    expect(before.body.message).toMatch(/submit your own score first/);
    await stack.put(
      `/rounds/${round}/projects/${projectId}/score`,
      { scores: scores(70) },
      second.token,
    );
    expect(
      (await stack.get(`/rounds/${round}/projects/${projectId}/scores`, second.token)).status,
    ).toBe(403); // a draft is not enough
    await stack.post(`/rounds/${round}/projects/${projectId}/score/submit`, {}, second.token);
    const after = await stack.get(`/rounds/${round}/projects/${projectId}/scores`, second.token);
    expect(after.status).toBe(200);
    expect(after.body.items).toEqual([
      expect.objectContaining({
        total: 68.25,
        scores: { TECH: 50, BUSINESS: 61, MARKET: 80, TEAM: 90 },
      }),
    ]);
    expect(JSON.stringify(after.body)).not.toContain(first.id);
  });
});
