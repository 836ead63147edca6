import { eligibleHeat, HeatFixture } from './support/judging-scenario';
import { Stack, waitFor } from './support/stack';

// Parallel rooms (分会场) feeding the heat's advancement (issue 20): when a
// round of the heat has rooms, the heat advances by the rooms' combined
// result (per-room quotas: the top of each room; normalised: the normalised
// ranking), never by the plain standings that would compare the rooms.
describe('rooms decide the heat’s advancement', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  async function draftRound(heat: HeatFixture, pairs: [number, number][]) {
    const token = heat.organiser.token;
    const round = await stack.post(
      `/heats/${heat.competition.heatId}/rounds`,
      { name: '分会场路演', kind: 'ROADSHOW', rubricId: heat.competition.rubricId, method: 'MEAN' },
      token,
    );
    expect(round.status).toBe(201);
    const id = round.body.id as string;
    const judgeIds = [...new Set(pairs.map(([, j]) => heat.judges[j].id))];
    expect((await stack.post(`/rounds/${id}/judges`, { judgeIds }, token)).status).toBe(200);
    for (const [p, j] of pairs)
      expect(
        (
          await stack.put(
            `/rounds/${id}/assignments/${heat.projectIds[p]}/${heat.judges[j].id}`,
            {},
            token,
          )
        ).status,
      ).toBe(200);
    return id;
  }

  const score = (heat: HeatFixture, roundId: string, j: number, p: number, x: number) =>
    stack.put(
      `/rounds/${roundId}/projects/${heat.projectIds[p]}/score`,
      { scores: { TECH: x, BUSINESS: x, MARKET: x, TEAM: x }, submit: true },
      heat.judges[j].token,
    );

  it('two rooms with per-room quotas: the heat advances exactly the rooms’ top projects', async () => {
    const heat = await eligibleHeat(stack, 6, 2, false);
    const token = heat.organiser.token;
    const heatId = heat.competition.heatId;
    const semi = await stack.post(
      `/competitions/${heat.competition.id}/heats`,
      { stageCode: 'SEMIFINAL', name: '半决赛', city: '江阴', advanceQuota: 3 },
      token,
    );
    expect(semi.status).toBe(201);
    // Room A: judge 0 on projects 0–2; room B: judge 1 on projects 3–5.
    const roundId = await draftRound(heat, [
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 1],
      [4, 1],
      [5, 1],
    ]);
    const rooms = [
      {
        name: '一号厅',
        judgeIds: [heat.judges[0].id],
        projectIds: heat.projectIds.slice(0, 3),
        quota: 1,
      },
      {
        name: '二号厅',
        judgeIds: [heat.judges[1].id],
        projectIds: heat.projectIds.slice(3),
        quota: 2,
      },
    ];
    expect(
      (await stack.put(`/rounds/${roundId}/rooms`, { rule: 'QUOTA', rooms }, token)).status,
    ).toBe(200);
    expect((await stack.post(`/rounds/${roundId}/open`, {}, token)).status).toBe(200);
    // Room A (a strict judge): 70, 80, 75. Room B (a lenient one): 95, 90, 85.
    // The plain standings would take 95, 90, 85, 80, 75 (the heat's quota 5):
    // every project of room B and two of room A.
    const marks = [70, 80, 75, 95, 90, 85];
    for (const [p, x] of marks.entries())
      expect((await score(heat, roundId, p < 3 ? 0 : 1, p, x)).status).toBe(200);
    await waitFor('every submit counted', async () => {
      const r = await stack.get(`/rounds/${roundId}/ranking`, token);
      return r.body.entries?.length === 6 && r.body.entries.every((e: any) => e.complete);
    });
    expect((await stack.post(`/rounds/${roundId}/close`, {}, token)).status).toBe(200);
    await waitFor(
      'settled standings',
      async () => (await stack.get(`/heats/${heatId}/standings`, token)).body.final,
    );

    const preview = await stack.get(`/heats/${heatId}/advance/preview`, token);
    expect(preview.status).toBe(200);
    const p = heat.projectIds;
    expect(preview.body.rooms).toEqual({
      roundId,
      roundName: '分会场路演',
      rule: 'QUOTA',
      advance: null,
    });
    expect(preview.body.count).toBe(3);
    expect(preview.body.advanced.map((d: any) => d.projectId).sort()).toEqual(
      [p[1], p[3], p[4]].sort(),
    );
    expect(preview.body.eliminated.map((d: any) => d.projectId).sort()).toEqual(
      [p[0], p[2], p[5]].sort(),
    );
    expect(preview.body.buckets.map((b: any) => [b.roomNames, b.quota, b.placed])).toEqual([
      [['一号厅'], 1, 1],
      [['二号厅'], 2, 2],
    ]);
    const basis = new Map<string, any>(
      [...preview.body.advanced, ...preview.body.eliminated].map((d: any) => [d.projectId, d]),
    );
    expect(basis.get(p[1])).toMatchObject({
      score: 80,
      basis: { code: 'QUOTA', bucket: 0, rank: 1 },
    });
    // 85 in room B beats 80 in room A and stays out: room B had two places.
    expect(basis.get(p[5])).toMatchObject({
      score: 85,
      basis: { code: 'QUOTA_FULL', bucket: 1, rank: 3, quota: 2 },
    });

    // The decision records the same, and the three move on to the semi-final.
    const done = await stack.post(`/heats/${heatId}/advance`, { toHeatId: semi.body.id }, token);
    expect(done.status).toBe(200);
    expect(done.body.advanced.map((d: any) => d.projectId).sort()).toEqual(
      [p[1], p[3], p[4]].sort(),
    );
    const moved = await stack.sql(`SELECT id FROM projects WHERE heat_id = $1 ORDER BY id`, [
      semi.body.id,
    ]);
    expect(moved.map((r) => r.id)).toEqual([p[1], p[3], p[4]].sort());
    const audit = await stack.get(`/competitions/${heat.competition.id}/audit`, token);
    const advanced = (audit.body.items ?? audit.body).find(
      (e: any) => e.action === 'heat.advanced',
    );
    expect(advanced.data.rooms).toMatchObject({ roundId, rule: 'QUOTA' });
  });

  it('a normalised design across rooms with no judge in common is refused, and the heat keeps its standings', async () => {
    const heat = await eligibleHeat(stack, 4, 2, false);
    const token = heat.organiser.token;
    const roundId = await draftRound(heat, [
      [0, 0],
      [1, 0],
      [2, 1],
      [3, 1],
    ]);
    const refused = await stack.put(
      `/rounds/${roundId}/rooms`,
      {
        rule: 'NORMALISED',
        advance: 2,
        rooms: [
          {
            name: '一号厅',
            judgeIds: [heat.judges[0].id],
            projectIds: heat.projectIds.slice(0, 2),
          },
          { name: '二号厅', judgeIds: [heat.judges[1].id], projectIds: heat.projectIds.slice(2) },
        ],
      },
      token,
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'ROOMS_NOT_COMPARABLE',
      params: { rooms: '一号厅 | 二号厅' },
    });
    // Nothing stored: the round has no rooms, so the heat advances by its standings.
    const stored = await stack.get(`/rounds/${roundId}/rooms`, token);
    expect(stored.body).toMatchObject({ rule: null, rooms: [] });
    expect((await stack.post(`/rounds/${roundId}/open`, {}, token)).status).toBe(200);
    const marks = [70, 80, 95, 90];
    for (const [p, x] of marks.entries())
      expect((await score(heat, roundId, p < 2 ? 0 : 1, p, x)).status).toBe(200);
    await waitFor('every submit counted', async () => {
      const r = await stack.get(`/rounds/${roundId}/ranking`, token);
      return r.body.entries?.length === 4 && r.body.entries.every((e: any) => e.complete);
    });
    expect((await stack.post(`/rounds/${roundId}/close`, {}, token)).status).toBe(200);
    const heatId = heat.competition.heatId;
    await waitFor(
      'settled standings',
      async () => (await stack.get(`/heats/${heatId}/standings`, token)).body.final,
    );
    const preview = await stack.get(`/heats/${heatId}/advance/preview?count=2`, token);
    expect(preview.status).toBe(200);
    expect(preview.body.rooms).toBeNull();
    expect(preview.body.advanced.map((d: any) => d.projectId)).toEqual([
      heat.projectIds[2],
      heat.projectIds[3],
    ]);
  });

  it('rooms sharing a judge with a normalised score: the heat advances by the normalised ranking', async () => {
    const heat = await eligibleHeat(stack, 4, 3, false);
    const token = heat.organiser.token;
    const heatId = heat.competition.heatId;
    // Judge 1 sits in both rooms (the hand-computed example of tests/rooms.e2e-spec.ts).
    const roundId = await draftRound(heat, [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 1],
      [2, 2],
      [3, 2],
    ]);
    const ids = heat.projectIds;
    const set = await stack.put(
      `/rounds/${roundId}/rooms`,
      {
        rule: 'NORMALISED',
        advance: 3,
        rooms: [
          {
            name: '一号厅',
            judgeIds: [heat.judges[0].id, heat.judges[1].id],
            projectIds: ids.slice(0, 2),
          },
          {
            name: '二号厅',
            judgeIds: [heat.judges[1].id, heat.judges[2].id],
            projectIds: ids.slice(2),
          },
        ],
      },
      token,
    );
    expect(set.status).toBe(200);
    expect((await stack.post(`/rounds/${roundId}/open`, {}, token)).status).toBe(200);
    // Normalised: P0 1.1708, P1 −0.2764, P2 0.2764, P3 −1.1708.
    // Raw means: P0 85, P1 75, P2 82.5, P3 76.5: the raw top 3 would take P3, not P1.
    for (const [j, p, x] of [
      [0, 0, 80],
      [0, 1, 70],
      [1, 0, 90],
      [1, 1, 80],
      [1, 2, 70],
      [1, 3, 60],
      [2, 2, 95],
      [2, 3, 93],
    ])
      expect((await score(heat, roundId, j, p, x)).status).toBe(200);
    await waitFor('every submit counted', async () => {
      const r = await stack.get(`/rounds/${roundId}/ranking`, token);
      return r.body.entries?.length === 4 && r.body.entries.every((e: any) => e.complete);
    });
    expect((await stack.post(`/rounds/${roundId}/close`, {}, token)).status).toBe(200);
    await waitFor(
      'settled standings',
      async () => (await stack.get(`/heats/${heatId}/standings`, token)).body.final,
    );
    const preview = await stack.get(`/heats/${heatId}/advance/preview`, token);
    expect(preview.status).toBe(200);
    expect(preview.body.rooms).toMatchObject({ roundId, rule: 'NORMALISED', advance: 3 });
    expect(preview.body.count).toBe(3);
    expect(preview.body.advanced.map((d: any) => d.projectId)).toEqual([ids[0], ids[2], ids[1]]);
    expect(preview.body.eliminated.map((d: any) => d.projectId)).toEqual([ids[3]]);
    expect(preview.body.buckets.map((b: any) => [b.roomNames, b.quota])).toEqual([
      [['一号厅', '二号厅'], 3],
    ]);
    // Ranked (and recorded) by the normalised score.
    const scores = preview.body.advanced.map((d: any) => d.score);
    [1.1708, 0.2764, -0.2764].forEach((z, i) => expect(scores[i]).toBeCloseTo(z, 4));
  });
});
