import ExcelJS from 'exceljs';
import { HeatFixture } from './support/judging-scenario';
import { signatureDataUrl } from './support/signature';
import { Stack } from './support/stack';
import {
  SupervisedRoomsFixture,
  ownerOf,
  roomASignOff,
  supervisedRooms,
} from './support/supervisor-rooms-scenario';
import { download } from './support/upload';

// 监督 per room and the on-site sign-off (issue 20, the roadshow day): the
// supervisor watches one room (分会场) at a time, its projects, their scores,
// the ranking within the room, its notes; and sees each judge's signed score
// sheet, each team's confirmation (无异议) and each on-site objection with
// its decision. Still read-only.
describe('the supervisor, room by room, with the sign-off', () => {
  let stack: Stack;
  let f: SupervisedRoomsFixture;
  let heat: HeatFixture;
  let roundId: string;
  let roomA: { id: string; name: string };
  let roomB: { id: string; name: string };
  let supervisor: { id: string; token: string };
  let objectionId: string;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    f = await supervisedRooms(stack);
    ({ heat, roundId, roomA, roomB, supervisor } = f);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const view = (roomId?: string) =>
    stack.get(
      `/supervisor/rounds/${roundId}${roomId ? `?roomId=${roomId}` : ''}`,
      supervisor.token,
    );
  const owner = (p: number) => ownerOf(heat, p);

  it("a room's view has only its projects, their scores and the ranking within the room", async () => {
    const whole = (await view()).body;
    expect(whole.room).toBeNull();
    expect(whole.projects).toHaveLength(4);
    expect(whole.scores).toHaveLength(4);
    expect(whole.ranking.map((e: any) => [e.projectId, e.rank])).toEqual([
      [heat.projectIds[2], 1],
      [heat.projectIds[3], 2],
      [heat.projectIds[1], 3],
      [heat.projectIds[0], 4],
    ]);

    const a = await view(roomA.id);
    expect(a.status).toBe(200);
    expect(a.body.room).toEqual({ id: roomA.id, name: '一号厅' });
    const mineA = [heat.projectIds[0], heat.projectIds[1]];
    expect(a.body.projects.map((p: any) => p.projectId).sort()).toEqual([...mineA].sort());
    // The room's order: the draw restricted to the room, numbered from 1.
    const [drawn] = await stack.sql(`SELECT pitch_order FROM rounds WHERE id = $1`, [roundId]);
    const roomOrder = (drawn.pitch_order as string[]).filter((id) => mineA.includes(id));
    expect(a.body.draw.order).toEqual(roomOrder);
    expect(a.body.projects.map((p: any) => [p.projectId, p.position])).toEqual(
      roomOrder.map((id, i) => [id, i + 1]),
    );
    expect(a.body.scores.map((s: any) => s.judgeId)).toEqual([
      heat.judges[0].id,
      heat.judges[0].id,
    ]);
    expect(a.body.scores.every((s: any) => mineA.includes(s.projectId))).toBe(true);
    // Ranked among themselves, as the room's screen ranks them.
    expect(a.body.ranking.map((e: any) => [e.projectId, e.rank, e.score])).toEqual([
      [heat.projectIds[1], 1, 80],
      [heat.projectIds[0], 2, 70],
    ]);
    expect(a.body.checkIns.projects.map((p: any) => p.projectId).sort()).toEqual([...mineA].sort());
    expect(a.body.checkIns.judges.map((j: any) => j.judgeId)).toEqual([heat.judges[0].id]);
    // The picker still lists every room.
    expect(a.body.rooms.rooms.map((r: any) => r.name)).toEqual(['一号厅', '二号厅']);

    const b = (await view(roomB.id)).body;
    expect(b.ranking.map((e: any) => [e.projectId, e.rank])).toEqual([
      [heat.projectIds[2], 1],
      [heat.projectIds[3], 2],
    ]);
    expect(b.scores.every((s: any) => s.judgeId === heat.judges[1].id)).toBe(true);
  });

  it('an unknown room is refused, naming roomId', async () => {
    for (const res of [
      await view(heat.projectIds[0]),
      await view('not-a-room'),
      await stack.get(
        `/supervisor/rounds/${roundId}/export.xlsx?roomId=${heat.projectIds[0]}`,
        supervisor.token,
      ),
      await stack.post(
        `/supervisor/rounds/${roundId}/notes`,
        { body: '不存在的会场', roomId: heat.projectIds[0] },
        supervisor.token,
      ),
    ]) {
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('ROOM_STAGE_NOT_A_ROOM');
      expect(res.body.details[0].field).toBe('roomId');
    }
  });

  it("a room's notes show in its view with the round-wide ones, not in another room's", async () => {
    const inA = await stack.post(
      `/supervisor/rounds/${roundId}/notes`,
      { body: '一号厅第2个项目答辩超时，主持人已提醒。', roomId: roomA.id },
      supervisor.token,
    );
    expect(inA.status).toBe(201);
    expect(inA.body).toEqual([expect.objectContaining({ roomId: roomA.id })]);
    const wide = await stack.post(
      `/supervisor/rounds/${roundId}/notes`,
      { body: '全场：评委均已签到。' },
      supervisor.token,
    );
    expect(wide.status).toBe(201);
    expect(wide.body.map((n: any) => n.roomId)).toEqual([roomA.id, null]);
    expect((await view(roomA.id)).body.notes.map((n: any) => n.body)).toEqual([
      '一号厅第2个项目答辩超时，主持人已提醒。',
      '全场：评委均已签到。',
    ]);
    expect((await view(roomB.id)).body.notes.map((n: any) => n.body)).toEqual([
      '全场：评委均已签到。',
    ]);
    expect((await view()).body.notes).toHaveLength(2);
    const [audit] = await stack.sql(
      `SELECT data FROM audit_log WHERE action = 'round.supervisor-note-added'
        AND data->>'roomId' = $1`,
      [roomA.id],
    );
    expect(audit.data).toMatchObject({ room: '一号厅' });
  });

  it('sees the signed sheet, the confirmation and the objection with its decision', async () => {
    const result = (p: number) =>
      stack.get(`/rounds/${roundId}/projects/${heat.projectIds[p]}/result`, owner(p).token);
    const answered = await roomASignOff(stack, f, signatureDataUrl());
    objectionId = answered.objectionId;

    // Pending: the supervisor sees it waiting.
    const pending = (await view(roomA.id)).body.signOff;
    expect(pending.complete).toBe(false);
    expect(pending.results.find((r: any) => r.projectId === heat.projectIds[1])).toMatchObject({
      state: 'OBJECTED',
      objection: { status: 'PENDING', decidedByName: null },
    });

    await answered.decide();
    const [organiser] = await stack.sql(`SELECT name FROM users WHERE id = $1`, [
      heat.organiser.id,
    ]);

    const a = (await view(roomA.id)).body.signOff;
    expect(a.sheets).toEqual([
      expect.objectContaining({ judgeId: heat.judges[0].id, state: 'SIGNED' }),
    ]);
    expect(a.sheets[0].signedAt).toBeTruthy();
    expect(a.results.map((r: any) => r.projectId).sort()).toEqual(
      [heat.projectIds[0], heat.projectIds[1]].sort(),
    );
    const confirmation = a.results.find((r: any) => r.projectId === heat.projectIds[0]);
    expect(confirmation.state).toBe('CONFIRMED');
    expect(confirmation.confirmedAt).toBeTruthy();
    const objected = a.results.find((r: any) => r.projectId === heat.projectIds[1]);
    expect(objected.state).toBe('DISMISSED');
    expect(objected.objection).toMatchObject({
      text: '评委对我们的市场数据理解有误，请复核。',
      status: 'DISMISSED',
      handling: '调阅评分记录，评委说明依据',
      reason: '评分依据充分，维持原成绩',
      decidedByName: organiser.name,
    });
    expect(objected.objection.raisedByName).toBeTruthy();
    expect(objected.objection.raisedAt).toBeTruthy();
    expect(objected.objection.decidedAt).toBeTruthy();
    // Room A: its one judge signed, its objection decided.
    expect(a.complete).toBe(true);

    // Room B: judge 1 has not signed; no answer from its teams.
    const b = (await view(roomB.id)).body.signOff;
    expect(b.sheets).toEqual([
      expect.objectContaining({ judgeId: heat.judges[1].id, state: 'UNSIGNED', signedAt: null }),
    ]);
    expect(b.results.every((r: any) => !r.objection && !r.confirmedAt)).toBe(true);
    expect(b.complete).toBe(false);
    // The whole round: both sheets, all four projects.
    const whole = (await view()).body.signOff;
    expect(whole.sheets).toHaveLength(2);
    expect(whole.results).toHaveLength(4);
    expect(whole.complete).toBe(false);

    // The team's own view does not name who decided.
    expect((await result(1)).body.objection.decidedByName).toBeNull();
  });

  it("exports the room's view: its projects, its sign-off, its notes", async () => {
    const file = await download(
      stack,
      `/supervisor/rounds/${roundId}/export.xlsx?roomId=${roomA.id}`,
      supervisor.token,
    );
    expect(file.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain('签字确认');
    const text = (name: string) => {
      const out: string[] = [];
      wb.getWorksheet(name)!.eachRow((r) => out.push((r.values as unknown[]).slice(1).join('|')));
      return out.join('\n');
    };
    expect(text('项目与出场顺序')).toContain('分会场：一号厅');
    expect(text('项目与出场顺序')).toContain('项目00');
    expect(text('项目与出场顺序')).not.toContain('项目02');
    const signOff = text('签字确认');
    expect(signOff).toContain('评分表签字|评委0|已签字');
    expect(signOff).toContain('项目00|已签字确认无异议');
    expect(signOff).toContain('评委对我们的市场数据理解有误');
    expect(signOff).toContain('异议不成立|调阅评分记录，评委说明依据|评分依据充分，维持原成绩');
    expect(signOff).not.toContain('项目02');
    expect(text('监督记录')).toContain('一号厅|一号厅第2个项目答辩超时');
    expect(text('监督记录')).toContain('全场|全场：评委均已签到。');
  });

  it('still changes nothing: the sign-off and the rooms refuse it', async () => {
    const before = await stack.sql(`SELECT
      (SELECT count(*) FROM round_objections WHERE status = 'PENDING') AS pending,
      (SELECT count(*) FROM score_sheet_signatures) AS signatures,
      (SELECT count(*) FROM result_confirmations) AS confirmations,
      (SELECT count(*) FROM round_room_stages) AS stages,
      (SELECT count(*) FROM audit_log) AS audit`);
    for (const [method, path, body] of [
      [
        'POST',
        `/rounds/${roundId}/objections/${objectionId}/decision`,
        { decision: 'UPHELD', handling: 'x', reason: 'y' },
      ],
      ['POST', `/rounds/${roundId}/my-sheet/signature`, { signature: signatureDataUrl() }],
      [
        'POST',
        `/rounds/${roundId}/now-pitching`,
        { projectId: heat.projectIds[0], roomId: roomA.id },
      ],
      ['POST', `/rounds/${roundId}/timer`, { action: 'START_PITCH', roomId: roomA.id }],
      ['PUT', `/rounds/${roundId}/rooms`, { rule: 'QUOTA', rooms: [] }],
      [
        'POST',
        `/rounds/${roundId}/projects/${heat.projectIds[2]}/confirmation`,
        { signature: signatureDataUrl() },
      ],
    ] as const) {
      const res = await stack.request(method, path, body, supervisor.token);
      expect([method, path, res.status]).toEqual([method, path, 403]);
    }
    expect((await stack.get(`/rounds/${roundId}/sign-off`, supervisor.token)).status).toBe(403);
    expect(
      await stack.sql(`SELECT
      (SELECT count(*) FROM round_objections WHERE status = 'PENDING') AS pending,
      (SELECT count(*) FROM score_sheet_signatures) AS signatures,
      (SELECT count(*) FROM result_confirmations) AS confirmations,
      (SELECT count(*) FROM round_room_stages) AS stages,
      (SELECT count(*) FROM audit_log) AS audit`),
    ).toEqual(before);
  });
});
