import { eligibleHeat, HeatFixture } from './support/judging-scenario';
import { Stack, waitFor } from './support/stack';

// Parallel rooms (分会场) and online roadshow links (issue 20). Rooms combine
// by a rule stated before the round opens: per-room quotas, or a normalised
// score (z-score per judge) where the rooms share judges; a normalised rule
// for rooms with no judge in common is refused with a 422 naming them.
describe('parallel rooms and meeting links', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  // A DRAFT roadshow round of the heat's 4 projects and 3 judges, assigned by hand.
  async function draftRound(heat: HeatFixture, pairs: [number, number][]) {
    const token = heat.organiser.token;
    const round = await stack.post(
      `/heats/${heat.competition.heatId}/rounds`,
      { name: '分会场路演', kind: 'ROADSHOW', rubricId: heat.competition.rubricId, method: 'MEAN' },
      token,
    );
    expect(round.status).toBe(201);
    const id = round.body.id as string;
    expect(
      (await stack.post(`/rounds/${id}/judges`, { judgeIds: heat.judges.map((j) => j.id) }, token))
        .status,
    ).toBe(200);
    for (const [p, j] of pairs) {
      const put = await stack.put(
        `/rounds/${id}/assignments/${heat.projectIds[p]}/${heat.judges[j].id}`,
        {},
        token,
      );
      expect(put.status).toBe(200);
    }
    return id;
  }

  // Every criterion the same: the weights sum to 1, so the total is that number.
  const score = (heat: HeatFixture, roundId: string, j: number, p: number, x: number) =>
    stack.put(
      `/rounds/${roundId}/projects/${heat.projectIds[p]}/score`,
      { scores: { TECH: x, BUSINESS: x, MARKET: x, TEAM: x }, submit: true },
      heat.judges[j].token,
    );

  const roomsOf = (heat: HeatFixture, a: number[], b: number[]) => [
    {
      name: '第一分会场',
      judgeIds: a.map((j) => heat.judges[j].id),
      projectIds: [heat.projectIds[0], heat.projectIds[1]],
    },
    {
      name: '第二分会场',
      judgeIds: b.map((j) => heat.judges[j].id),
      projectIds: [heat.projectIds[2], heat.projectIds[3]],
    },
  ];

  async function rankedAll(heat: HeatFixture, roundId: string) {
    await waitFor('the ranking to count every submit', async () => {
      const r = await stack.get(`/rounds/${roundId}/ranking`, heat.organiser.token);
      return r.body.entries?.length === 4 && r.body.entries.every((e: any) => e.complete);
    });
  }

  it('two rooms with no judge in common advance by per-room quotas', async () => {
    const heat = await eligibleHeat(stack, 4, 3, false);
    const token = heat.organiser.token;
    // Room 1: judge 0 on projects 0 and 1; room 2: judge 2 on projects 2 and 3.
    const roundId = await draftRound(heat, [
      [0, 0],
      [1, 0],
      [2, 2],
      [3, 2],
    ]);
    const rooms = roomsOf(heat, [0], [2]);

    // A quota for every room; and a project in one room only.
    const noQuota = await stack.put(`/rounds/${roundId}/rooms`, { rule: 'QUOTA', rooms }, token);
    expect(noQuota.status).toBe(400);
    expect(noQuota.body.code).toBe('ROOM_QUOTA_REQUIRED');
    expect(noQuota.body.details[0].field).toBe('rooms[0].quota');
    const twice = await stack.put(
      `/rounds/${roundId}/rooms`,
      {
        rule: 'QUOTA',
        rooms: [
          { ...rooms[0], quota: 1 },
          { ...rooms[1], projectIds: [heat.projectIds[0]], quota: 1 },
        ],
      },
      token,
    );
    expect(twice.status).toBe(422);
    expect(twice.body.code).toBe('ROOM_PROJECT_TWICE');
    expect(twice.body.params.projectTitle).toBeTruthy();

    // These rooms share no judge: a normalised score cannot compare them.
    const normalised = await stack.put(
      `/rounds/${roundId}/rooms`,
      { rule: 'NORMALISED', advance: 2, rooms },
      token,
    );
    expect(normalised.status).toBe(422);
    expect(normalised.body).toMatchObject({
      code: 'ROOMS_NOT_COMPARABLE',
      params: { rooms: '第一分会场 | 第二分会场' },
    });

    const set = await stack.put(
      `/rounds/${roundId}/rooms`,
      { rule: 'QUOTA', rooms: rooms.map((r) => ({ ...r, quota: 1 })) },
      token,
    );
    expect(set.status).toBe(200);
    expect(set.body.rule).toBe('QUOTA');
    expect(set.body.rooms.map((r: any) => [r.name, r.quota, r.judges.length])).toEqual([
      ['第一分会场', 1, 1],
      ['第二分会场', 1, 1],
    ]);
    for (const r of set.body.rooms)
      expect(r.screenPath).toBe(`/screen/rounds/${roundId}?room=${r.id}`);

    expect((await stack.post(`/rounds/${roundId}/open`, {}, token)).status).toBe(200);
    // Stated before the round: fixed once it opens.
    const late = await stack.put(
      `/rounds/${roundId}/rooms`,
      { rule: 'QUOTA', rooms: rooms.map((r) => ({ ...r, quota: 2 })) },
      token,
    );
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('ROOMS_LOCKED');

    // Room 1: 70, 80; room 2 (a lenient judge): 95, 90. Top 1 of each.
    for (const [j, p, x] of [
      [0, 0, 70],
      [0, 1, 80],
      [2, 2, 95],
      [2, 3, 90],
    ])
      expect((await score(heat, roundId, j, p, x)).status).toBe(200);
    await rankedAll(heat, roundId);
    const result = await stack.get(`/rounds/${roundId}/rooms/result`, token);
    expect(result.status).toBe(200);
    const by = new Map(result.body.entries.map((e: any) => [e.projectId, e]));
    expect(
      heat.projectIds.map((p) => [
        (by.get(p) as any).room,
        (by.get(p) as any).score,
        (by.get(p) as any).rank,
        (by.get(p) as any).advances,
      ]),
    ).toEqual([
      ['第一分会场', 70, 2, false],
      ['第一分会场', 80, 1, true],
      ['第二分会场', 95, 1, true],
      ['第二分会场', 90, 2, false],
    ]);
    // 90 in room 2 beats 80 in room 1 and still does not advance: rooms are not compared.
  });

  it('rooms that share a judge may use a normalised score (z-score per judge), hand-computed', async () => {
    const heat = await eligibleHeat(stack, 4, 3, false);
    const token = heat.organiser.token;
    // Judge 1 sits in both rooms.
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
    const set = await stack.put(
      `/rounds/${roundId}/rooms`,
      { rule: 'NORMALISED', advance: 3, rooms: roomsOf(heat, [0, 1], [1, 2]) },
      token,
    );
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ rule: 'NORMALISED', advance: 3 });
    // Without how many advance: 400 naming the field.
    const noAdvance = await stack.put(
      `/rounds/${roundId}/rooms`,
      { rule: 'NORMALISED', rooms: roomsOf(heat, [0, 1], [1, 2]) },
      token,
    );
    expect(noAdvance.status).toBe(400);
    expect(noAdvance.body.details[0].field).toBe('advance');
    expect((await stack.post(`/rounds/${roundId}/open`, {}, token)).status).toBe(200);

    // J0: P0 80, P1 70 → z +1, −1.
    // J1: P0 90, P1 80, P2 70, P3 60 → mean 75, sd √125 → z ±1.3416, ±0.4472.
    // J2 (lenient): P2 95, P3 93 → z +1, −1.
    // Normalised: P0 1.1708, P1 −0.2764, P2 0.2764, P3 −1.1708.
    // Raw means: P0 85, P1 75, P2 82.5, P3 76.5 (raw would take P3 before P1).
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
    await rankedAll(heat, roundId);
    const result = await stack.get(`/rounds/${roundId}/rooms/result`, token);
    expect(result.status).toBe(200);
    const by = new Map<string, any>(result.body.entries.map((e: any) => [e.projectId, e]));
    expect(heat.projectIds.map((p) => by.get(p).score)).toEqual([85, 75, 82.5, 76.5]);
    expect(heat.projectIds.map((p) => by.get(p).normalised)).toEqual([
      1.1708, -0.2764, 0.2764, -1.1708,
    ]);
    expect(heat.projectIds.map((p) => by.get(p).rank)).toEqual([1, 3, 2, 4]);
    expect(heat.projectIds.map((p) => by.get(p).advances)).toEqual([true, true, true, false]);

    const audit = await stack.get(`/competitions/${heat.competition.id}/audit`, token);
    expect((audit.body.items ?? audit.body).map((e: any) => e.action)).toContain('round.rooms-set');
  });

  it('an online slot carries an https meeting link, shown to its team and judges only', async () => {
    const heat = await eligibleHeat(stack, 2, 2, false);
    const token = heat.organiser.token;
    const roundId = await draftRound(heat, [
      [0, 0],
      [1, 1],
    ]);
    const url = (p: number) => `/rounds/${roundId}/projects/${heat.projectIds[p]}/meeting-link`;
    for (const bad of ['http://meeting.example.com/x', 'javascript:alert(1)', 'not a url']) {
      const res = await stack.put(url(0), { url: bad }, token);
      expect(res.status).toBe(400);
      expect(res.body.details[0].field).toBe('url');
    }
    expect((await stack.put(url(0), {}, token)).status).toBe(400);
    const set = await stack.put(url(0), { url: 'https://meeting.tencent.com/dm/AbC123' }, token);
    expect(set.status).toBe(200);
    expect(set.body.links).toEqual([
      expect.objectContaining({
        projectId: heat.projectIds[0],
        url: 'https://meeting.tencent.com/dm/AbC123',
      }),
    ]);
    expect(
      (await stack.put(url(1), { url: 'https://meeting.example.com/j/2' }, token)).status,
    ).toBe(200);

    const [{ owner_id: owner0 }] = await stack.sql(`SELECT owner_id FROM projects WHERE id = $1`, [
      heat.projectIds[0],
    ]);
    const team = heat.applicants.find((a) => a.id === owner0)!;
    const teamView = await stack.get(`/rounds/${roundId}/meeting-links`, team.token);
    expect(teamView.status).toBe(200);
    const teamProjects = await stack.sql(`SELECT id FROM projects WHERE owner_id = $1`, [owner0]);
    expect(
      teamView.body.links.every((l: any) => teamProjects.some((p) => p.id === l.projectId)),
    ).toBe(true);
    expect(teamView.body.links.map((l: any) => l.projectId)).toContain(heat.projectIds[0]);
    // Judge 0 scores project 0 only.
    const judgeView = await stack.get(`/rounds/${roundId}/meeting-links`, heat.judges[0].token);
    expect(judgeView.body.links.map((l: any) => l.projectId)).toEqual([heat.projectIds[0]]);
    const owners = await stack.sql(`SELECT owner_id FROM projects WHERE id = ANY($1::uuid[])`, [
      heat.projectIds,
    ]);
    const stranger = heat.applicants.find((a) => !owners.some((o) => o.owner_id === a.id))!;
    expect((await stack.get(`/rounds/${roundId}/meeting-links`, stranger.token)).status).toBe(404);

    const cleared = await stack.put(url(0), { url: null }, token);
    expect(cleared.status).toBe(200);
    expect(cleared.body.links.map((l: any) => l.projectId)).toEqual([heat.projectIds[1]]);
    const audit = await stack.get(`/competitions/${heat.competition.id}/audit`, token);
    expect(
      (audit.body.items ?? audit.body).filter((e: any) => e.action === 'round.meeting-link-set'),
    ).toHaveLength(3);
  });
});
