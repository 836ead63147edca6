import { Stack } from './support/stack';
import {
  Applicant,
  Organiser,
  createCompetition,
  createOrganiser,
  signUpApplicant,
} from './support/scenario';
import { createJudges, judgeHeat, submittedProject } from './support/decisions-scenario';

// Decisions are recorded silently and released on purpose: one mail per
// applicant per release, none before it, one correction for a changed decision.
describe('releases of eligibility decisions and heat results', () => {
  const stack = new Stack();
  let organiser: Organiser;
  let competitionId: string;
  let heatId: string;
  let semiId: string;
  let rubricId: string;
  const owners: Applicant[] = [];
  const project: Record<string, string> = {};

  const eligibilityMails = (a: Applicant) =>
    stack.smtp.to(a.email).filter((m) => /资格审查结果|Eligibility decision/.test(m.subject ?? ''));
  const resultMails = (a: Applicant) =>
    stack.smtp.to(a.email).filter((m) => m.subject?.includes('晋级结果'));

  beforeAll(async () => {
    await stack.start();
    organiser = await createOrganiser(stack);
    const c = await createCompetition(stack, organiser);
    competitionId = c.id;
    heatId = c.heatId;
    rubricId = c.rubricId;
    semiId = (
      await stack.post(
        `/competitions/${competitionId}/heats`,
        { stageCode: 'SEMIFINAL', name: '半决赛', city: '江阴', venue: '江阴高新区科技创业园' },
        organiser.token,
      )
    ).body.id;
    for (let i = 0; i < 3; i++) owners.push(await signUpApplicant(stack, `申请人${i}`));
    // Owner 0 has two projects (A, B); owners 1 and 2 one each (C, D).
    for (const [name, owner] of [
      ['A', owners[0]],
      ['B', owners[0]],
      ['C', owners[1]],
      ['D', owners[2]],
    ] as const)
      project[name] = await submittedProject(stack, competitionId, heatId, owner, `项目${name}`);
  });
  afterAll(() => stack.stop());

  it('bulk review is all or nothing: a bad item changes nothing and is named', async () => {
    const bad = await stack.post(
      `/competitions/${competitionId}/eligibility`,
      {
        items: [
          { projectId: project.A, decision: 'ELIGIBLE' },
          { projectId: project.B, decision: 'INELIGIBLE' },
          { projectId: '00000000-0000-4000-8000-000000000000', decision: 'ELIGIBLE' },
        ],
      },
      organiser.token,
    );
    expect(bad.status).toBe(422);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual([
      'items.1.reason',
      'items.2.projectId',
    ]);
    expect(bad.body).toMatchObject({
      code: 'ELIGIBILITY_BATCH_INVALID',
      params: { problems: 2 },
      details: [{ code: 'INELIGIBLE_REASON_REQUIRED' }, { code: 'PROJECT_NOT_IN_COMPETITION' }],
    });
    expect((await stack.get(`/projects/${project.A}`, organiser.token)).body.status).toBe(
      'SUBMITTED',
    );

    const ok = await stack.post(
      `/competitions/${competitionId}/eligibility`,
      {
        items: [
          { projectId: project.A, decision: 'ELIGIBLE' },
          { projectId: project.B, decision: 'INELIGIBLE', reason: '不属于大赛征集领域' },
          { projectId: project.C, decision: 'ELIGIBLE' },
          { projectId: project.D, decision: 'INELIGIBLE', reason: '材料不全' },
        ],
      },
      organiser.token,
    );
    expect(ok.status).toBe(200);
    expect(ok.body.changed).toHaveLength(4);
    const audit = await stack.sql(
      `SELECT entity_id FROM audit_log WHERE action = 'project.reviewed' AND competition_id = $1`,
      [competitionId],
    );
    expect(audit).toHaveLength(4);
  });

  it('records flips without mail, previews, then mails each owner exactly once', async () => {
    // The story from the issue: a decision flipped back and forth mails nobody.
    for (const decision of ['ELIGIBLE', 'INELIGIBLE', 'ELIGIBLE'])
      expect(
        (
          await stack.post(
            `/projects/${project.D}/review`,
            { decision, reason: decision === 'INELIGIBLE' ? '材料不全' : undefined },
            organiser.token,
          )
        ).status,
      ).toBe(200);
    await stack.drained();
    for (const o of owners) expect(eligibilityMails(o)).toHaveLength(0);

    const preview = await stack.get(
      `/competitions/${competitionId}/eligibility/release/preview`,
      organiser.token,
    );
    expect(preview.status).toBe(200);
    expect(preview.body.recipients).toHaveLength(3);
    const first = preview.body.recipients.find(
      (r: { email: string }) => r.email === owners[0].email,
    );
    expect(first.mail).toBe('DECISION');
    expect(first.items.map((i: { decision: string }) => i.decision).sort()).toEqual([
      'ELIGIBLE',
      'INELIGIBLE',
    ]);

    const release = await stack.post(
      `/competitions/${competitionId}/eligibility/release`,
      {},
      organiser.token,
    );
    expect(release.status).toBe(200);
    expect(release.body.mails).toBe(3);
    await stack.drained();
    for (const o of owners) expect(eligibilityMails(o)).toHaveLength(1);
    const mailA = eligibilityMails(owners[0])[0];
    expect(mailA.text).toContain('「项目A」：通过资格审查');
    expect(mailA.text).toContain('「项目B」：未通过资格审查（原因：不属于大赛征集领域）');

    // Releasing again mails nobody.
    const again = await stack.post(
      `/competitions/${competitionId}/eligibility/release`,
      {},
      organiser.token,
    );
    expect(again.body.mails).toBe(0);
    await stack.drained();
    for (const o of owners) expect(eligibilityMails(o)).toHaveLength(1);
  });

  it('a decision changed after release sends exactly one correction at the next release', async () => {
    await stack.post(
      `/projects/${project.B}/review`,
      { decision: 'ELIGIBLE', reason: '复核后补充材料齐全' },
      organiser.token,
    );
    await stack.drained();
    expect(eligibilityMails(owners[0])).toHaveLength(1); // nothing on the spot
    const preview = await stack.get(
      `/competitions/${competitionId}/eligibility/release/preview`,
      organiser.token,
    );
    expect(preview.body.recipients).toEqual([
      expect.objectContaining({
        email: owners[0].email,
        mail: 'CORRECTION',
        items: [
          expect.objectContaining({
            projectId: project.B,
            decision: 'ELIGIBLE',
            previousDecision: 'INELIGIBLE',
          }),
        ],
      }),
    ]);
    const release = await stack.post(
      `/competitions/${competitionId}/eligibility/release`,
      {},
      organiser.token,
    );
    expect(release.body.mails).toBe(1);
    await stack.drained();
    const mails = eligibilityMails(owners[0]);
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toContain('资格审查结果更正');
    expect(mails[1].text).toContain('此前通知为：未通过资格审查');
    expect(eligibilityMails(owners[1])).toHaveLength(1);
    expect(eligibilityMails(owners[2])).toHaveLength(1);
    const [{ count }] = await stack.sql(
      `SELECT count(*)::int AS count FROM audit_log WHERE action = 'eligibility.released' AND competition_id = $1`,
      [competitionId],
    );
    expect(count).toBe(3);
  });

  it('heat results: advancing mails nobody; the release mails each owner once, then nothing', async () => {
    const judges = await createJudges(stack, organiser, 2);
    await judgeHeat(
      stack,
      organiser,
      heatId,
      rubricId,
      judges,
      new Map([
        [project.A, 90],
        [project.B, 80],
        [project.C, 70],
        [project.D, 60],
      ]),
    );
    const notYet = await stack.get(`/heats/${heatId}/results/release/preview`, organiser.token);
    expect(notYet.status).toBe(409); // not advanced yet
    expect(notYet.body).toMatchObject({
      code: 'HEAT_NO_RESULTS',
      params: { heatName: '华南赛区' },
    });
    const advanced = await stack.post(
      `/heats/${heatId}/advance`,
      { toHeatId: semiId, count: 2 },
      organiser.token,
    );
    expect(advanced.status).toBe(200);
    await stack.drained();
    for (const o of owners) expect(resultMails(o)).toHaveLength(0);

    const preview = await stack.get(`/heats/${heatId}/results/release/preview`, organiser.token);
    expect(preview.body.recipients).toHaveLength(3);
    const release = await stack.post(`/heats/${heatId}/results/release`, {}, organiser.token);
    expect(release.status).toBe(200);
    expect(release.body.mails).toBe(3);
    expect(
      (await stack.post(`/heats/${heatId}/results/release`, {}, organiser.token)).body.mails,
    ).toBe(0);
    await stack.drained();
    for (const o of owners) expect(resultMails(o)).toHaveLength(1);
    const mailA = resultMails(owners[0])[0];
    expect(mailA.text).toContain('- 项目A：晋级');
    expect(mailA.text).toContain('- 项目B：晋级');
    expect(mailA.text).toContain('下一阶段：半决赛');
    expect(resultMails(owners[1])[0].text).toContain('- 项目C：未晋级');
  });

  it('a changed heat result is audited, moves the project, and is mailed once as a correction', async () => {
    const noReason = await stack.patch(
      `/heats/${heatId}/results/${project.C}`,
      { result: 'ADVANCED' },
      organiser.token,
    );
    expect(noReason.status).toBe(400);
    const changed = await stack.patch(
      `/heats/${heatId}/results/${project.C}`,
      { result: 'ADVANCED', reason: '复核发现计分错误' },
      organiser.token,
    );
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ from: 'ELIMINATED', result: 'ADVANCED' });
    const same = await stack.patch(
      `/heats/${heatId}/results/${project.C}`,
      { result: 'ADVANCED', reason: '复核发现计分错误' },
      organiser.token,
    );
    expect(same.status).toBe(409);
    expect(same.body).toMatchObject({
      code: 'RESULT_UNCHANGED',
      params: { projectTitle: '项目C', result: 'ADVANCED' },
    });
    expect((await stack.get(`/projects/${project.C}`, organiser.token)).body).toMatchObject({
      heatId: semiId,
      status: 'ELIGIBLE',
    });
    await stack.drained();
    expect(resultMails(owners[1])).toHaveLength(1); // nothing on the spot
    const preview = await stack.get(`/heats/${heatId}/results/release/preview`, organiser.token);
    expect(preview.body.recipients).toEqual([
      expect.objectContaining({ email: owners[1].email, mail: 'CORRECTION' }),
    ]);
    expect(
      (await stack.post(`/heats/${heatId}/results/release`, {}, organiser.token)).body.mails,
    ).toBe(1);
    await stack.drained();
    expect(resultMails(owners[1])).toHaveLength(2);
    expect(resultMails(owners[1])[1].text).toContain('- 项目C：晋级（更正）');
    for (const o of [owners[0], owners[2]]) expect(resultMails(o)).toHaveLength(1);
    const [audit] = await stack.sql(
      `SELECT reason, data FROM audit_log WHERE action = 'heat.result-changed' AND entity_id = $1`,
      [heatId],
    );
    expect(audit).toEqual({
      reason: '复核发现计分错误',
      data: { projectId: project.C, from: 'ELIMINATED', to: 'ADVANCED' },
    });

    // Once the next heat judges, the result is final (409).
    const round = (
      await stack.post(
        `/heats/${semiId}/rounds`,
        { name: '半决赛路演', kind: 'ROADSHOW', rubricId, method: 'MEAN' },
        organiser.token,
      )
    ).body.id;
    await stack.post(`/rounds/${round}/open`, {}, organiser.token);
    const late = await stack.patch(
      `/heats/${heatId}/results/${project.C}`,
      { result: 'ELIMINATED', reason: '再次复核' },
      organiser.token,
    );
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('半决赛路演: OPEN');
    expect(late.body).toMatchObject({
      code: 'NEXT_HEAT_JUDGING_STARTED',
      params: { projectTitle: '项目C', roundName: '半决赛路演' },
    });
  });

  it("hides another organiser's releases (404)", async () => {
    const other = await createOrganiser(stack, '另一位组织者');
    expect(
      (await stack.post(`/competitions/${competitionId}/eligibility/release`, {}, other.token))
        .status,
    ).toBe(404);
    expect((await stack.get(`/heats/${heatId}/results/release/preview`, other.token)).status).toBe(
      404,
    );
    expect(
      (
        await stack.post(
          `/competitions/${competitionId}/eligibility`,
          { items: [{ projectId: project.A, decision: 'INELIGIBLE', reason: 'x' }] },
          other.token,
        )
      ).status,
    ).toBe(404);
  });
});
