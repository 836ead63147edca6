import { Stack } from './support/stack';
import {
  Applicant,
  Organiser,
  createCompetition,
  createOrganiser,
  signUpApplicant,
} from './support/scenario';
import { createJudges, judgeHeat, submittedProject } from './support/decisions-scenario';

// Awards for the final: named tiers assigned down the final's standings, a
// tie at a tier boundary resolved explicitly (audited), released like results.
describe('awards of the final', () => {
  const stack = new Stack();
  let organiser: Organiser;
  let competitionId: string;
  let finalId: string;
  const owners: Applicant[] = [];
  const p: Record<string, string> = {};
  const awardMails = (a: Applicant) =>
    stack.smtp.to(a.email).filter((m) => m.subject?.includes('晋级结果'));

  beforeAll(async () => {
    await stack.start();
    organiser = await createOrganiser(stack);
    // A one-stage competition: projects register straight into the final.
    const now = Date.now();
    const c = await stack.post(
      '/competitions',
      {
        name: '江阴创新创业大赛总决赛',
        tracks: [{ code: 'IOT', name: '物联网' }],
        stages: [{ code: 'FINAL', name: '总决赛', order: 1 }],
        registrationOpensAt: new Date(now - 86400000).toISOString(),
        registrationClosesAt: new Date(now + 86400000).toISOString(),
      },
      organiser.token,
    );
    competitionId = c.body.id;
    finalId = (
      await stack.post(
        `/competitions/${competitionId}/heats`,
        { stageCode: 'FINAL', name: '总决赛', city: '江阴' },
        organiser.token,
      )
    ).body.id;
    const rubricId = (
      await stack.post(
        `/competitions/${competitionId}/rubrics`,
        {
          name: '决赛评分标准',
          criteria: [
            { code: 'TECH', name: '技术', weight: 0.3, maxScore: 100 },
            { code: 'BUSINESS', name: '商业', weight: 0.25, maxScore: 100 },
            { code: 'MARKET', name: '市场', weight: 0.25, maxScore: 100 },
            { code: 'TEAM', name: '团队', weight: 0.2, maxScore: 100 },
          ],
        },
        organiser.token,
      )
    ).body.id;
    for (let i = 0; i < 3; i++) owners.push(await signUpApplicant(stack, `决赛选手${i}`));
    const layout: [string, number][] = [
      ['P1', 0],
      ['P2', 0],
      ['P3', 1],
      ['P4', 1],
      ['P5', 2],
      ['P6', 2],
    ];
    for (const [name, owner] of layout)
      p[name] = await submittedProject(stack, competitionId, finalId, owners[owner], name);
    await stack.post(
      `/competitions/${competitionId}/eligibility`,
      { items: Object.values(p).map((projectId) => ({ projectId, decision: 'ELIGIBLE' })) },
      organiser.token,
    );
    const judges = await createJudges(stack, organiser, 2);
    await judgeHeat(
      stack,
      organiser,
      finalId,
      rubricId,
      judges,
      new Map([
        [p.P1, 95],
        [p.P2, 90],
        [p.P3, 90],
        [p.P4, 80],
        [p.P5, 70],
        [p.P6, 60],
      ]),
    );
  });
  afterAll(() => stack.stop());

  const tiers = [
    { name: '一等奖', count: 1 },
    { name: '二等奖', count: 1 },
    { name: '三等奖', count: 2 },
    { name: '优秀奖', count: 1 },
  ];

  it('awards only in the final', async () => {
    const other = await createCompetition(stack, organiser);
    const res = await stack.put(`/heats/${other.heatId}/award-tiers`, { tiers }, organiser.token);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/not in the last stage/);
    expect(res.body).toMatchObject({ code: 'AWARDS_NOT_FINAL', params: { heatName: '华南赛区' } });
  });

  it('surfaces a tie at a tier boundary and refuses to guess (409)', async () => {
    const noTiers = await stack.post(`/heats/${finalId}/awards`, {}, organiser.token);
    expect(noTiers.status).toBe(409);
    expect(noTiers.body).toMatchObject({
      code: 'AWARD_TIERS_MISSING',
      params: { heatName: '总决赛' },
    });
    const set = await stack.put(`/heats/${finalId}/award-tiers`, { tiers }, organiser.token);
    expect(set.status).toBe(200);
    expect(set.body.tiers).toEqual(tiers);
    const preview = await stack.get(`/heats/${finalId}/awards/preview`, organiser.token);
    expect(preview.status).toBe(200);
    expect(preview.body.ties).toEqual([
      expect.objectContaining({
        score: 90,
        projectIds: [p.P2, p.P3].sort(),
        tiers: ['二等奖', '三等奖'],
      }),
    ]);
    const refused = await stack.post(`/heats/${finalId}/awards`, {}, organiser.token);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/P2 = P3|P3 = P2/);
    expect(refused.body.code).toBe('AWARD_TIES');
    expect(refused.body.params.ties).toEqual([
      { projects: expect.arrayContaining(['P2', 'P3']), score: 90, tiers: ['二等奖', '三等奖'] },
    ]);
  });

  it('assigns the tiers once the organiser settles the tie; nothing is mailed until the release', async () => {
    const res = await stack.post(
      `/heats/${finalId}/awards`,
      { tieBreaks: [{ projectIds: [p.P3, p.P2], reason: '加赛答辩，评委会投票 P3 胜出' }] },
      organiser.token,
    );
    expect(res.status).toBe(200);
    const tierOf = Object.fromEntries(
      res.body.awards.map((a: { projectId: string; tier: string | null }) => [a.projectId, a.tier]),
    );
    expect([p.P1, p.P3, p.P2, p.P4, p.P5, p.P6].map((id) => tierOf[id])).toEqual([
      '一等奖',
      '二等奖',
      '三等奖',
      '三等奖',
      '优秀奖',
      null,
    ]);
    const [audit] = await stack.sql(
      `SELECT reason, data FROM audit_log WHERE action = 'award.tie-resolved' AND entity_id = $1`,
      [finalId],
    );
    expect(audit).toEqual({
      reason: '加赛答辩，评委会投票 P3 胜出',
      data: { order: [p.P3, p.P2] },
    });
    // Listed best tier first: P3 (二等奖) before P2 (三等奖), though both scored 90.
    const listed = (await stack.get(`/heats/${finalId}/awards`, organiser.token)).body.awards;
    expect(listed.map((a: { projectId: string; tier: string }) => [a.projectId, a.tier])).toEqual([
      [p.P1, '一等奖'],
      [p.P3, '二等奖'],
      [p.P2, '三等奖'],
      [p.P4, '三等奖'],
      [p.P5, '优秀奖'],
    ]);
    expect((await stack.get(`/projects/${p.P1}`, organiser.token)).body.status).toBe('AWARDED');
    expect((await stack.get(`/projects/${p.P6}`, organiser.token)).body.status).toBe('ELIMINATED');
    await stack.drained();
    for (const o of owners) expect(awardMails(o)).toHaveLength(0);

    const release = await stack.post(`/heats/${finalId}/results/release`, {}, organiser.token);
    expect(release.status).toBe(200);
    expect(release.body.mails).toBe(3);
    await stack.drained();
    for (const o of owners) expect(awardMails(o)).toHaveLength(1);
    expect(awardMails(owners[0])[0].text).toContain('- P1：获奖（一等奖）');
    expect(awardMails(owners[0])[0].text).toContain('- P2：获奖（三等奖）');
    expect(awardMails(owners[2])[0].text).toContain('- P6：未获奖');
  });

  it('a changed tie-break after release sends one correction to each affected owner only', async () => {
    const res = await stack.post(
      `/heats/${finalId}/awards`,
      { tieBreaks: [{ projectIds: [p.P2, p.P3], reason: '复核计分后 P2 胜出' }] },
      organiser.token,
    );
    expect(res.status).toBe(200);
    const preview = await stack.get(`/heats/${finalId}/results/release/preview`, organiser.token);
    expect(
      preview.body.recipients.map((r: { email: string; mail: string }) => [r.email, r.mail]).sort(),
    ).toEqual(
      [
        [owners[0].email, 'CORRECTION'],
        [owners[1].email, 'CORRECTION'],
      ].sort(),
    );
    expect(
      (await stack.post(`/heats/${finalId}/results/release`, {}, organiser.token)).body.mails,
    ).toBe(2);
    await stack.drained();
    expect(awardMails(owners[0])).toHaveLength(2);
    expect(awardMails(owners[1])).toHaveLength(2);
    expect(awardMails(owners[2])).toHaveLength(1);
    const correction = awardMails(owners[0])[1];
    expect(correction.subject).toContain('晋级结果更正');
    expect(correction.text).toContain('- P2：获奖（二等奖）（更正）');
  });

  it('signing notes: the internal note is never mailed, the message to the applicant is', async () => {
    const signing = await stack.post(
      `/competitions/${competitionId}/signings`,
      { projectId: p.P1, host: '江阴高新区', investmentAmount: '5000000.00' },
      organiser.token,
    );
    expect(signing.status).toBe(201);
    const moved = await stack.post(
      `/signings/${signing.body.id}/transition`,
      {
        to: 'NEGOTIATING',
        note: '内部：对方估值偏高，暂缓让步',
        message: '请于下周五前提交营业执照副本',
      },
      organiser.token,
    );
    expect(moved.status).toBe(200);
    await stack.drained();
    const mails = stack.smtp
      .to(owners[0].email)
      .filter((m) => m.subject?.startsWith('项目签约进展'));
    // The signing's creation and its move each mail the applicant; the two jobs may finish in
    // either order, so pick the move's mail by the status it announces.
    expect(mails).toHaveLength(2);
    const update = mails.find((m) => m.text.includes('签约状态更新为：洽谈中'));
    expect(update?.text).toContain('组委会留言：请于下周五前提交营业执照副本');
    expect(stack.smtp.mails.some((m) => m.text.includes('对方估值偏高'))).toBe(false);
    const detail = await stack.get(`/signings/${signing.body.id}`, organiser.token);
    expect(detail.body.transitions[0]).toMatchObject({
      note: '内部：对方估值偏高，暂缓让步',
      message: '请于下周五前提交营业执照副本',
    });
  });
});
