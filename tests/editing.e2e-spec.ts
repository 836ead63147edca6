import { Stack } from './support/stack';
import { Organiser, createCompetition, createOrganiser, signUpApplicant } from './support/scenario';
import {
  createJudges,
  createRound,
  judgeHeat,
  submittedProject,
} from './support/decisions-scenario';

// Everything editable while it is safe: each PATCH, its 409, its audit; and
// co-organisers who may do everything the creator may.
describe('editing and co-organisers', () => {
  const stack = new Stack();
  let organiser: Organiser;
  let competitionId: string;
  let heatId: string;
  let rubricId: string;

  const audits = (entityId: string, action: string) =>
    stack.sql<{ data: { changes: { field: string; from: unknown; to: unknown }[] } }>(
      `SELECT data FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY at`,
      [entityId, action],
    );

  beforeAll(async () => {
    await stack.start();
    organiser = await createOrganiser(stack);
    const c = await createCompetition(stack, organiser);
    competitionId = c.id;
    heatId = c.heatId;
    rubricId = c.rubricId;
  });
  afterAll(() => stack.stop());

  it('edits a competition, audits each change old → new, and refuses to open registration after a submission (409)', async () => {
    const closes = new Date(Date.now() + 40 * 86400000).toISOString();
    const res = await stack.patch(
      `/competitions/${competitionId}`,
      { name: '第五届江阴创新创业大赛', registrationClosesAt: closes, timeZone: 'Asia/Hong_Kong' },
      organiser.token,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: '第五届江阴创新创业大赛', timeZone: 'Asia/Hong_Kong' });
    const [audit] = await audits(competitionId, 'competition.edited');
    expect(audit.data.changes.map((c) => c.field).sort()).toEqual([
      'name',
      'registrationClosesAt',
      'timeZone',
    ]);
    expect(audit.data.changes.find((c) => c.field === 'registrationClosesAt')!.to).toBe(closes);

    const applicant = await signUpApplicant(stack);
    await submittedProject(stack, competitionId, heatId, applicant, '已提交项目');
    const later = await stack.patch(
      `/competitions/${competitionId}`,
      { registrationOpensAt: new Date(Date.now() + 86400000).toISOString() },
      organiser.token,
    );
    expect(later.status).toBe(409);
    expect(later.body.message).toMatch(/already submitted/);
    const inverted = await stack.patch(
      `/competitions/${competitionId}`,
      { registrationClosesAt: '2020-01-01T00:00:00Z' },
      organiser.token,
    );
    expect(inverted.status).toBe(422);
    expect(inverted.body.details).toEqual([
      expect.objectContaining({ field: 'registrationClosesAt' }),
    ]);
    const bad = await stack.patch(
      `/competitions/${competitionId}`,
      { timeZone: 'Mars/Base' },
      organiser.token,
    );
    expect(bad.status).toBe(400);
  });

  it('edits a rubric while its rounds are DRAFT (they follow), then 409 naming the opened round', async () => {
    const round = await createRound(stack, organiser, heatId, { rubricId, name: '初评' });
    const criteria = [
      { code: 'TECH', name: '技术', weight: 0.5, maxScore: 100 },
      { code: 'BUSINESS', name: '商业', weight: 0.5, maxScore: 100 },
    ];
    const ok = await stack.patch(`/rubrics/${rubricId}`, { criteria }, organiser.token);
    expect(ok.status).toBe(200);
    expect(ok.body.draftRoundsUpdated).toBe(1);
    expect((await stack.get(`/rounds/${round}`, organiser.token)).body.criteria).toEqual(criteria);
    const invalid = await stack.patch(
      `/rubrics/${rubricId}`,
      { criteria: [{ code: 'TECH', name: '技术', weight: 0.4, maxScore: 100 }] },
      organiser.token,
    );
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({
      code: 'RUBRIC_INVALID',
      params: { problems: 1 },
      details: [{ field: 'criteria', code: 'RUBRIC_WEIGHTS_SUM' }],
    });

    await stack.post(`/rounds/${round}/open`, {}, organiser.token);
    const refused = await stack.patch(`/rubrics/${rubricId}`, { name: '新标准' }, organiser.token);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('初评: OPEN');
    expect(await audits(rubricId, 'rubric.edited')).toHaveLength(1);
    await stack.post(`/rounds/${round}/close`, {}, organiser.token);
  });

  it('edits a DRAFT round (audited), refuses a scale mix (422) and rule changes once open (409)', async () => {
    const round = await createRound(stack, organiser, heatId, { rubricId, name: '复评' });
    // A deadline well ahead whatever the date: the round opens below, and the
    // worker would close a round whose deadline has passed, or send its reminder.
    const closesAt = new Date(Date.now() + 60 * 86400000);
    closesAt.setUTCHours(10, 0, 0, 0);
    const beijing = new Date(closesAt.getTime() + 8 * 3600000).toISOString().slice(0, 10);
    const ok = await stack.patch(
      `/rounds/${round}`,
      { method: 'TRIMMED_MEAN', trim: 2, weight: 2, closesAt: `${beijing}T18:00:00+08:00` },
      organiser.token,
    );
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ method: 'TRIMMED_MEAN', trim: 2, weight: 2 });
    const [audit] = await audits(round, 'round.edited');
    expect(audit.data.changes).toEqual(
      expect.arrayContaining([
        { field: 'method', from: 'MEAN', to: 'TRIMMED_MEAN' },
        { field: 'closesAt', from: null, to: closesAt.toISOString() },
      ]),
    );
    const zscore = await stack.patch(`/rounds/${round}`, { method: 'ZSCORE' }, organiser.token);
    expect(zscore.status).toBe(422);
    await stack.post(`/rounds/${round}/open`, {}, organiser.token);
    const open = await stack.patch(`/rounds/${round}`, { trim: 1 }, organiser.token);
    expect(open.status).toBe(409);
    expect(open.body.message).toMatch(/only while it is DRAFT/);
    expect(
      (await stack.patch(`/rounds/${round}`, { name: '复评（线上）' }, organiser.token)).status,
    ).toBe(200);
    await stack.post(`/rounds/${round}/close`, {}, organiser.token);
  });

  it('edits a heat (rounds follow its name) and refuses a quota change once it has advanced (409)', async () => {
    const res = await stack.patch(
      `/heats/${heatId}`,
      {
        name: '华南赛区（深圳）',
        venue: '深圳湾创新中心',
        startsAt: '2026-05-21T09:00:00+08:00',
        advanceQuota: 1,
      },
      organiser.token,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ venue: '深圳湾创新中心', advanceQuota: 1 });
    const rounds = (await stack.get(`/heats/${heatId}/rounds`, organiser.token)).body.items;
    expect(rounds.every((r: { heatName: string }) => r.heatName === '华南赛区（深圳）')).toBe(true);
    const [audit] = await audits(heatId, 'heat.edited');
    expect(audit.data.changes.map((c) => c.field).sort()).toEqual([
      'advanceQuota',
      'name',
      'startsAt',
      'venue',
    ]);

    // A fresh heat, judged and advanced.
    const c = await createCompetition(stack, organiser);
    const owner = await signUpApplicant(stack);
    const ids = [
      await submittedProject(stack, c.id, c.heatId, owner, '甲'),
      await submittedProject(stack, c.id, c.heatId, owner, '乙'),
    ];
    for (const id of ids)
      await stack.post(`/projects/${id}/review`, { decision: 'ELIGIBLE' }, organiser.token);
    const judges = await createJudges(stack, organiser, 2);
    await judgeHeat(
      stack,
      organiser,
      c.heatId,
      c.rubricId,
      judges,
      new Map([
        [ids[0], 90],
        [ids[1], 80],
      ]),
    );
    const semi = await stack.post(
      `/competitions/${c.id}/heats`,
      { stageCode: 'SEMIFINAL', name: '半决赛' },
      organiser.token,
    );
    expect(
      (
        await stack.post(
          `/heats/${c.heatId}/advance`,
          { toHeatId: semi.body.id, count: 1 },
          organiser.token,
        )
      ).status,
    ).toBe(200);
    const quota = await stack.patch(`/heats/${c.heatId}`, { advanceQuota: 2 }, organiser.token);
    expect(quota.status).toBe(409);
    expect(quota.body.message).toMatch(/already advanced/);
    expect(
      (await stack.patch(`/heats/${c.heatId}`, { venue: '新场地' }, organiser.token)).status,
    ).toBe(200);
  });

  it('co-organisers may do everything the organiser may; never the last one removed; strangers get 404', async () => {
    const co = await createOrganiser(stack, '联合组织者 张敏');
    const stranger = await createOrganiser(stack, '其他组织者');
    expect((await stack.patch(`/heats/${heatId}`, { venue: 'x' }, co.token)).status).toBe(404);
    const applicant = await signUpApplicant(stack);
    const notOrganiser = await stack.post(
      `/competitions/${competitionId}/organisers`,
      { userId: applicant.id },
      organiser.token,
    );
    expect(notOrganiser.status).toBe(422);
    expect(notOrganiser.body).toMatchObject({
      code: 'USER_NOT_ORGANISER',
      params: { userName: '李娜' },
    });
    const added = await stack.post(
      `/competitions/${competitionId}/organisers`,
      { userId: co.id },
      organiser.token,
    );
    expect(added.status).toBe(201);
    expect(added.body.items.map((i: { userId: string }) => i.userId).sort()).toEqual(
      [organiser.id, co.id].sort(),
    );
    const twice = await stack.post(
      `/competitions/${competitionId}/organisers`,
      { userId: co.id },
      organiser.token,
    );
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({
      code: 'ALREADY_ORGANISER',
      params: { userName: '联合组织者 张敏' },
    });
    // The co-organiser manages: edits, lists projects, releases, manages organisers.
    expect(
      (await stack.patch(`/heats/${heatId}`, { venue: '联合组织者改的场地' }, co.token)).status,
    ).toBe(200);
    expect((await stack.get(`/competitions/${competitionId}/projects`, co.token)).status).toBe(200);
    expect(
      (await stack.get(`/competitions/${competitionId}/eligibility/release/preview`, co.token))
        .status,
    ).toBe(200);
    expect(
      (await stack.get(`/competitions/${competitionId}/organisers`, stranger.token)).status,
    ).toBe(404);
    expect(
      (
        await stack.post(
          `/competitions/${competitionId}/organisers`,
          { userId: stranger.id },
          stranger.token,
        )
      ).status,
    ).toBe(404);

    // A co-organiser cannot push the creator out; the creator may step down.
    const pushed = await stack.request(
      'DELETE',
      `/competitions/${competitionId}/organisers/${organiser.id}`,
      undefined,
      co.token,
    );
    expect(pushed.status).toBe(403);
    expect(pushed.body.message).toMatch(/creator can be removed only by itself or an admin/);
    expect(
      (await stack.get(`/competitions/${competitionId}/organisers`, organiser.token)).status,
    ).toBe(200);
    expect(
      (
        await stack.request(
          'DELETE',
          `/competitions/${competitionId}/organisers/${organiser.id}`,
          undefined,
          organiser.token,
        )
      ).status,
    ).toBe(200);
    expect(
      (await stack.get(`/competitions/${competitionId}/projects`, organiser.token)).status,
    ).toBe(404);
    const last = await stack.request(
      'DELETE',
      `/competitions/${competitionId}/organisers/${co.id}`,
      undefined,
      co.token,
    );
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('LAST_ORGANISER');
    const actions = await stack.sql(
      `SELECT action FROM audit_log WHERE competition_id = $1 AND action LIKE 'competition.organiser-%' ORDER BY at`,
      [competitionId],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'competition.organiser-added',
      'competition.organiser-removed',
    ]);
  });
});
