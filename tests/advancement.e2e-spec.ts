import { ADMIN, Stack, waitFor } from './support/stack';
import {
  Applicant,
  Organiser,
  createCompetition,
  createOrganiser,
  projectBody,
  signUpApplicant,
  uniqueEmail,
} from './support/scenario';

// Two regional heats → semi-final → final, then signing and landing. Every
// criterion gets the same mark from every judge, so a project's score is that
// mark and the expected standings can be written down by hand.
describe('from regional heats to the final, and from signing to landing', () => {
  const stack = new Stack();
  let organiser: Organiser;
  let competitionId: string;
  let south: string;
  let east: string;
  let semi: string;
  let final: string;
  let rubricId: string;
  const judges: { id: string; token: string }[] = [];
  const applicants: Applicant[] = [];
  const project = new Map<string, { id: string; owner: Applicant }>();

  beforeAll(async () => {
    await stack.start();
    organiser = await createOrganiser(stack);
    const c = await createCompetition(stack, organiser);
    competitionId = c.id;
    south = c.heatId;
    rubricId = c.rubricId;
    const heat = async (body: object) =>
      (await stack.post(`/competitions/${competitionId}/heats`, body, organiser.token)).body
        .id as string;
    east = await heat({
      stageCode: 'HEAT',
      name: '华东赛区',
      city: '上海',
      enclave: '江阴高新区上海科创飞地',
      advanceQuota: 2,
    });
    semi = await heat({
      stageCode: 'SEMIFINAL',
      name: '半决赛',
      city: '江阴',
      venue: '江阴高新区科技创业园',
      startsAt: '2026-06-05T09:00:00+08:00',
      advanceQuota: 3,
    });
    final = await heat({ stageCode: 'FINAL', name: '总决赛', city: '江阴', advanceQuota: 1 });
    for (let i = 0; i < 4; i++) applicants.push(await signUpApplicant(stack, `申请人${i}`));
    const register = async (name: string, heatId: string, owner: Applicant) => {
      const res = await stack.post(
        `/competitions/${competitionId}/projects`,
        projectBody(heatId, name, `${name}科技有限公司`),
        owner.token,
      );
      await stack.post(`/projects/${res.body.id}/submit`, {}, owner.token);
      await stack.post(
        `/projects/${res.body.id}/review`,
        { decision: 'ELIGIBLE' },
        organiser.token,
      );
      project.set(name, { id: res.body.id, owner });
    };
    // 华南: A..F, 华东: G..K; owners 0..3 in turn, so owners have projects in both heats.
    const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K'];
    for (const [i, name] of names.entries())
      await register(name, i < 6 ? south : east, applicants[i % 4]);
    for (let j = 0; j < 3; j++) {
      const email = uniqueEmail(`judge${j}`);
      const res = await stack.post(
        '/users',
        { email, name: `评委${j}`, roles: ['JUDGE'], password: 'Roadshow-Judge-2026!' },
        organiser.token,
      );
      judges.push({
        id: res.body.user.id,
        token: await stack.login(email, 'Roadshow-Judge-2026!'),
      });
    }
  });
  afterAll(() => stack.stop());

  const id = (name: string) => project.get(name)!.id;
  const name = (projectId: string) => [...project].find(([, p]) => p.id === projectId)![0];
  const names = (rows: { projectId: string }[]) => rows.map((r) => name(r.projectId)).sort();

  async function judgeHeat(heatId: string, marks: Record<string, number>) {
    const round = (
      await stack.post(
        `/heats/${heatId}/rounds`,
        { name: '路演', kind: 'ROADSHOW', rubricId, method: 'MEAN' },
        organiser.token,
      )
    ).body.id;
    await stack.post(
      `/rounds/${round}/judges`,
      { judgeIds: judges.map((j) => j.id) },
      organiser.token,
    );
    expect(
      (await stack.post(`/rounds/${round}/assignments`, { judgesPerProject: 3 }, organiser.token))
        .status,
    ).toBe(200);
    await stack.post(`/rounds/${round}/open`, {}, organiser.token);
    for (const j of judges) {
      for (const [n, mark] of Object.entries(marks)) {
        const scores = { TECH: mark, BUSINESS: mark, MARKET: mark, TEAM: mark };
        expect(
          (await stack.put(`/rounds/${round}/projects/${id(n)}/score`, { scores }, j.token)).status,
        ).toBe(200);
        await stack.post(`/rounds/${round}/projects/${id(n)}/score/submit`, {}, j.token);
      }
    }
    const early = await stack.post(`/heats/${heatId}/advance`, { toHeatId: semi }, organiser.token);
    expect({ status: early.status, code: early.body.code }).toEqual({
      status: 409,
      code: 'HEAT_ROUNDS_NOT_CLOSED',
    }); // round still open
    await stack.post(`/rounds/${round}/close`, {}, organiser.token);
    await waitFor(
      'settled standings',
      async () => (await stack.get(`/heats/${heatId}/standings`, organiser.token)).body.final,
    );
  }

  it('advances 华南 with a tie at the cut-off and an exclusion', async () => {
    await judgeHeat(south, { A: 90, B: 85, C: 80, D: 80, E: 70, F: 60 });
    const preview = (await stack.get(`/heats/${south}/advance/preview?count=3`, organiser.token))
      .body;
    expect(names(preview.advanced)).toEqual(['A', 'B', 'C', 'D']);
    expect(preview.tiedAtCutoff.map(name).sort()).toEqual(['C', 'D']);
    expect((await stack.get(`/projects/${id('C')}`, organiser.token)).body.status).toBe('ELIGIBLE'); // preview changed nothing
    // Before the decision the record is a plain 200 saying so, and nothing else.
    const before = await stack.get(`/heats/${south}/advancement`, organiser.token);
    expect(before.status).toBe(200);
    expect(before.body).toEqual({ advanced: false });

    const skipped = await stack.post(
      `/heats/${south}/advance`,
      { toHeatId: final, count: 3 },
      organiser.token,
    );
    expect(skipped.status).toBe(422); // not the next stage
    expect(skipped.body).toMatchObject({
      code: 'NEXT_HEAT_INVALID',
      params: { stageName: '半决赛' },
      details: [{ field: 'toHeatId', code: 'FIELD_UNKNOWN_REFERENCE' }],
    });
    const res = await stack.post(
      `/heats/${south}/advance`,
      { toHeatId: semi, count: 3, exclude: [{ projectId: id('B'), reason: '尽职调查未通过' }] },
      organiser.token,
    );
    expect(res.status).toBe(200);
    expect(names(res.body.advanced)).toEqual(['A', 'C', 'D']);
    expect(names(res.body.eliminated)).toEqual(['B', 'E', 'F']);
    expect(
      res.body.eliminated.find((e: { projectId: string }) => e.projectId === id('B')),
    ).toMatchObject({ override: 'EXCLUDED', reason: '尽职调查未通过' });
    const c = (await stack.get(`/projects/${id('C')}`, organiser.token)).body;
    expect(c).toMatchObject({ heatId: semi, status: 'ELIGIBLE' });
    expect((await stack.get(`/projects/${id('B')}`, organiser.token)).body.status).toBe(
      'ELIMINATED',
    );
  });

  it('reads 华南’s recorded decision back: who, when, where to, each result; hidden from others', async () => {
    const res = await stack.get(`/heats/${south}/advancement`, organiser.token);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      advanced: true,
      heatId: south,
      count: 3,
      decidedBy: { id: organiser.id, name: '组委会 王磊' },
      nextHeat: { id: semi, name: '半决赛' },
    });
    const [{ decided_at }] = await stack.sql(
      `SELECT decided_at FROM heat_advancements WHERE heat_id = $1`,
      [south],
    );
    expect(res.body.decidedAt).toBe((decided_at as Date).toISOString());
    // Advanced first, then by score: the preview's rows, as recorded.
    expect(
      res.body.results.map((r: { projectId: string; result: string; score: number }) => [
        name(r.projectId),
        r.result,
        r.score,
      ]),
    ).toEqual([
      ['A', 'ADVANCED', 90],
      ['C', 'ADVANCED', 80],
      ['D', 'ADVANCED', 80],
      ['B', 'ELIMINATED', 85],
      ['E', 'ELIMINATED', 70],
      ['F', 'ELIMINATED', 60],
    ]);
    expect(res.body.results[3]).toEqual({
      projectId: id('B'),
      title: 'B',
      score: 85,
      result: 'ELIMINATED',
      reason: '尽职调查未通过',
      override: 'EXCLUDED',
      basis: { code: 'EXCLUDED', reason: '尽职调查未通过' },
    });
    expect(res.body.results[0]).toMatchObject({
      title: 'A',
      reason: null,
      override: null,
      basis: { code: 'QUOTA', bucket: 0, rank: 1 },
    });

    const admin = await stack.login(ADMIN.email, ADMIN.password);
    expect((await stack.get(`/heats/${south}/advancement`, admin)).body.results).toHaveLength(6);
    const stranger = await createOrganiser(stack, '别的赛事组委会');
    const hidden = await stack.get(`/heats/${south}/advancement`, stranger.token);
    expect(hidden.status).toBe(404);
    expect((await stack.get(`/heats/${south}/advancement`, applicants[0].token)).status).toBe(403);
    const bad = await stack.get('/heats/not-a-uuid/advancement', organiser.token);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      statusCode: 400,
      message: 'Invalid id: id must be a UUID',
      details: [{ field: 'id', message: 'id must be a UUID' }],
    });
    expect(
      (await stack.get(`/heats/${crypto.randomUUID()}/advancement`, organiser.token)).status,
    ).toBe(404);
  });

  it('advances 华东 exactly once when two organisers press at once, with the heat’s own recommendation', async () => {
    await judgeHeat(east, { G: 88, H: 77, I: 66, J: 55, K: 44 });
    const body = { toHeatId: semi, include: [id('K')], includeReason: '赛区推荐' };
    const [one, two] = await Promise.all([
      stack.post(`/heats/${east}/advance`, body, organiser.token),
      stack.post(`/heats/${east}/advance`, body, organiser.token),
    ]);
    expect([one.status, two.status].sort()).toEqual([200, 409]);
    expect((one.status === 409 ? one : two).body).toMatchObject({
      code: 'HEAT_ALREADY_ADVANCED',
      params: { heatName: '华东赛区' },
    });
    const won = one.status === 200 ? one : two;
    expect(names(won.body.advanced)).toEqual(['G', 'H', 'K']);
    expect(
      won.body.advanced.find((a: { projectId: string }) => a.projectId === id('K')),
    ).toMatchObject({ override: 'INCLUDED', reason: '赛区推荐' });
    const again = await stack.post(`/heats/${east}/advance`, body, organiser.token);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      code: 'HEAT_ALREADY_ADVANCED',
      params: { heatName: '华东赛区' },
    });
    const [{ n }] = await stack.sql(
      `SELECT count(*)::int AS n FROM advancement_results WHERE heat_id = $1`,
      [east],
    );
    expect(n).toBe(5);
  });

  it('runs the semi-final and the final, which marks the awarded project', async () => {
    await judgeHeat(semi, { A: 81, C: 93, D: 75, G: 88, H: 79, K: 70 });
    const toFinal = await stack.post(
      `/heats/${semi}/advance`,
      { toHeatId: final },
      organiser.token,
    );
    expect(names(toFinal.body.advanced)).toEqual(['A', 'C', 'G']);
    await judgeHeat(final, { A: 86, C: 91, G: 89 });
    const beyond = await stack.post(`/heats/${final}/advance`, { toHeatId: semi }, organiser.token);
    expect(beyond.status).toBe(422);
    expect(beyond.body).toMatchObject({
      code: 'FINAL_HAS_NO_NEXT_HEAT',
      params: { heatName: '总决赛' },
    });
    const awarded = await stack.post(`/heats/${final}/advance`, {}, organiser.token);
    expect(awarded.status).toBe(200);
    expect(awarded.body.advanced).toEqual([
      expect.objectContaining({ projectId: id('C'), result: 'AWARDED' }),
    ]);
    expect((await stack.get(`/projects/${id('C')}`, organiser.token)).body.status).toBe('AWARDED');
    const record = (await stack.get(`/heats/${final}/advancement`, organiser.token)).body;
    expect(record).toMatchObject({ advanced: true, nextHeat: null, count: 1 });
    expect(
      record.results.map((r: { projectId: string; result: string }) => [
        name(r.projectId),
        r.result,
      ]),
    ).toEqual([
      ['C', 'AWARDED'],
      ['G', 'ELIMINATED'],
      ['A', 'ELIMINATED'],
    ]);
    expect((await stack.get(`/projects/${id('A')}`, organiser.token)).body.status).toBe(
      'ELIMINATED',
    );
  });

  it('mails every owner exactly one result per heat, at its release', async () => {
    await stack.drained();
    expect(stack.smtp.mails.filter((m) => m.subject?.startsWith('晋级结果'))).toHaveLength(0);
    for (const heatId of [south, east, semi, final])
      expect(
        (await stack.post(`/heats/${heatId}/results/release`, {}, organiser.token)).status,
      ).toBe(200);
    await stack.drained();
    const heatsOf = (owner: Applicant) => {
      const own = [...project.values()].filter((p) => p.owner === owner).map((p) => p.id);
      return own;
    };
    for (const owner of applicants) {
      const results = stack.smtp.to(owner.email).filter((m) => m.subject?.startsWith('晋级结果'));
      const subjects = results.map((m) => m.subject);
      expect(new Set(subjects).size).toBe(subjects.length); // one per heat
      expect(heatsOf(owner).length).toBeGreaterThan(0);
    }
    const southOwners = applicants.filter((a) =>
      ['A', 'B', 'C', 'D', 'E', 'F'].some((n) => project.get(n)!.owner === a),
    );
    for (const o of southOwners)
      expect(stack.smtp.to(o.email).filter((m) => m.subject?.endsWith('华南赛区'))).toHaveLength(1);
    const cOwner = project.get('C')!.owner;
    const semiMail = stack.smtp.to(cOwner.email).find((m) => m.subject?.endsWith('华南赛区'))!;
    expect(semiMail.text).toContain('下一阶段：半决赛');
  });

  it('takes signings through every legal transition, refuses illegal ones, and counts them', async () => {
    const sign = (body: object) =>
      stack.post(`/competitions/${competitionId}/signings`, body, organiser.token);
    const move = (sid: string, body: object) =>
      stack.post(`/signings/${sid}/transition`, body, organiser.token);
    const yesterday = new Date(Date.now() - 86400000).toISOString().slice(0, 10);

    const landedSigning = (
      await sign({
        projectId: id('C'),
        host: '江阴高新区管委会',
        investmentAmount: '5000000.00',
        landingDeadline: yesterday,
      })
    ).body;
    expect(landedSigning).toMatchObject({
      status: 'INTENT',
      heatName: '华南赛区',
      investmentAmount: '5000000.00',
    });
    const twice = await sign({ projectId: id('C'), host: '江阴高新区管委会' });
    expect(twice.status).toBe(409); // one open per project and host
    expect(twice.body).toMatchObject({
      code: 'SIGNING_ALREADY_OPEN',
      params: { projectTitle: 'C', host: '江阴高新区管委会' },
    });
    expect(
      (await sign({ projectId: id('C'), host: 'bad', investmentAmount: '5,000,000' })).status,
    ).toBe(400);
    expect((await move(landedSigning.id, { to: 'SIGNED' })).status).toBe(409);
    expect((await move(landedSigning.id, { to: 'NEGOTIATING', note: '首轮洽谈' })).status).toBe(
      200,
    );
    expect(
      (await move(landedSigning.id, { to: 'SIGNED', at: '2026-06-20T10:00:00+08:00' })).status,
    ).toBe(200);
    const noCompany = await move(landedSigning.id, { to: 'LANDED' });
    expect(noCompany.status).toBe(422);
    expect(noCompany.body.details.map((d: { field: string }) => d.field)).toEqual([
      'companyName',
      'registrationNo',
    ]);
    const landed = await move(landedSigning.id, {
      to: 'LANDED',
      companyName: '江阴智感科技有限公司',
      registrationNo: '91320281MA1TEST01X',
    });
    expect(landed.body).toMatchObject({ status: 'LANDED', companyName: '江阴智感科技有限公司' });
    expect((await move(landedSigning.id, { to: 'CANCELLED' })).status).toBe(409);

    const signedOnly = (
      await sign({ projectId: id('G'), host: '江阴高新区管委会', landingDeadline: yesterday })
    ).body;
    expect(signedOnly.heatName).toBe('华东赛区');
    expect(signedOnly.enclave).toBe('江阴高新区上海科创飞地');
    await move(signedOnly.id, { to: 'NEGOTIATING' });
    await move(signedOnly.id, { to: 'SIGNED' });
    const cancelled = (await sign({ projectId: id('A'), host: '江阴临港开发区' })).body;
    expect((await move(cancelled.id, { to: 'CANCELLED', note: '项目方选择其他园区' })).status).toBe(
      200,
    );
    expect((await move(cancelled.id, { to: 'NEGOTIATING' })).status).toBe(409);
    expect((await sign({ projectId: id('A'), host: '江阴临港开发区' })).status).toBe(201); // a cancelled signing is not open

    const stats = (
      await stack.get(`/competitions/${competitionId}/signings/stats`, organiser.token)
    ).body;
    // 6 projects advanced or were awarded (A, C, D, G, H, K); signed = C (LANDED) + G (SIGNED).
    expect(stats).toMatchObject({
      total: 4,
      signed: 2,
      landed: 1,
      advancedOrAwarded: 6,
      signingRate: 0.3333,
      landingRate: 0.5,
    });
    expect(stats.byHeat['华南赛区']).toEqual({ total: 3, signed: 1, landed: 1, landingRate: 1 });
    expect(stats.byHeat['华东赛区']).toEqual({ total: 1, signed: 1, landed: 0, landingRate: 0 });
    expect(stats.byEnclave['江阴高新区上海科创飞地']).toMatchObject({ signed: 1 });
    expect(stats.overdue.map((o: { projectId: string }) => name(o.projectId))).toEqual(['G']);
    expect(
      (await stack.get(`/competitions/${competitionId}/signings?status=LANDED`, organiser.token))
        .body.items,
    ).toHaveLength(1);

    await stack.drained();
    expect(
      stack.smtp.to(project.get('C')!.owner.email).filter((m) => m.subject === '项目签约进展：C'),
    ).toHaveLength(4);
  });

  it('reports the funnel, exports with Chinese headers, and keeps an audit of every decision', async () => {
    const funnel = (await stack.get(`/competitions/${competitionId}/funnel`, organiser.token)).body;
    expect(funnel).toMatchObject({
      registered: 11,
      submitted: 11,
      eligible: 11,
      advanced: 6,
      awarded: 1,
      signed: 2,
      landed: 1,
    });
    expect(
      funnel.stages.map((s: { stageCode: string; entered: number }) => [s.stageCode, s.entered]),
    ).toEqual([
      ['HEAT', 11],
      ['SEMIFINAL', 6],
      ['FINAL', 3],
    ]);
    const southRow = funnel.byHeat.find((h: { heatId: string }) => h.heatId === south);
    expect(southRow).toMatchObject({ registered: 6, advanced: 3, signed: 1, landed: 1 });

    const csv = await stack.get(`/competitions/${competitionId}/signings.csv`, organiser.token);
    expect(String(csv.body)).toContain('项目名称,项目编号,赛区');
    const xlsx = await fetch(`${stack.apiUrl}/heats/${south}/standings.xlsx`, {
      headers: { authorization: `Bearer ${organiser.token}` },
    });
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    const audit = (await stack.get(`/competitions/${competitionId}/audit`, organiser.token)).body
      .items as { action: string; data: { overrides?: unknown[] } }[];
    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a === 'heat.advanced')).toHaveLength(3);
    expect(actions).toContain('heat.awarded');
    expect(actions.filter((a) => a === 'signing.transitioned')).toHaveLength(6); // C: 3, G: 2, A: cancelled
    expect(actions.filter((a) => a === 'signing.created')).toHaveLength(4);
    expect(audit.find((a) => a.action === 'heat.advanced')!.data.overrides).toEqual([
      expect.objectContaining({ override: 'EXCLUDED', reason: '尽职调查未通过' }),
    ]);
    expect(
      (
        await stack.request(
          'DELETE',
          `/competitions/${competitionId}/audit`,
          undefined,
          organiser.token,
        )
      ).status,
    ).toBe(404);
  });
});
