import ExcelJS from 'exceljs';
import { deterministicScores } from './support/judging-scenario';
import { openRoadshow, RoadshowFixture } from './support/roadshow-scenario';
import { registeredRoutes } from './support/routes';
import { Stack } from './support/stack';
import { download } from './support/upload';

// 监督 (issue 20): a supervisor appointed by the organisers watches every round
// of the competition live (each judge's scores as they are submitted, the
// draw and its seed, the timing log, check-ins), adds notes, exports what it
// sees, and changes nothing: every write route refuses it.
describe('the supervisor', () => {
  let stack: Stack;
  let show: RoadshowFixture;
  let org: string;
  let supervisor: { id: string; token: string };

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    show = await openRoadshow(stack, 3, 3);
    org = show.organiser.token;
    const email = `supervisor-${Date.now()}@e2e.test`;
    const created = await stack.post(
      '/users',
      { email, name: '纪检监督员', roles: ['SUPERVISOR'], password: 'Roadshow-Watch-2026!' },
      org,
    );
    expect(created.status).toBe(201);
    supervisor = {
      id: created.body.user.id,
      token: await stack.login(email, 'Roadshow-Watch-2026!'),
    };
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const view = () => stack.get(`/supervisor/rounds/${show.roundId}`, supervisor.token);
  const submit = (judge: number, project: number, submitNow = true) =>
    stack.put(
      `/rounds/${show.roundId}/projects/${show.projectIds[project]}/score`,
      { scores: deterministicScores(judge, project + 1), submit: submitNow },
      show.judges[judge].token,
    );

  it('sees nothing until appointed; only a supervisor account can be appointed', async () => {
    expect((await view()).status).toBe(404);
    expect((await stack.get('/supervisor/competitions', supervisor.token)).body.items).toEqual([]);
    // A judge's account is not a supervisor's: refused as an unknown account.
    const judge = await stack.post(
      `/competitions/${show.competition.id}/supervisors`,
      { userId: show.judges[0].id },
      org,
    );
    expect(judge.status).toBe(404);
    const appointed = await stack.post(
      `/competitions/${show.competition.id}/supervisors`,
      { userId: supervisor.id },
      org,
    );
    expect(appointed.status).toBe(200);
    expect(appointed.body.supervisors).toEqual([
      expect.objectContaining({ userId: supervisor.id, name: '纪检监督员' }),
    ]);
    const mine = await stack.get('/supervisor/competitions', supervisor.token);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        id: show.competition.id,
        rounds: [expect.objectContaining({ id: show.roundId, status: 'OPEN' })],
      }),
    ]);
    // Judges and organisers have no supervisor view.
    expect((await stack.get(`/supervisor/rounds/${show.roundId}`, org)).status).toBe(403);
    expect(
      (await stack.get(`/supervisor/rounds/${show.roundId}`, show.judges[0].token)).status,
    ).toBe(403);
  });

  it("sees each judge's score as it is submitted, never a draft", async () => {
    const before = await view();
    expect(before.status).toBe(200);
    expect(before.body.scores).toHaveLength(9);
    expect(before.body.scores.every((s: any) => s.status === 'PENDING' && s.total === null)).toBe(
      true,
    );

    expect((await submit(0, 0)).status).toBe(200);
    expect((await submit(1, 0, false)).status).toBe(200); // a draft
    const after = await view();
    const [row] = await stack.sql(
      `SELECT total FROM scores WHERE round_id = $1 AND judge_id = $2 AND project_id = $3`,
      [show.roundId, show.judges[0].id, show.projectIds[0]],
    );
    const cell = (j: number) =>
      after.body.scores.find(
        (s: any) => s.judgeId === show.judges[j].id && s.projectId === show.projectIds[0],
      );
    expect(cell(0)).toMatchObject({ status: 'SUBMITTED', total: row.total });
    expect(cell(0).submittedAt).toBeTruthy();
    expect(cell(0).criteria).toEqual(deterministicScores(0, 1));
    expect(cell(0).judgeName).toBe(
      before.body.scores.find((s: any) => s.judgeId === show.judges[0].id).judgeName,
    );
    expect(cell(1)).toMatchObject({ status: 'PENDING', total: null, criteria: null });

    // The next submit shows on the next read: nothing is cached.
    expect((await submit(1, 0)).status).toBe(200);
    expect(
      (await view()).body.scores.filter(
        (s: any) => s.projectId === show.projectIds[0] && s.status === 'SUBMITTED',
      ),
    ).toHaveLength(2);
  });

  it('sees the draw and its seed, the timing log and check-ins', async () => {
    expect(
      (
        await stack.post(
          `/rounds/${show.roundId}/check-ins`,
          { projectId: show.projectIds[1] },
          org,
        )
      ).status,
    ).toBe(200);
    const draw = await stack.post(`/rounds/${show.roundId}/pitch-order`, {}, org);
    expect(draw.status).toBe(200);
    const [drawn] = await stack.sql(`SELECT pitch_order FROM rounds WHERE id = $1`, [show.roundId]);
    expect(
      (
        await stack.post(
          `/rounds/${show.roundId}/now-pitching`,
          { projectId: drawn.pitch_order[0] },
          org,
        )
      ).status,
    ).toBe(200);
    expect(
      (await stack.post(`/rounds/${show.roundId}/timer`, { action: 'START_PITCH' }, org)).status,
    ).toBe(200);
    expect(
      (await stack.post(`/rounds/${show.roundId}/timer`, { action: 'START_QA' }, org)).status,
    ).toBe(200);

    const v = (await view()).body;
    const [round] = await stack.sql(`SELECT pitch_seed, pitch_order FROM rounds WHERE id = $1`, [
      show.roundId,
    ]);
    expect(v.draw.seed).toBe(round.pitch_seed);
    expect(v.draw.seed).toBeTruthy();
    expect(v.draw.order).toEqual(round.pitch_order);
    expect(v.projects.map((p: any) => p.position)).toEqual([1, 2, 3]);
    expect(v.timing.projects[0].phases.map((p: any) => p.phase)).toEqual(['PITCH', 'QA']);
    expect(
      v.checkIns.projects.find((p: any) => p.projectId === show.projectIds[1]).checkedInAt,
    ).toBeTruthy();
    // A round without rooms: the whole round, its sign-off, and no room to pick.
    expect(v.room).toBeNull();
    expect(v.rooms.rooms).toEqual([]);
    expect(v.signOff.sheets.map((s: any) => s.state)).toEqual(['UNSIGNED', 'UNSIGNED', 'UNSIGNED']);
    expect(v.signOff.results).toHaveLength(3);
    const noRoom = await stack.get(
      `/supervisor/rounds/${show.roundId}?roomId=${show.projectIds[0]}`,
      supervisor.token,
    );
    expect(noRoom.status).toBe(422);
    expect(noRoom.body.code).toBe('ROOM_STAGE_NOT_A_ROOM');
  });

  it('adds notes, timestamped by the server and audited', async () => {
    const t0 = Date.now();
    const res = await stack.post(
      `/supervisor/rounds/${show.roundId}/notes`,
      { body: '第1个项目答辩阶段，评委3离席约1分钟。' },
      supervisor.token,
    );
    expect(res.status).toBe(201);
    expect(res.body).toEqual([
      expect.objectContaining({
        authorName: '纪检监督员',
        body: '第1个项目答辩阶段，评委3离席约1分钟。',
      }),
    ]);
    expect(Math.abs(new Date(res.body[0].createdAt).getTime() - t0)).toBeLessThan(60_000);
    const blank = await stack.post(
      `/supervisor/rounds/${show.roundId}/notes`,
      { body: '   ' },
      supervisor.token,
    );
    expect(blank.status).toBe(400);
    expect((await view()).body.notes).toHaveLength(1);
    const audit = await stack.get(`/competitions/${show.competition.id}/audit`, org);
    const rows = (audit.body.items ?? audit.body).map((e: any) => e.action);
    expect(rows).toEqual(
      expect.arrayContaining(['round.supervisor-note-added', 'competition.supervisor-appointed']),
    );
  });

  it('exports what it sees as .xlsx, a sheet per section', async () => {
    const file = await download(
      stack,
      `/supervisor/rounds/${show.roundId}/export.xlsx`,
      supervisor.token,
    );
    expect(file.status).toBe(200);
    expect(file.contentType).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '项目与出场顺序',
      '评分',
      '排名',
      '抽签',
      '计时记录',
      '签到',
      '分会场',
      '签字确认',
      '监督记录',
    ]);
    const text = (name: string) => {
      const out: string[] = [];
      wb.getWorksheet(name)!.eachRow((r) => out.push((r.values as unknown[]).slice(1).join('|')));
      return out.join('\n');
    };
    const v = (await view()).body;
    expect(text('抽签')).toContain(v.draw.seed);
    expect(text('监督记录')).toContain('评委3离席约1分钟');
    const submitted = v.scores.filter((s: any) => s.status === 'SUBMITTED');
    for (const s of submitted) expect(text('评分')).toContain(`${s.judgeName}|已提交|${s.total}`);
  });

  it('every write route refuses it, and nothing changes', async () => {
    const snapshot = async () =>
      stack.sql(`SELECT
        (SELECT count(*) FROM scores) AS scores,
        (SELECT count(*) FROM scores WHERE status = 'SUBMITTED') AS submitted,
        (SELECT count(*) FROM audit_log) AS audit,
        (SELECT count(*) FROM pitch_timer_actions) AS timer,
        (SELECT count(*) FROM round_check_ins) AS check_ins,
        (SELECT count(*) FROM assignments) AS assignments,
        (SELECT count(*) FROM projects) AS projects,
        (SELECT count(*) FROM competitions) AS competitions,
        (SELECT count(*) FROM users) AS users,
        (SELECT string_agg(status::text || coalesce(array_to_string(pitch_order, ','), ''), ';') FROM rounds) AS rounds`);
    const before = await snapshot();
    const ids: Record<string, string> = {
      competitions: show.competition.id,
      heats: show.competition.heatId,
      rounds: show.roundId,
      projects: show.projectIds[0],
      users: show.judges[0].id,
    };
    const writes = registeredRoutes().filter(
      (r) =>
        !['GET', 'HEAD', 'OPTIONS'].includes(r.method) &&
        // Public credential routes do not read the caller's token.
        !r.path.startsWith('/auth/') &&
        // The supervisor's one write: its own notes.
        r.path !== '/supervisor/rounds/:id/notes',
    );
    expect(writes.length).toBeGreaterThan(50);
    const answered: string[] = [];
    for (const route of writes) {
      const segments = route.path.split('/');
      const path = segments
        .map((s, i) =>
          s.startsWith(':')
            ? s === ':id'
              ? (ids[segments[i - 1]] ?? show.roundId)
              : s === ':projectId'
                ? show.projectIds[0]
                : s === ':judgeId' || s === ':userId'
                  ? show.judges[0].id
                  : show.roundId
            : s,
        )
        .join('/');
      const res = await stack.request(route.method, path, {}, supervisor.token);
      answered.push(`${route.method} ${route.path} ${res.status}`);
      expect([route.method, route.path, res.status >= 400 && res.status < 500]).toEqual([
        route.method,
        route.path,
        true,
      ]);
    }
    // Most refuse the role outright.
    expect(answered.filter((a) => a.endsWith(' 403')).length).toBeGreaterThan(writes.length / 2);
    expect(await snapshot()).toEqual(before);
  });

  it('once removed, sees nothing', async () => {
    const removed = await stack.request(
      'DELETE',
      `/competitions/${show.competition.id}/supervisors/${supervisor.id}`,
      undefined,
      org,
    );
    expect(removed.status).toBe(200);
    expect(removed.body.supervisors).toEqual([]);
    expect((await view()).status).toBe(404);
  });
});
