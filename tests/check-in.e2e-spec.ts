import { openRoadshow, RoadshowFixture } from './support/roadshow-scenario';
import { Stack } from './support/stack';

// 签到 on the roadshow day (issue 20): teams and judges check in with the
// venue's code on their own phones or at the desk; a project absent when
// called is marked 缺席 with a reason; the draw runs among those present.
describe('check-in, absence and the draw among those present', () => {
  let stack: Stack;
  let show: RoadshowFixture;
  let org: string;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    show = await openRoadshow(stack, 3, 2);
    org = show.organiser.token;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const url = (path: string) => `/rounds/${show.roundId}${path}`;

  it('checks in a team and a judge by the code; a wrong or replaced code is refused', async () => {
    const code = await stack.get(url('/check-in-code'), org);
    expect(code.status).toBe(200);
    expect(code.body.path).toBe(
      `/check-in/rounds/${show.roundId}?code=${encodeURIComponent(code.body.code)}`,
    );
    // The same code until replaced.
    expect((await stack.get(url('/check-in-code'), org)).body.code).toBe(code.body.code);

    const team = await stack.post(
      url('/check-in'),
      { code: code.body.code },
      show.applicants[0].token,
    );
    expect(team.status).toBe(200);
    expect(team.body.checkedIn).toEqual([
      expect.objectContaining({ subjectType: 'PROJECT', subjectId: show.projectIds[0] }),
    ]);
    const again = await stack.post(
      url('/check-in'),
      { code: code.body.code },
      show.applicants[0].token,
    );
    expect(again.body.checkedIn[0].checkedInAt).toBe(team.body.checkedIn[0].checkedInAt);

    const judge = await stack.post(
      url('/check-in'),
      { code: code.body.code },
      show.judges[0].token,
    );
    expect(judge.body.checkedIn).toEqual([
      expect.objectContaining({ subjectType: 'JUDGE', subjectId: show.judges[0].id }),
    ]);

    // An applicant with nothing in the round, a wrong code.
    const stranger = await stack.post(
      url('/check-in'),
      { code: code.body.code },
      show.applicants[3].token,
    );
    expect(stranger.status).toBe(403);
    expect(stranger.body).toMatchObject({
      code: 'CHECK_IN_NOTHING_HERE',
      params: { roundName: '路演评审' },
    });
    const wrong = await stack.post(url('/check-in'), { code: 'guess' }, show.applicants[1].token);
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('CHECK_IN_CODE_INVALID');
    expect(wrong.body.details[0].field).toBe('code');

    const rotated = await stack.post(url('/check-in-code/rotate'), {}, org);
    expect(rotated.body.code).not.toBe(code.body.code);
    const old = await stack.post(
      url('/check-in'),
      { code: code.body.code },
      show.applicants[1].token,
    );
    expect(old.body.code).toBe('CHECK_IN_CODE_INVALID');
  });

  it('checks in at the desk, marks an absent project with its reason, and lists who is here', async () => {
    const none = await stack.post(url('/check-ins'), {}, org);
    expect(none.status).toBe(400);
    expect(none.body.code).toBe('CHECK_IN_SUBJECT_REQUIRED');
    const desk = await stack.post(url('/check-ins'), { projectId: show.projectIds[1] }, org);
    expect(desk.status).toBe(200);
    const noReason = await stack.post(url(`/projects/${show.projectIds[1]}/absent`), {}, org);
    expect(noReason.status).toBe(400);
    expect(noReason.body.details.map((d: any) => d.field)).toContain('reason');
    const absent = await stack.post(
      url(`/projects/${show.projectIds[1]}/absent`),
      { reason: '叫号三次未到场' },
      org,
    );
    expect(absent.status).toBe(200);

    const presence = (await stack.get(url('/check-ins'), org)).body;
    const byId = new Map(presence.projects.map((p: any) => [p.projectId, p]));
    expect(byId.get(show.projectIds[0])).toMatchObject({ method: 'CODE', absent: null });
    expect(byId.get(show.projectIds[1])).toMatchObject({
      method: 'DESK',
      absent: { reason: '叫号三次未到场' },
    });
    expect(byId.get(show.projectIds[2])).toMatchObject({ checkedInAt: null, method: null });
    expect(presence.judges.filter((j: any) => j.checkedInAt)).toHaveLength(1);

    const audit = await stack.get(`/competitions/${show.competition.id}/audit`, org);
    const actions = (audit.body.items ?? audit.body).map((e: any) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['round.checked-in-at-desk', 'round.project-absent']),
    );
  });

  it('draws among the projects checked in and not absent only', async () => {
    const drawn = await stack.post(url('/pitch-order'), { checkedInOnly: true }, org);
    expect(drawn.status).toBe(200);
    expect(drawn.body.order.map((s: any) => s.projectId)).toEqual([show.projectIds[0]]);

    const other = await openRoadshow(stack, 2, 1);
    const empty = await stack.post(
      `/rounds/${other.roundId}/pitch-order`,
      { checkedInOnly: true },
      other.organiser.token,
    );
    expect(empty.status).toBe(409);
    expect(empty.body).toMatchObject({
      code: 'DRAW_NONE_CHECKED_IN',
      params: { roundName: '路演评审' },
    });
  });
});
