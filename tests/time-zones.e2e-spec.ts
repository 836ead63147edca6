import { Stack } from './support/stack';
import { eligibleHeat } from './support/judging-scenario';

// Competitions run in a time zone (default Asia/Shanghai): the API keeps ISO
// 8601 instants, and mails print deadlines in the competition's zone.
describe('competition time zones', () => {
  const stack = new Stack();

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  const competitionBody = (timeZone?: string) => ({
    name: '时区测试大赛',
    tracks: [{ code: 'AI', name: '人工智能' }],
    stages: [{ code: 'HEAT', name: '分站赛', order: 1 }],
    registrationOpensAt: '2026-03-01T00:00:00+08:00',
    registrationClosesAt: '2026-04-30T23:59:59+08:00',
    ...(timeZone === undefined ? {} : { timeZone }),
  });

  it('defaults to Asia/Shanghai, accepts an IANA zone and refuses anything else by name', async () => {
    const heat = await eligibleHeat(stack, 1, 1, false);
    const token = heat.organiser.token;
    const byDefault = await stack.get(`/competitions/${heat.competition.id}`, token);
    expect(byDefault.body.timeZone).toBe('Asia/Shanghai');
    expect(byDefault.body.registrationOpensAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);

    const berlin = await stack.post('/competitions', competitionBody('europe/berlin'), token);
    expect(berlin.status).toBe(201);
    expect(berlin.body.timeZone).toBe('Europe/Berlin');
    expect((await stack.get(`/competitions/${berlin.body.id}`, token)).body.timeZone).toBe(
      'Europe/Berlin',
    );

    for (const bad of ['Mars/Olympus', '+08:00', 'CST', 8]) {
      const res = await stack.post('/competitions', competitionBody(bad as string), token);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('timeZone');
    }
    const list = (await stack.get('/competitions', token)).body.items as { name: string }[];
    expect(list.filter((c) => c.name === '时区测试大赛')).toHaveLength(1);
  });

  it('writes the judging deadline in Beijing time, not UTC, in assignment and reminder mails', async () => {
    const heat = await eligibleHeat(stack, 2, 2, false);
    const { organiser, competition, judges } = heat;
    // 1 March of next year, always months ahead: the round stays open (the
    // worker closes a round past its deadline) whatever day the test runs.
    const year = new Date().getUTCFullYear() + 1;
    const round = await stack.post(
      `/heats/${competition.heatId}/rounds`,
      {
        name: '线上初评',
        kind: 'EXPERT_REVIEW',
        rubricId: competition.rubricId,
        method: 'MEAN',
        // 10:00 UTC is 18:00 in Beijing.
        closesAt: `${year}-03-01T10:00:00Z`,
      },
      organiser.token,
    );
    expect(round.status).toBe(201);
    expect(round.body.closesAt).toBe(`${year}-03-01T10:00:00.000Z`);
    const roundId = round.body.id as string;
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
    expect((await stack.post(`/rounds/${roundId}/remind`, {}, organiser.token)).status).toBe(200);
    await stack.drained();

    for (const judge of judges) {
      const mails = stack.smtp.to(judge.email);
      const assignment = mails.find((m) => m.subject?.startsWith('评审任务'));
      const reminder = mails.find((m) => m.subject?.startsWith('评分提醒'));
      const deadline = `请于 ${year}年3月1日 18:00（北京时间） 前完成评分。`;
      expect(assignment?.text).toContain(deadline);
      expect(reminder?.text).toContain(deadline);
      expect(assignment?.text).not.toContain(`${year}-03-01T10:00`);
    }
  });
});
