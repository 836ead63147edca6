import { eligibleHeat } from './support/judging-scenario';
import { readEvents } from './support/sse';
import { Stack, waitFor } from './support/stack';

// Each room's own stage (分会场, issue 20): now pitching and the pitch timer
// are per room, a project of another room is refused, and each room's screen
// (the path the rooms API gives) shows its own stage and ranks its own
// projects only.
describe("parallel rooms' stages", () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('two rooms run their own now-pitching, timer and screen', async () => {
    const heat = await eligibleHeat(stack, 4, 2, false);
    const token = heat.organiser.token;
    const created = await stack.post(
      `/heats/${heat.competition.heatId}/rounds`,
      { name: '分会场路演', kind: 'ROADSHOW', rubricId: heat.competition.rubricId, method: 'MEAN' },
      token,
    );
    expect(created.status).toBe(201);
    const roundId = created.body.id as string;
    expect(
      (
        await stack.post(
          `/rounds/${roundId}/judges`,
          { judgeIds: heat.judges.map((j) => j.id) },
          token,
        )
      ).status,
    ).toBe(200);
    // Room A: judge 0 on projects 0 and 1; room B: judge 1 on projects 2 and 3.
    for (const [p, j] of [
      [0, 0],
      [1, 0],
      [2, 1],
      [3, 1],
    ])
      expect(
        (
          await stack.put(
            `/rounds/${roundId}/assignments/${heat.projectIds[p]}/${heat.judges[j].id}`,
            {},
            token,
          )
        ).status,
      ).toBe(200);
    const set = await stack.put(
      `/rounds/${roundId}/rooms`,
      {
        rule: 'QUOTA',
        rooms: [
          {
            name: '一号厅',
            judgeIds: [heat.judges[0].id],
            projectIds: [heat.projectIds[0], heat.projectIds[1]],
            quota: 1,
          },
          {
            name: '二号厅',
            judgeIds: [heat.judges[1].id],
            projectIds: [heat.projectIds[2], heat.projectIds[3]],
            quota: 1,
          },
        ],
      },
      token,
    );
    expect(set.status).toBe(200);
    const [roomA, roomB] = set.body.rooms as { id: string; screenPath: string }[];
    expect((await stack.post(`/rounds/${roundId}/open`, {}, token)).status).toBe(200);

    // A project of room B is refused on room A's stage; an unknown room is refused.
    const elsewhere = await stack.post(
      `/rounds/${roundId}/now-pitching`,
      { projectId: heat.projectIds[2], roomId: roomA.id },
      token,
    );
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body).toMatchObject({
      code: 'ROOM_STAGE_PROJECT_ELSEWHERE',
      params: { roomName: '一号厅' },
    });
    expect(elsewhere.body.details[0].field).toBe('projectId');
    const noRoom = await stack.post(
      `/rounds/${roundId}/now-pitching`,
      { projectId: heat.projectIds[0], roomId: heat.projectIds[0] },
      token,
    );
    expect(noRoom.status).toBe(422);
    expect(noRoom.body.code).toBe('ROOM_STAGE_NOT_A_ROOM');
    expect(noRoom.body.details[0].field).toBe('roomId');
    const noTimer = await stack.post(
      `/rounds/${roundId}/timer`,
      { action: 'START_PITCH', roomId: roomA.id },
      token,
    );
    expect(noTimer.status).toBe(409);
    expect(noTimer.body.code).toBe('NO_PROJECT_ON_STAGE');

    // Each room puts its own project on stage.
    const onA = await stack.post(
      `/rounds/${roundId}/now-pitching`,
      { projectId: heat.projectIds[1], roomId: roomA.id },
      token,
    );
    expect(onA.status).toBe(200);
    expect(onA.body).toEqual({ roundId, projectId: heat.projectIds[1], roomId: roomA.id });
    expect(
      (
        await stack.post(
          `/rounds/${roundId}/now-pitching`,
          { projectId: heat.projectIds[2], roomId: roomB.id },
          token,
        )
      ).status,
    ).toBe(200);

    // Room A's timer starts and goes to Q&A; room B's stays ready.
    const startA = await stack.post(
      `/rounds/${roundId}/timer`,
      { action: 'START_PITCH', roomId: roomA.id },
      token,
    );
    expect(startA.status).toBe(200);
    expect(startA.body).toMatchObject({ projectId: heat.projectIds[1], phase: 'PITCH' });
    const qaA = await stack.post(
      `/rounds/${roundId}/timer`,
      { action: 'START_QA', roomId: roomA.id },
      token,
    );
    expect(qaA.status).toBe(200);
    expect(qaA.body.phase).toBe('QA');
    const readB = await stack.get(`/rounds/${roundId}/timer?roomId=${roomB.id}`, token);
    expect(readB.status).toBe(200);
    expect(readB.body).toMatchObject({ projectId: heat.projectIds[2], phase: 'READY' });
    const startB = await stack.post(
      `/rounds/${roundId}/timer`,
      { action: 'START_PITCH', roomId: roomB.id },
      token,
    );
    expect(startB.status).toBe(200);
    expect(startB.body).toMatchObject({ projectId: heat.projectIds[2], phase: 'PITCH' });
    // Room A is still in its Q&A: independent of room B's start.
    const readA = await stack.get(`/rounds/${roundId}/timer?roomId=${roomA.id}`, token);
    expect(readA.body).toMatchObject({ projectId: heat.projectIds[1], phase: 'QA' });
    // Each room's judge reads their own room's timer on the phone.
    const judgeA = await stack.get(`/rounds/${roundId}/timer`, heat.judges[0].token);
    expect(judgeA.body).toMatchObject({ projectId: heat.projectIds[1], phase: 'QA' });
    const judgeB = await stack.get(`/rounds/${roundId}/timer`, heat.judges[1].token);
    expect(judgeB.body).toMatchObject({ projectId: heat.projectIds[2], phase: 'PITCH' });
    // The round's own stage (no room) is untouched.
    const main = await stack.get(`/rounds/${roundId}/timer`, token);
    expect(main.body).toMatchObject({ projectId: null, phase: 'READY' });

    // Both rooms' projects scored: each room's screen ranks its own only.
    for (const [j, p, x] of [
      [0, 0, 70],
      [0, 1, 80],
      [1, 2, 95],
      [1, 3, 90],
    ])
      expect(
        (
          await stack.put(
            `/rounds/${roundId}/projects/${heat.projectIds[p]}/score`,
            { scores: { TECH: x, BUSINESS: x, MARKET: x, TEAM: x }, submit: true },
            heat.judges[j].token,
          )
        ).status,
      ).toBe(200);
    await waitFor('the ranking to count every submit', async () => {
      const r = await stack.get(`/rounds/${roundId}/ranking`, token);
      return r.body.entries?.length === 4 && r.body.entries.every((e: any) => e.complete);
    });

    const ticket = (await stack.post(`/rounds/${roundId}/ranking/stream-ticket`, {}, token)).body
      .ticket as string;
    const frameOf = async (screenPath: string) => {
      const room = new URL(screenPath, 'http://screen').searchParams.get('room');
      const screen = readEvents(
        `${stack.apiUrl}/rounds/${roundId}/screen/stream?ticket=${ticket}&room=${room}`,
      );
      expect(await screen.opened).toBe(200);
      await waitFor('a frame that ranks the room', () =>
        screen.events.some((e) => e.type === 'screen' && e.data.ranking.length === 2),
      );
      screen.close();
      return [...screen.events].reverse().find((e) => e.type === 'screen')!.data;
    };
    const frameA = await frameOf(roomA.screenPath);
    expect(frameA.room).toEqual({ id: roomA.id, name: '一号厅' });
    expect(frameA.nowPitching).toMatchObject({
      projectId: heat.projectIds[1],
      position: null,
      submitted: 1,
      score: 80,
    });
    expect(frameA.timer).toMatchObject({ projectId: heat.projectIds[1], phase: 'QA' });
    expect(frameA.ranking.map((e: any) => [e.projectId, e.rank, e.score])).toEqual([
      [heat.projectIds[1], 1, 80],
      [heat.projectIds[0], 2, 70],
    ]);
    const frameB = await frameOf(roomB.screenPath);
    expect(frameB.room).toEqual({ id: roomB.id, name: '二号厅' });
    expect(frameB.nowPitching).toMatchObject({ projectId: heat.projectIds[2], score: 95 });
    expect(frameB.timer).toMatchObject({ projectId: heat.projectIds[2], phase: 'PITCH' });
    expect(frameB.ranking.map((e: any) => [e.projectId, e.rank, e.score])).toEqual([
      [heat.projectIds[2], 1, 95],
      [heat.projectIds[3], 2, 90],
    ]);

    // A room of no such round opens no screen.
    const wrong = await fetch(
      `${stack.apiUrl}/rounds/${roundId}/screen/stream?ticket=${ticket}&room=${heat.projectIds[0]}`,
    );
    expect(wrong.status).toBe(422);
    expect(((await wrong.json()) as { code: string }).code).toBe('ROOM_STAGE_NOT_A_ROOM');

    // The round's screen without a room is as before: no stage, all four ranked.
    const whole = readEvents(`${stack.apiUrl}/rounds/${roundId}/screen/stream?ticket=${ticket}`);
    expect(await whole.opened).toBe(200);
    await waitFor('the round frame', () => whole.events.some((e) => e.type === 'screen'));
    whole.close();
    const frame = whole.events.find((e) => e.type === 'screen')!.data;
    expect(frame.room ?? null).toBeNull();
    expect(frame.nowPitching).toBeNull();
    expect(frame.ranking).toHaveLength(4);
  });
});
