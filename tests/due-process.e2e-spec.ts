import { Stack, waitFor } from './support/stack';
import {
  Applicant,
  Organiser,
  createCompetition,
  createOrganiser,
  signUpApplicant,
  uniqueEmail,
} from './support/scenario';
import { createJudges, judgeHeat, submittedProject } from './support/decisions-scenario';
import { EXE, makePdf, pdfText } from './support/files';
import { createHash } from 'node:crypto';
import yauzl from 'yauzl';

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, Buffer>();
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, file) => {
      if (err || !file) return reject(err ?? new Error('not a zip'));
      file.on('entry', (entry: yauzl.Entry) =>
        file.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no entry stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            file.readEntry();
          });
        }),
      );
      file.on('end', () => resolve(out));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

// Due process after a decision (docs/due-process.md): 公示 that ends by
// itself, an objection filed publicly and upheld (the project disqualified,
// the place offered on: declined, then accepted), a written withdrawal whose
// offer expires by the scheduler, appeals (after the window, inside it), a
// failed due diligence; one mail per person per event.
describe('due process: 公示, objections, 递补, appeals, due diligence', () => {
  const stack = new Stack({
    env: { SCHEDULER_INTERVAL_MS: '200', OBJECTION_CONTACT_MAX: '2', OBJECTION_IP_MAX: '50' },
  });
  let organiser: Organiser;
  let competitionId: string;
  let south: string;
  let east: string;
  let semi: string;
  const owner: Record<string, Applicant> = {};
  const project: Record<string, string> = {};
  let southPublicity: string;
  let eastPublicity: string;
  const objectorA = uniqueEmail('objector-a');
  const objectorB = uniqueEmail('objector-b');

  const mails = (email: string, subject: string) =>
    stack.smtp.to(email).filter((m) => m.subject?.includes(subject));

  async function fileObjection(
    publicityId: string,
    fields: Record<string, string>,
    files: { name: string; bytes: Buffer }[] = [],
  ) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append('evidence', new Blob([f.bytes]), f.name);
    const res = await fetch(`${stack.apiUrl}/public/publicities/${publicityId}/objections`, {
      method: 'POST',
      body: form,
    });
    return { status: res.status, body: (await res.json()) as any, headers: res.headers };
  }

  beforeAll(async () => {
    await stack.start();
    organiser = await createOrganiser(stack);
    const c = await createCompetition(stack, organiser);
    competitionId = c.id;
    south = c.heatId;
    const heat = async (body: object) =>
      (await stack.post(`/competitions/${competitionId}/heats`, body, organiser.token)).body
        .id as string;
    east = await heat({ stageCode: 'HEAT', name: '华东赛区', city: '上海', advanceQuota: 1 });
    semi = await heat({ stageCode: 'SEMIFINAL', name: '半决赛', city: '江阴' });
    // 华南 P1..P6 scored 90..65 (2 advance); 华东 E1..E3 88, 82, 60 (1 advances).
    const southMarks = { P1: 90, P2: 85, P3: 80, P4: 75, P5: 70, P6: 65 };
    const eastMarks = { E1: 88, E2: 82, E3: 60 };
    for (const [name, heatId] of [
      ...Object.keys(southMarks).map((n) => [n, south] as const),
      ...Object.keys(eastMarks).map((n) => [n, east] as const),
    ]) {
      owner[name] = await signUpApplicant(stack, `申请人${name}`);
      project[name] = await submittedProject(
        stack,
        competitionId,
        heatId,
        owner[name],
        `项目${name}`,
      );
    }
    const review = await stack.post(
      `/competitions/${competitionId}/eligibility`,
      { items: Object.values(project).map((projectId) => ({ projectId, decision: 'ELIGIBLE' })) },
      organiser.token,
    );
    expect(review.status).toBe(200);
    const judges = await createJudges(stack, organiser, 2);
    const marks = (m: Record<string, number>) =>
      new Map(Object.entries(m).map(([n, v]) => [project[n], v]));
    await judgeHeat(stack, organiser, south, c.rubricId, judges, marks(southMarks));
    await judgeHeat(stack, organiser, east, c.rubricId, judges, marks(eastMarks));
    for (const [heatId, count] of [
      [south, 2],
      [east, 1],
    ] as const) {
      const adv = await stack.post(
        `/heats/${heatId}/advance`,
        { toHeatId: semi, count },
        organiser.token,
      );
      expect(adv.status).toBe(200);
      expect(
        (await stack.post(`/heats/${heatId}/results/release`, {}, organiser.token)).status,
      ).toBe(200);
    }
    const settings = await stack.put(
      `/competitions/${competitionId}/due-process-settings`,
      {
        organiserContact: '大赛组委会办公室 0510-86000000',
        supervisorContact: '纪检监督电话 0510-86000001',
        offerHours: 48,
      },
      organiser.token,
    );
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({
      publicityDays: 7,
      appealWindowHours: 48,
      vacancyRule: 'OFFER_NEXT',
    });
    await stack.drained();
  }, 300000);
  afterAll(() => stack.stop());

  it('publishes 华东 for a short period; the 公示 ends by itself and the result is final', async () => {
    const endsAt = new Date(Date.now() + 4000).toISOString();
    const started = await stack.post(`/heats/${east}/publicity`, { endsAt }, organiser.token);
    expect(started.status).toBe(201);
    eastPublicity = started.body.id;
    expect(started.body).toMatchObject({
      status: 'ACTIVE',
      kind: 'ADVANCEMENT',
      endsAt,
      objectionsOpen: true,
    });
    expect((await stack.post(`/heats/${east}/publicity`, {}, organiser.token)).body.code).toBe(
      'PUBLICITY_EXISTS',
    );

    // Anyone reads it, without a token; the list carries ranks and scores.
    const res = await fetch(`${stack.apiUrl}/public/publicities/${eastPublicity}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=5');
    const body = (await res.json()) as any;
    expect(body.lines.map((l: any) => [l.title, l.rank, l.score, l.standing])).toEqual([
      ['项目E1', 1, 88, 'ADVANCED'],
      ['项目E2', 2, 82, 'ELIMINATED'],
      ['项目E3', 3, 60, 'ELIMINATED'],
    ]);
    expect(body).toMatchObject({
      organiserContact: '大赛组委会办公室 0510-86000000',
      supervisorContact: '纪检监督电话 0510-86000001',
    });
    expect(JSON.stringify(body)).not.toContain('@e2e.test');

    await waitFor(
      'the 公示 to end by itself',
      async () =>
        (await stack.get(`/heats/${east}/publicity`, organiser.token)).body.status === 'FINAL',
      20000,
    );
    const audit = await stack.sql(
      `SELECT actor_id, action FROM audit_log WHERE entity_id = $1 ORDER BY at`,
      [eastPublicity],
    );
    expect(audit.map((a) => a.action)).toEqual(['publicity.started', 'publicity.finalised']);
    expect(audit[1].actor_id).toBeNull();
    // After the period no objection is taken.
    const late = await fileObjection(eastPublicity, {
      name: '李四',
      contact: objectorA,
      unit: '某大学',
      projectId: project.E1,
      reason: '迟到的异议',
    });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('PUBLICITY_CLOSED');
    await stack.drained();
    for (const n of ['E1', 'E2', 'E3']) {
      expect(mails(owner[n].email, '结果公示')).toHaveLength(1);
      expect(mails(owner[n].email, '公示结束')).toHaveLength(1);
    }
    expect(mails(owner.E1.email, '结果公示')[0].text).toContain('/public/publicity/');
  });

  it('publishes 华南 with its documents: a PDF in the official layout and an XLSX', async () => {
    const started = await stack.post(`/heats/${south}/publicity`, {}, organiser.token);
    expect(started.status).toBe(201);
    southPublicity = started.body.id;
    const days = (Date.parse(started.body.endsAt) - Date.parse(started.body.startsAt)) / 86400000;
    expect(days).toBe(7);
    const pdf = await fetch(`${stack.apiUrl}/public/publicities/${southPublicity}/list.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = pdfText(Buffer.from(await pdf.arrayBuffer())).join('\n');
    expect(text).toContain('华南赛区晋级名单公示');
    expect(text).toContain('项目P1');
    expect(text).toContain('纪检监督电话');
    const xlsx = await fetch(`${stack.apiUrl}/public/publicities/${southPublicity}/list.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
  });

  let objection1: string;
  it('takes objections from the public page, with a receipt; refuses bad evidence and limits a contact', async () => {
    const pdf = await makePdf(1, 0, 'evidence');
    const filed = await fileObjection(
      southPublicity,
      {
        name: '李四',
        contact: objectorA,
        unit: '江南大学',
        projectId: project.P1,
        reason: '项目P1的核心专利与另一参赛项目重复，材料不实。',
      },
      [{ name: '专利证书.pdf', bytes: pdf }],
    );
    expect(filed.status).toBe(201);
    expect(filed.body.receipt).toMatch(/^\d{4}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(filed.body.evidence).toBe(1);
    expect(filed.headers.get('cache-control')).toBe('no-store');

    const exe = await fileObjection(
      southPublicity,
      { name: '李四', contact: objectorA, unit: '江南大学', projectId: project.P1, reason: '附件' },
      [{ name: 'scan.pdf', bytes: EXE }],
    );
    expect(exe.status).toBe(415);
    expect(exe.body.code).toBe('OBJECTION_EVIDENCE_TYPE');
    const incomplete = await fileObjection(southPublicity, {
      name: '',
      contact: '12345',
      unit: 'x',
      reason: 'y',
    });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.details.map((d: any) => d.field).sort()).toEqual([
      'contact',
      'name',
      'projectId',
    ]);

    // The same objection from someone else (merged later); then the contact limit (2).
    const same = await fileObjection(southPublicity, {
      name: '王五',
      contact: objectorB,
      unit: '江阴市科技局',
      projectId: project.P1,
      reason: '项目P1专利重复。',
    });
    expect(same.status).toBe(201);
    const second = await fileObjection(southPublicity, {
      name: '李四',
      contact: objectorA,
      unit: '江南大学',
      procedure: '现场评分',
      reason: '评委回避不到位。',
    });
    expect(second.status).toBe(201);
    const third = await fileObjection(southPublicity, {
      name: '李四',
      contact: ` ${objectorA.toUpperCase()} `,
      unit: '江南大学',
      procedure: '现场评分',
      reason: '再次提出。',
    });
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('OBJECTION_LIMIT_REACHED');

    await stack.drained();
    expect(mails(objectorA, '异议回执')).toHaveLength(2);
    // The mail worker sends concurrently: the receipts arrive in either order.
    expect(mails(objectorA, '异议回执').map((m) => m.text)).toEqual(
      expect.arrayContaining([expect.stringContaining(filed.body.receipt)]),
    );
    // Never public: the public list says nothing of them.
    const pub = await (await fetch(`${stack.apiUrl}/public/publicities/${southPublicity}`)).text();
    expect(pub).not.toContain('李四');

    const list = await stack.get(`/competitions/${competitionId}/objections`, organiser.token);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(3);
    const first = list.body.items.find((o: any) => o.receipt === filed.body.receipt);
    objection1 = first.id;
    expect(first).toMatchObject({ status: 'FILED', projectTitle: '项目P1', unit: '江南大学' });
    expect(first.evidence[0]).toMatchObject({
      name: '专利证书.pdf',
      contentType: 'application/pdf',
    });
    const ev = await fetch(
      `${stack.apiUrl}/objections/${objection1}/evidence/${first.evidence[0].id}`,
      {
        headers: { authorization: `Bearer ${organiser.token}` },
      },
    );
    expect(ev.status).toBe(200);
    expect(Buffer.from(await ev.arrayBuffer()).equals(pdf)).toBe(true);
    const b = list.body.items.find((o: any) => o.name === '王五');
    expect(
      (await stack.post(`/objections/${b.id}/merge`, { intoId: objection1 }, organiser.token)).body
        .status,
    ).toBe('MERGED');
    const procedural = list.body.items.find((o: any) => o.procedure === '现场评分');
    const dismissed = await stack.post(
      `/objections/${procedural.id}/decide`,
      { outcome: 'DISMISSED', reasons: '经核查，评委已按规定回避。', action: 'NONE' },
      organiser.token,
    );
    expect(dismissed.status).toBe(200);
  });

  it('upholds the objection: P1 is disqualified, P3 offered the place declines, P4 accepts', async () => {
    const assigned = await stack.post(
      `/objections/${objection1}/assign`,
      { handlerId: organiser.id },
      organiser.token,
    );
    expect(assigned.body).toMatchObject({ status: 'ASSIGNED', handlerId: organiser.id });
    const decided = await stack.post(
      `/objections/${objection1}/decide`,
      {
        outcome: 'UPHELD',
        reasons: '经核实，项目P1核心专利与他人重复，取消其晋级资格。',
        findings: '查阅专利登记簿，与某项目专利号相同。',
        action: 'DISQUALIFY',
      },
      organiser.token,
    );
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('UPHELD');
    const again = await stack.post(
      `/objections/${objection1}/decide`,
      { outcome: 'DISMISSED', reasons: 'x' },
      organiser.token,
    );
    expect(again.body.code).toBe('OBJECTION_ALREADY_DECIDED');

    const view = await stack.get(`/heats/${south}/publicity`, organiser.token);
    const standing = (n: string) =>
      view.body.lines.find((l: any) => l.projectId === project[n]).standing;
    expect(standing('P1')).toBe('DISQUALIFIED');
    expect(standing('P3')).toBe('OFFERED');
    expect((await stack.get(`/projects/${project.P1}`, organiser.token)).body).toMatchObject({
      status: 'ELIMINATED',
      heatId: south,
    });

    const offerP3 = (await stack.get(`/projects/${project.P3}/due-process`, owner.P3.token)).body
      .offers[0];
    expect(offerP3.status).toBe('OFFERED');
    // Only the owner answers an offer.
    expect((await stack.post(`/offers/${offerP3.id}/accept`, {}, owner.P4.token)).status).toBe(404);
    const declined = await stack.post(`/offers/${offerP3.id}/decline`, {}, owner.P3.token);
    expect(declined.body.status).toBe('DECLINED');
    const offerP4 = (await stack.get(`/projects/${project.P4}/due-process`, owner.P4.token)).body
      .offers[0];
    const accepted = await stack.post(`/offers/${offerP4.id}/accept`, {}, owner.P4.token);
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('ACCEPTED');
    expect((await stack.get(`/projects/${project.P4}`, organiser.token)).body).toMatchObject({
      heatId: semi,
      status: 'ELIGIBLE',
    });
    const pub = (await (
      await fetch(`${stack.apiUrl}/public/publicities/${southPublicity}`)
    ).json()) as any;
    expect(pub.lines.map((l: any) => [l.title, l.standing])).toEqual([
      ['项目P1', 'DISQUALIFIED'],
      ['项目P2', 'ADVANCED'],
      ['项目P3', 'ELIMINATED'],
      ['项目P4', 'SUBSTITUTED'],
      ['项目P5', 'ELIMINATED'],
      ['项目P6', 'ELIMINATED'],
    ]);

    await stack.drained();
    expect(mails(objectorA, '异议处理结果')).toHaveLength(2); // the upheld one and the dismissed one
    expect(mails(objectorB, '异议处理结果')).toHaveLength(1); // merged: answered with the first
    expect(mails(objectorB, '异议处理结果')[0].text).toContain('异议成立');
    expect(mails(owner.P1.email, '名额变更通知')).toHaveLength(1);
    expect(mails(owner.P3.email, '递补通知')).toHaveLength(1);
    expect(mails(owner.P4.email, '递补通知')).toHaveLength(1);
    // Rows of one transaction share a time: compared as a set.
    const actions = await stack.sql(
      `SELECT action FROM audit_log WHERE competition_id = $1 AND action LIKE 'place.%'`,
      [competitionId],
    );
    expect(actions.map((a) => a.action).sort()).toEqual(
      [
        'place.vacated',
        'place.offered',
        'place.declined',
        'place.offered',
        'place.accepted',
      ].sort(),
    );
  });

  it('a written withdrawal offers the place on; an unanswered offer passes on by the scheduler', async () => {
    const res = await stack.post(
      `/projects/${project.P2}/withdraw-place`,
      { heatId: south, letter: '本团队因故自愿放弃晋级资格，特此承诺。' },
      owner.P2.token,
    );
    expect(res.status).toBe(200);
    expect(res.body.offeredTo).toBe(project.P5);
    const again = await stack.post(
      `/projects/${project.P2}/withdraw-place`,
      { heatId: south, letter: '再次' },
      owner.P2.token,
    );
    expect(again.body.code).toBe('PROJECT_HOLDS_NO_PLACE');
    // The deadline passes (48 h, brought forward here).
    await stack.sql(
      `UPDATE place_offers SET deadline = now() - interval '1 second' WHERE project_id = $1`,
      [project.P5],
    );
    await waitFor('the offer to P5 to expire and pass to P6', async () => {
      const offers = (await stack.get(`/projects/${project.P6}/due-process`, owner.P6.token)).body
        .offers;
      return offers.length === 1 && offers[0].status === 'OFFERED' ? offers : null;
    });
    const p5 = (await stack.get(`/projects/${project.P5}/due-process`, owner.P5.token)).body
      .offers[0];
    expect(p5.status).toBe('EXPIRED');
    expect((await stack.post(`/offers/${p5.id}/accept`, {}, owner.P5.token)).body.code).toBe(
      'OFFER_NOT_OPEN',
    );
    const [expired] = await stack.sql(
      `SELECT actor_id FROM audit_log WHERE action = 'place.expired' AND competition_id = $1`,
      [competitionId],
    );
    expect(expired.actor_id).toBeNull();
  });

  it('refuses an appeal after its window; upholds one inside it and re-ranks', async () => {
    await stack.sql(
      `UPDATE result_releases SET released_at = now() - interval '49 hours' WHERE project_id = $1`,
      [project.P5],
    );
    const late = await stack.post(
      `/projects/${project.P5}/appeals`,
      { heatId: south, kind: 'RECHECK', reason: '分数汇总有误' },
      owner.P5.token,
    );
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      code: 'APPEAL_WINDOW_CLOSED',
      params: { heatName: '华南赛区', windowHours: 48 },
    });

    const filed = await stack.post(
      `/projects/${project.E2}/appeals`,
      { heatId: east, kind: 'RECHECK', reason: '评委2的评分表合计有误，应为95分。' },
      owner.E2.token,
    );
    expect(filed.status).toBe(201);
    expect(
      (
        await stack.post(
          `/projects/${project.E2}/appeals`,
          { heatId: east, kind: 'REREVIEW', reason: '再次' },
          owner.E2.token,
        )
      ).body.code,
    ).toBe('APPEAL_ALREADY_FILED');
    expect(
      (
        await stack.post(
          `/appeals/${filed.body.id}/decide`,
          { outcome: 'UPHELD', reasons: '复核属实' },
          organiser.token,
        )
      ).body.code,
    ).toBe('APPEAL_SCORE_REQUIRED');
    const decided = await stack.post(
      `/appeals/${filed.body.id}/decide`,
      {
        outcome: 'UPHELD',
        reasons: '复核评分表，评委2合计应为95分，项目平均分更正为88.5分。',
        correctedScore: 88.5,
      },
      organiser.token,
    );
    expect(decided.status).toBe(200);
    expect(decided.body.moves).toEqual(
      expect.arrayContaining([
        { projectId: project.E2, from: 'ELIMINATED', to: 'ADVANCED' },
        { projectId: project.E1, from: 'ADVANCED', to: 'ELIMINATED' },
      ]),
    );
    const results = (await stack.get(`/heats/${east}/advancement`, organiser.token)).body.results;
    const result = (n: string) => results.find((r: any) => r.projectId === project[n]).result;
    expect([result('E1'), result('E2')]).toEqual(['ELIMINATED', 'ADVANCED']);
    const pub = (await (
      await fetch(`${stack.apiUrl}/public/publicities/${eastPublicity}`)
    ).json()) as any;
    expect(pub.lines.map((l: any) => [l.title, l.rank, l.score, l.standing])).toEqual([
      ['项目E2', 1, 88.5, 'ADVANCED'],
      ['项目E1', 2, 88, 'ELIMINATED'],
      ['项目E3', 3, 60, 'ELIMINATED'],
    ]);
    await stack.drained();
    expect(mails(owner.E2.email, '申诉处理结果')).toHaveLength(1);
    expect(mails(owner.E2.email, '申诉处理结果')[0].text).toContain('申诉成立');
    expect(mails(owner.E1.email, '名额变更通知')).toHaveLength(1);
  });

  it('a failed due diligence withdraws the project; with the ranking exhausted the place stays empty', async () => {
    const assigned = await stack.post(
      `/heats/${south}/diligence`,
      { projectIds: [project.P4], handlerId: organiser.id },
      organiser.token,
    );
    expect(assigned.status).toBe(201);
    const check = assigned.body.items[0];
    expect(check.checklist.map((c: any) => c.code)).toEqual([
      'LICENCE',
      'IP',
      'FINANCIALS',
      'TAX',
      'CONSISTENCY',
    ]);
    const pass = await stack.post(
      `/diligence/${check.id}/decide`,
      { outcome: 'PASSED', items: [{ code: 'LICENCE', ok: true }], findings: '通过' },
      organiser.token,
    );
    expect(pass.body.code).toBe('DILIGENCE_CHECKLIST_INCOMPLETE');
    const fail = await stack.post(
      `/diligence/${check.id}/decide`,
      {
        outcome: 'FAILED',
        items: [
          { code: 'LICENCE', ok: true },
          { code: 'CONSISTENCY', ok: false, note: '注册资本与报名信息不符' },
        ],
        findings: '营业执照注册资本与报名信息不一致，取消晋级资格。',
      },
      organiser.token,
    );
    expect(fail.status).toBe(200);
    expect(fail.body.status).toBe('FAILED');
    const view = await stack.get(`/heats/${south}/publicity`, organiser.token);
    expect(view.body.lines.find((l: any) => l.projectId === project.P4).standing).toBe(
      'FAILED_DILIGENCE',
    );
    const [empty] = await stack.sql(
      `SELECT data FROM audit_log WHERE action = 'place.left-empty' AND competition_id = $1`,
      [competitionId],
    );
    expect(empty.data).toMatchObject({ vacatedProjectId: project.P4, offeredTo: null });
    await stack.drained();
    expect(mails(owner.P4.email, '尽职调查结果')).toHaveLength(1);
    expect(mails(owner.P4.email, '名额变更通知')).toHaveLength(1);
  });

  it('sent each person at most one mail per event', async () => {
    await stack.drained();
    const dupes = await stack.sql(
      `SELECT event_id, recipient, count(*)::int AS n FROM notifications GROUP BY 1, 2 HAVING count(*) > 1`,
    );
    expect(dupes).toEqual([]);
    const byType = await stack.sql(
      `SELECT type, count(*)::int AS n FROM notifications WHERE competition_id = $1 AND type IN
         ('PUBLICITY_STARTED','PUBLICITY_FINAL','OBJECTION_RECEIPT','OBJECTION_OUTCOME','PLACE_OFFERED','PLACE_LOST','APPEAL_OUTCOME','DILIGENCE_OUTCOME')
       GROUP BY type ORDER BY type`,
      [competitionId],
    );
    expect(Object.fromEntries(byType.map((r) => [r.type, r.n]))).toEqual({
      APPEAL_OUTCOME: 1,
      DILIGENCE_OUTCOME: 1,
      OBJECTION_OUTCOME: 3, // A twice (two objections), B once
      OBJECTION_RECEIPT: 3,
      PLACE_LOST: 4, // P1 disqualified, P2 withdrew, E1 re-ranked, P4 failed
      PLACE_OFFERED: 4, // P3, P4, P5, P6
      PUBLICITY_FINAL: 3,
      PUBLICITY_STARTED: 9,
    });
  });
  it('leaves a project that gave up its place WITHDRAWN, its letter on its page', async () => {
    const p2 = await stack.get(`/projects/${project.P2}`, owner.P2.token);
    expect(p2.body).toMatchObject({ status: 'WITHDRAWN', heatId: south });
    const results = (await stack.get(`/heats/${south}/advancement`, organiser.token)).body.results;
    expect(results.find((r: any) => r.projectId === project.P2).result).toBe('ELIMINATED');
    const [changed] = await stack.sql(
      `SELECT data FROM audit_log WHERE action = 'heat.result-changed' AND data->>'projectId' = $1`,
      [project.P2],
    );
    expect(changed.data).toMatchObject({
      from: 'ADVANCED',
      to: 'ELIMINATED',
      projectStatus: 'WITHDRAWN',
    });
    const view = (await stack.get(`/projects/${project.P2}/due-process`, owner.P2.token)).body;
    expect(view.timeZone).toBe('Asia/Shanghai');
    expect(view.withdrawals).toEqual([
      expect.objectContaining({ heatId: south, letter: '本团队因故自愿放弃晋级资格，特此承诺。' }),
    ]);
    expect(view.results).toEqual([
      expect.objectContaining({
        heatId: south,
        heatName: '华南赛区',
        holdsPlace: false,
        standing: 'WITHDRAWN',
      }),
    ]);
    // Its result went to 递补 with its letter: the server refuses an appeal of it.
    const appeal = await stack.post(
      `/projects/${project.P2}/appeals`,
      { heatId: south, kind: 'RECHECK', reason: '要求复核分数' },
      owner.P2.token,
    );
    expect(appeal.status).toBe(409);
    expect(appeal.body.code).toBe('PROJECT_ALREADY_WITHDRAWN');
    // Another's view names its place, still held, and its appeal deadline.
    const e2 = (await stack.get(`/projects/${project.E2}/due-process`, owner.E2.token)).body;
    const east2 = e2.results.find((r: any) => r.heatId === east);
    expect(east2).toMatchObject({ result: 'ADVANCED', holdsPlace: true, standing: 'ADVANCED' });
    expect(Date.parse(east2.appealDeadline) - Date.parse(east2.releasedAt)).toBe(48 * 3600 * 1000);
  });

  it('moves the heat result, the list and the letter together or not at all', async () => {
    // A letter already on file for E2 makes the withdrawal fail after the heat
    // result moved in its transaction: nothing of it may stay.
    await stack.sql(
      `INSERT INTO place_withdrawals (id, heat_id, project_id, competition_id, withdrawn_by_id, letter)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, 'x')`,
      [east, project.E2, competitionId, owner.E2.id],
    );
    const failed = await stack.post(
      `/projects/${project.E2}/withdraw-place`,
      { heatId: east, letter: '因团队成员变动，自愿放弃晋级资格。' },
      owner.E2.token,
    );
    expect(failed.status).toBe(409);
    expect(failed.body.code).toBe('PROJECT_ALREADY_WITHDRAWN');
    const resultOf = async () =>
      (await stack.get(`/heats/${east}/advancement`, organiser.token)).body.results.find(
        (r: any) => r.projectId === project.E2,
      ).result;
    expect(await resultOf()).toBe('ADVANCED');
    expect((await stack.get(`/projects/${project.E2}`, owner.E2.token)).body).toMatchObject({
      status: 'ELIGIBLE',
      heatId: semi,
    });
    const line = async () =>
      (await stack.get(`/heats/${east}/publicity`, organiser.token)).body.lines.find(
        (l: any) => l.projectId === project.E2,
      ).standing;
    expect(await line()).toBe('ADVANCED');
    expect(
      await stack.sql(
        `SELECT 1 FROM audit_log WHERE action = 'place.withdrawn' AND entity_id = $1`,
        [project.E2],
      ),
    ).toEqual([]);

    await stack.sql(`DELETE FROM place_withdrawals WHERE project_id = $1`, [project.E2]);
    const done = await stack.post(
      `/projects/${project.E2}/withdraw-place`,
      { heatId: east, letter: '因团队成员变动，自愿放弃晋级资格。' },
      owner.E2.token,
    );
    expect(done.status).toBe(200);
    expect(done.body.offeredTo).toBe(project.E1);
    expect(await resultOf()).toBe('ELIMINATED');
    expect(await line()).toBe('WITHDRAWN');
    expect((await stack.get(`/projects/${project.E2}`, owner.E2.token)).body).toMatchObject({
      status: 'WITHDRAWN',
      heatId: east,
    });
  });

  it('files the withdrawal letters in the evidence pack as their own section, hashed in the manifest', async () => {
    const res = await fetch(`${stack.apiUrl}/heats/${south}/evidence-pack.zip`, {
      headers: { authorization: `Bearer ${organiser.token}` },
    });
    expect(res.status).toBe(200);
    const files = await unzip(Buffer.from(await res.arrayBuffer()));
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest.sections.provided).toContain('withdrawals');
    expect(manifest.sections.notYetProvided).toEqual([]);
    const listed = manifest.files.map((x: { path: string }) => x.path).sort();
    expect(listed).toEqual([...files.keys()].filter((k) => k !== 'manifest.json').sort());
    for (const entry of manifest.files as { path: string; sha256: string; bytes: number }[])
      expect({ path: entry.path, sha256: sha256(files.get(entry.path)!) }).toEqual({
        path: entry.path,
        sha256: entry.sha256,
      });
    const section = JSON.parse(files.get('withdrawals/withdrawals.json')!.toString('utf8'));
    expect(section.items).toEqual([
      expect.objectContaining({
        projectId: project.P2,
        title: '项目P2',
        withdrawnById: owner.P2.id,
        withdrawnBy: '申请人P2',
        letter: '本团队因故自愿放弃晋级资格，特此承诺。',
        file: 'letters/01-项目P2.txt',
      }),
    ]);
    expect(Date.parse(section.items[0].withdrawnAt)).not.toBeNaN();
    const letter = files.get('withdrawals/letters/01-项目P2.txt')!.toString('utf8');
    expect(letter).toContain('本团队因故自愿放弃晋级资格，特此承诺。');
    expect(letter).toContain('申请人P2');
    expect(manifest.files).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'withdrawals/letters/01-项目P2.txt' }),
      ]),
    );
    // Only this heat's letters: E2's is in 华东's pack.
    expect(JSON.stringify(section)).not.toContain(project.E2);
  });

  it('a winner’s written withdrawal from the final’s award list vacates the award and leaves the project WITHDRAWN', async () => {
    // A one-stage competition: W1..W3 register straight into the final.
    const now = Date.now();
    const fid = (
      await stack.post(
        '/competitions',
        {
          name: '江阴创新创业大赛总决赛',
          tracks: [{ code: 'IOT', name: '物联网' }],
          stages: [{ code: 'FINAL', name: '总决赛', order: 1 }],
          registrationOpensAt: new Date(now - 86400000).toISOString(),
          registrationClosesAt: new Date(now + 86400000).toISOString(),
        },
        organiser.token,
      )
    ).body.id as string;
    const finalId = (
      await stack.post(
        `/competitions/${fid}/heats`,
        { stageCode: 'FINAL', name: '总决赛', city: '江阴' },
        organiser.token,
      )
    ).body.id as string;
    const rubricId = (
      await stack.post(
        `/competitions/${fid}/rubrics`,
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
    ).body.id as string;
    const winners: Record<string, { owner: Applicant; id: string }> = {};
    for (const name of ['W1', 'W2', 'W3']) {
      const o = await signUpApplicant(stack, `决赛申请人${name}`);
      winners[name] = {
        owner: o,
        id: await submittedProject(stack, fid, finalId, o, `决赛${name}`),
      };
    }
    expect(
      (
        await stack.post(
          `/competitions/${fid}/eligibility`,
          {
            items: Object.values(winners).map((w) => ({ projectId: w.id, decision: 'ELIGIBLE' })),
          },
          organiser.token,
        )
      ).status,
    ).toBe(200);
    const judges = await createJudges(stack, organiser, 2);
    await judgeHeat(
      stack,
      organiser,
      finalId,
      rubricId,
      judges,
      new Map([
        [winners.W1.id, 95],
        [winners.W2.id, 85],
        [winners.W3.id, 70],
      ]),
    );
    const tiers = [
      { name: '一等奖', count: 1 },
      { name: '二等奖', count: 1 },
    ];
    expect(
      (await stack.put(`/heats/${finalId}/award-tiers`, { tiers }, organiser.token)).status,
    ).toBe(200);
    expect((await stack.post(`/heats/${finalId}/awards`, {}, organiser.token)).status).toBe(200);
    const published = await stack.post(`/heats/${finalId}/publicity`, {}, organiser.token);
    expect(published.status).toBe(201);
    expect(published.body.kind).toBe('AWARDS');

    const letter = '本团队因故自愿放弃决赛获奖资格，特此承诺。';
    const res = await stack.post(
      `/projects/${winners.W1.id}/withdraw-place`,
      { heatId: finalId, letter },
      winners.W1.owner.token,
    );
    expect(res.status).toBe(200);
    // A freed award is not offered on: re-assigning the awards passes it on.
    expect(res.body).toMatchObject({ projectId: winners.W1.id, offeredTo: null, offerId: null });
    expect(
      (await stack.get(`/projects/${winners.W1.id}`, winners.W1.owner.token)).body,
    ).toMatchObject({ status: 'WITHDRAWN', heatId: finalId });
    const awards = (await stack.get(`/heats/${finalId}/awards`, organiser.token)).body.awards;
    expect(awards.map((a: any) => [a.projectId, a.tier])).toEqual([[winners.W2.id, '二等奖']]);
    const results = (await stack.get(`/heats/${finalId}/advancement`, organiser.token)).body
      .results;
    expect(results.find((r: any) => r.projectId === winners.W1.id).result).toBe('ELIMINATED');
    const line = (await fetch(`${stack.apiUrl}/public/publicities/${published.body.id}`).then((r) =>
      r.json(),
    )) as any;
    expect(line.lines.find((l: any) => l.title === '决赛W1').standing).toBe('WITHDRAWN');
    const [changed] = await stack.sql(
      `SELECT actor_id, reason, data FROM audit_log
        WHERE action = 'heat.result-changed' AND data->>'projectId' = $1`,
      [winners.W1.id],
    );
    expect(changed).toMatchObject({
      actor_id: winners.W1.owner.id,
      reason: letter,
      data: { from: 'AWARDED', to: 'ELIMINATED', projectStatus: 'WITHDRAWN', tier: '一等奖' },
    });
    const view = (await stack.get(`/projects/${winners.W1.id}/due-process`, winners.W1.owner.token))
      .body;
    expect(view.withdrawals).toEqual([expect.objectContaining({ heatId: finalId, letter })]);
    // The other winner holds its award; a loser holds none to give up.
    const loser = await stack.post(
      `/projects/${winners.W3.id}/withdraw-place`,
      { heatId: finalId, letter: '放弃' },
      winners.W3.owner.token,
    );
    expect(loser.body.code).toBe('PROJECT_HOLDS_NO_PLACE');
    expect(
      (await stack.get(`/projects/${winners.W2.id}`, winners.W2.owner.token)).body.status,
    ).toBe('AWARDED');
    // Re-assigning passes the first prize down the standings, without W1.
    expect((await stack.post(`/heats/${finalId}/awards`, {}, organiser.token)).status).toBe(200);
    const reassigned = (await stack.get(`/heats/${finalId}/awards`, organiser.token)).body.awards;
    expect(reassigned.map((a: any) => [a.projectId, a.tier])).toEqual([
      [winners.W2.id, '一等奖'],
      [winners.W3.id, '二等奖'],
    ]);
    expect(
      (await stack.get(`/projects/${winners.W1.id}`, winners.W1.owner.token)).body.status,
    ).toBe('WITHDRAWN');
  });
});
