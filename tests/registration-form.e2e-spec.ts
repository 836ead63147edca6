import { randomUUID } from 'node:crypto';
import { makePdf, uploadFile } from './support/files';
import { Stack } from './support/stack';
import {
  createCompetition,
  createOrganiser,
  signUpApplicant,
  type CompetitionFixture,
  type Organiser,
} from './support/scenario';
import { download } from './support/upload';

// Each competition's own registration form (issue 19), end to end: the
// organiser defines it, applicants answer it field by field, drafts may stay
// incomplete until submit, the declaration is accepted at submit, a form
// change never silently invalidates stored answers, eligibility rules flag.
const L = (zh: string, en: string) => ({ zh, en });
const FORM = {
  groups: [
    { key: 'company', label: L('企业组', 'Company group') },
    { key: 'team', label: L('团队组', 'Team group'), tracks: ['IOT', 'AI'] },
  ],
  fields: [
    {
      key: 'creditCode',
      type: 'text',
      label: L('统一社会信用代码', 'Unified social credit code'),
      required: true,
      minLength: 18,
      maxLength: 18,
      groups: ['company'],
      lock: 'afterEligibility',
    },
    {
      key: 'plan',
      type: 'longText',
      label: L('项目概述', 'Overview'),
      required: true,
      maxLength: 500,
    },
    {
      key: 'capital',
      type: 'number',
      label: L('注册资本', 'Registered capital'),
      required: false,
      min: 0,
      max: 100000,
      unit: '万元',
    },
    {
      key: 'staff',
      type: 'number',
      label: L('员工人数', 'Staff'),
      required: false,
      integer: true,
      min: 1,
      unit: '人',
    },
    {
      key: 'founded',
      type: 'date',
      label: L('成立日期', 'Founded'),
      required: false,
      maxDate: '2026-12-31',
    },
    {
      key: 'stage',
      type: 'choice',
      label: L('融资轮次', 'Funding round'),
      required: false,
      options: [
        { value: 'seed', label: L('种子轮', 'Seed') },
        { value: 'a', label: L('A轮', 'Series A') },
      ],
    },
    {
      key: 'areas',
      type: 'multiChoice',
      label: L('技术领域', 'Areas'),
      required: false,
      maxChoices: 2,
      options: [
        { value: 'ai', label: L('人工智能', 'AI') },
        { value: 'iot', label: L('物联网', 'IoT') },
        { value: 'bio', label: L('生物医药', 'Biomedicine') },
      ],
    },
    { key: 'pastWinner', type: 'yesNo', label: L('曾获往届奖项', 'Past winner'), required: false },
    {
      key: 'bp',
      type: 'file',
      label: L('商业计划书', 'Business plan'),
      required: true,
      accept: ['pdf'],
      maxBytes: 20 * 1024 * 1024,
      lock: 'never',
    },
    {
      key: 'patents',
      type: 'table',
      label: L('专利', 'Patents'),
      required: false,
      maxRows: 3,
      columns: [
        { key: 'number', type: 'text', label: L('专利号', 'Number'), required: true },
        { key: 'granted', type: 'yesNo', label: L('已授权', 'Granted'), required: false },
      ],
    },
  ],
  declaration: L(
    '本人承诺所填信息真实、准确，所报项目无知识产权纠纷。',
    'I declare the information true.',
  ),
  eligibilityRules: [
    {
      key: 'startup',
      kind: 'dateOnOrAfter',
      field: 'founded',
      date: '2024-01-01',
      label: L('初创组', 'Start-up'),
    },
    {
      key: 'bigCapital',
      kind: 'numberAbove',
      field: 'capital',
      value: 5000,
      label: L('注册资本超限', 'Capital above cap'),
    },
    {
      key: 'winner',
      kind: 'yesNo',
      field: 'pastWinner',
      equals: true,
      label: L('往届获奖', 'Past winner'),
    },
    {
      key: 'winnerList',
      kind: 'inList',
      field: 'organisation.name',
      values: ['往届冠军科技有限公司'],
      label: L('往届获奖名单', 'On the winners list'),
    },
  ],
};

interface Detail {
  field: string;
  code: string;
  params?: Record<string, unknown>;
}

describe('registration form, end to end', () => {
  const stack = new Stack();
  let organiser: Organiser;
  let competition: CompetitionFixture;
  let applicant: Awaited<ReturnType<typeof signUpApplicant>>;
  let projectId: string;
  let bpId = '';

  beforeAll(async () => {
    await stack.start();
    organiser = await createOrganiser(stack);
    competition = await createCompetition(stack, organiser);
    applicant = await signUpApplicant(stack, '李娜');
  });
  afterAll(() => stack.stop());

  const formUrl = () => `/competitions/${competition.id}/registration-form`;

  it('refuses a bad definition naming each field path, and keeps none of it', async () => {
    const bad = {
      fields: [
        { key: 'plan', type: 'longText', label: L('概述', 'Overview'), required: true },
        { key: 'plan', type: 'text', label: L('重复', 'Dup'), required: false },
        { key: 'stage', type: 'choice', label: L('阶段', 'Stage'), required: false },
        {
          key: 'capital',
          type: 'number',
          label: L('资本', 'Capital'),
          required: false,
          min: 10,
          max: 1,
        },
        {
          key: 'patents',
          type: 'table',
          label: L('专利', 'Patents'),
          required: false,
          columns: [],
        },
        { key: 'x', type: 'yesNo', label: L('甲', 'x'), required: false, groups: ['nope'] },
      ],
    };
    const res = await stack.put(formUrl(), bad, organiser.token);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('REGISTRATION_FORM_INVALID');
    expect(res.body.params).toEqual({ problems: 5 });
    expect(res.body.details.map((d: Detail) => [d.field, d.code, d.params])).toEqual([
      ['fields[1].key', 'FORM_KEY_DUPLICATE', { key: 'plan' }],
      ['fields[2].options', 'FORM_OPTIONS_MISSING', { key: 'stage' }],
      ['fields[3].max', 'FORM_BOUNDS_INVALID', { key: 'capital', attribute: 'max' }],
      ['fields[4].columns', 'FORM_COLUMNS_MISSING', { key: 'patents' }],
      ['fields[5].groups', 'FORM_GROUP_UNKNOWN', { key: 'x', group: 'nope' }],
    ]);
    const tracks = await stack.put(
      formUrl(),
      { groups: [{ key: 'g', label: L('组', 'G'), tracks: ['SPACE'] }], fields: [] },
      organiser.token,
    );
    expect(tracks.body.details).toEqual([
      expect.objectContaining({
        field: 'groups[0].tracks',
        code: 'FORM_GROUP_TRACK_UNKNOWN',
        params: { group: 'g', trackCode: 'SPACE' },
      }),
    ]);
    const now = await stack.get(formUrl(), organiser.token);
    expect(now.body).toMatchObject({ version: 0, fields: [], groups: [], declaration: null });
  });

  it('stores a form with every field type and a group, audited; applicants read it without the rules', async () => {
    const saved = await stack.put(formUrl(), FORM, organiser.token);
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    expect(saved.body.fields.map((f: { type: string }) => f.type)).toEqual([
      'text',
      'longText',
      'number',
      'number',
      'date',
      'choice',
      'multiChoice',
      'yesNo',
      'file',
      'table',
    ]);
    const seen = await stack.get(formUrl(), applicant.token);
    expect(seen.status).toBe(200);
    expect(seen.body.groups).toEqual(FORM.groups);
    expect(seen.body.declaration).toEqual(FORM.declaration);
    expect(seen.body.eligibilityRules).toBeUndefined();
    expect((await stack.get(formUrl(), organiser.token)).body.eligibilityRules).toHaveLength(4);
    const [audit] = await stack.sql(
      `SELECT actor_id, data FROM audit_log WHERE entity_id = $1 AND action = 'registration-form.saved'`,
      [competition.id],
    );
    expect(audit.actor_id).toBe(organiser.id);
    expect(audit.data.version).toBe(1);
  });

  it('refuses answers field by field, with the key and label of each', async () => {
    const res = await stack.post(
      `/competitions/${competition.id}/projects`,
      {
        title: '柔性电子皮肤传感器',
        trackCode: 'IOT',
        heatId: competition.heatId,
        groupKey: 'company',
        answers: {
          creditCode: '123',
          plan: 42,
          capital: 100001,
          staff: 2.5,
          founded: '2024-02-30',
          stage: 'b',
          areas: ['ai', 'iot', 'bio'],
          pastWinner: 'yes',
          bp: 'my-plan.pdf',
          patents: [{ number: 'ZL1', granted: 'yes' }],
          colour: 'red',
        },
      },
      applicant.token,
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('ANSWERS_INVALID');
    expect(res.body.params.problems).toBe(11);
    const byKey = (d: Detail) => [d.field, d.code, d.params];
    expect(res.body.details.map(byKey)).toEqual([
      [
        'answers.creditCode',
        'ANSWER_TOO_SHORT',
        {
          key: 'creditCode',
          label: '统一社会信用代码',
          labelEn: 'Unified social credit code',
          min: 18,
        },
      ],
      ['answers.plan', 'ANSWER_NOT_TEXT', { key: 'plan', label: '项目概述', labelEn: 'Overview' }],
      [
        'answers.capital',
        'ANSWER_OUT_OF_RANGE',
        {
          key: 'capital',
          label: '注册资本',
          labelEn: 'Registered capital',
          min: 0,
          max: 100000,
          unit: '万元',
        },
      ],
      [
        'answers.staff',
        'ANSWER_NOT_INTEGER',
        { key: 'staff', label: '员工人数', labelEn: 'Staff' },
      ],
      [
        'answers.founded',
        'ANSWER_NOT_DATE',
        { key: 'founded', label: '成立日期', labelEn: 'Founded' },
      ],
      [
        'answers.stage',
        'ANSWER_NOT_AN_OPTION',
        {
          key: 'stage',
          label: '融资轮次',
          labelEn: 'Funding round',
          value: 'b',
          allowed: ['种子轮', 'A轮'],
        },
      ],
      [
        'answers.areas',
        'ANSWER_TOO_MANY_CHOICES',
        { key: 'areas', label: '技术领域', labelEn: 'Areas', max: 2 },
      ],
      [
        'answers.pastWinner',
        'ANSWER_NOT_YES_NO',
        { key: 'pastWinner', label: '曾获往届奖项', labelEn: 'Past winner' },
      ],
      [
        'answers.bp',
        'ANSWER_NOT_FILE_ID',
        { key: 'bp', label: '商业计划书', labelEn: 'Business plan' },
      ],
      [
        'answers.patents[0].granted',
        'ANSWER_NOT_YES_NO',
        {
          key: 'patents',
          label: '专利',
          labelEn: 'Patents',
          row: 1,
          column: '已授权',
          columnEn: 'Granted',
        },
      ],
      ['answers.colour', 'ANSWER_UNKNOWN_FIELD', { key: 'colour' }],
    ]);
    expect(res.body.params.labels).toContain('统一社会信用代码');

    const dateRange = await stack.post(
      `/competitions/${competition.id}/projects`,
      {
        title: 'x',
        trackCode: 'IOT',
        heatId: competition.heatId,
        answers: { founded: '2027-01-01' },
      },
      applicant.token,
    );
    expect(dateRange.body.details).toEqual([
      expect.objectContaining({
        code: 'ANSWER_DATE_OUT_OF_RANGE',
        params: expect.objectContaining({ maxDate: '2026-12-31' }),
      }),
    ]);
    const group = await stack.post(
      `/competitions/${competition.id}/projects`,
      { title: 'x', trackCode: 'IOT', heatId: competition.heatId, groupKey: 'nope' },
      applicant.token,
    );
    expect(group.status).toBe(400);
    expect(group.body).toMatchObject({
      code: 'GROUP_UNKNOWN',
      params: { groupKey: 'nope', allowed: ['企业组', '团队组'] },
    });
    const track = await stack.post(
      `/competitions/${competition.id}/projects`,
      { title: 'x', trackCode: 'LIFE_HEALTH', heatId: competition.heatId, groupKey: 'team' },
      applicant.token,
    );
    expect(track.status).toBe(422);
    expect(track.body).toMatchObject({
      code: 'TRACK_NOT_IN_GROUP',
      params: { trackCode: 'LIFE_HEALTH', group: '团队组' },
    });
    const notForGroup = await stack.post(
      `/competitions/${competition.id}/projects`,
      {
        title: 'x',
        trackCode: 'IOT',
        heatId: competition.heatId,
        groupKey: 'team',
        answers: { creditCode: '9'.repeat(18) },
      },
      applicant.token,
    );
    expect(notForGroup.body.details).toEqual([
      expect.objectContaining({ code: 'ANSWER_NOT_FOR_GROUP' }),
    ]);
  });

  it('saves a partial draft, and submit lists every missing field', async () => {
    const draft = await stack.post(
      `/competitions/${competition.id}/projects`,
      { title: '柔性电子皮肤传感器', trackCode: 'IOT', heatId: competition.heatId },
      applicant.token,
    );
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({
      status: 'DRAFT',
      summary: '',
      team: [],
      answers: {},
      groupKey: null,
    });
    projectId = draft.body.id;

    const incomplete = await stack.post(
      `/projects/${projectId}/submit`,
      { acceptDeclaration: true },
      applicant.token,
    );
    expect(incomplete.status).toBe(422);
    expect(incomplete.body.code).toBe('PROJECT_INCOMPLETE');
    // No group chosen: the company group's credit code is not asked yet.
    expect(incomplete.body.params.keys).toEqual([
      'summary',
      'organisation',
      'team',
      'groupKey',
      'plan',
      'bp',
    ]);
    expect(incomplete.body.params.labels).toEqual([
      '项目简介',
      '单位名称',
      '团队成员',
      '组别',
      '项目概述',
      '商业计划书',
    ]);
    expect(incomplete.body.details.map((d: Detail) => d.field)).toEqual([
      'summary',
      'organisation.name',
      'team',
      'groupKey',
      'answers.plan',
      'answers.bp',
    ]);

    const step = await stack.patch(
      `/projects/${projectId}`,
      {
        groupKey: 'company',
        answers: { plan: '柔性压力传感阵列', capital: 6000, founded: '2024-03-01', stage: 'seed' },
      },
      applicant.token,
    );
    expect(step.status).toBe(200);
    const stillMissing = await stack.post(
      `/projects/${projectId}/submit`,
      { acceptDeclaration: true },
      applicant.token,
    );
    expect(stillMissing.body.params.keys).toEqual([
      'summary',
      'organisation',
      'team',
      'creditCode',
      'bp',
    ]);

    // A file answer names a file stored for this project's field: an id that
    // is not one (another applicant's, made up) is refused; the uploaded BP is taken.
    const foreign = await stack.patch(
      `/projects/${projectId}`,
      { answers: { bp: randomUUID() } },
      applicant.token,
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.details).toEqual([
      expect.objectContaining({ field: 'answers.bp', code: 'ANSWER_FILE_UNKNOWN' }),
    ]);
    const uploaded = await uploadFile(
      stack,
      projectId,
      'bp',
      'bp.pdf',
      await makePdf(2),
      applicant.token,
    );
    expect(uploaded.status).toBe(201);
    bpId = uploaded.body.id;

    // PATCH answers merge into the stored ones; null clears one.
    const more = await stack.patch(
      `/projects/${projectId}`,
      {
        summary: '面向康复医疗的柔性压力传感阵列与数据平台。',
        organisation: { name: '往届冠军科技有限公司', city: '深圳', foundedAt: '2024-03-01' },
        team: [{ name: '李娜', role: 'CEO' }],
        answers: {
          creditCode: '91440300MA5F000000',
          bp: bpId,
          stage: null,
          patents: [{ number: 'ZL2023', granted: true }],
        },
      },
      applicant.token,
    );
    expect(more.status).toBe(200);
    expect(more.body.answers).toEqual({
      plan: '柔性压力传感阵列',
      capital: 6000,
      founded: '2024-03-01',
      creditCode: '91440300MA5F000000',
      bp: bpId,
      patents: [{ number: 'ZL2023', granted: true }],
    });
  });

  it('asks the declaration at submit and records who, when and from where', async () => {
    const without = await stack.post(`/projects/${projectId}/submit`, {}, applicant.token);
    expect(without.status).toBe(422);
    expect(without.body.code).toBe('DECLARATION_REQUIRED');
    const submitted = await stack.post(
      `/projects/${projectId}/submit`,
      { acceptDeclaration: true },
      applicant.token,
    );
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('SUBMITTED');
    expect(submitted.body.declarationAcceptedAt).toEqual(expect.any(String));
    const [row] = await stack.sql(
      `SELECT declaration_accepted_by_id, declaration_ip, declaration_accepted_at FROM projects WHERE id = $1`,
      [projectId],
    );
    expect(row.declaration_accepted_by_id).toBe(applicant.id);
    expect(row.declaration_ip).toMatch(/127\.0\.0\.1|::1/);
  });

  it('after submit, only answers of unlocked fields change (409 ANSWER_LOCKED)', async () => {
    const locked = await stack.patch(
      `/projects/${projectId}`,
      { answers: { plan: '改写' } },
      applicant.token,
    );
    expect(locked.status).toBe(409);
    expect(locked.body).toMatchObject({
      code: 'ANSWER_LOCKED',
      params: { key: 'plan', label: '项目概述', lock: 'afterSubmit' },
    });
    // The BP stays replaceable after submit (lock: never): a new version, named in the answer.
    const replaced = await uploadFile(
      stack,
      projectId,
      'bp',
      'bp-v2.pdf',
      await makePdf(3),
      applicant.token,
    );
    expect(replaced.body.version).toBe(2);
    const newBp = replaced.body.id as string;
    const bp = await stack.patch(
      `/projects/${projectId}`,
      { answers: { bp: newBp } },
      applicant.token,
    );
    expect(bp.status).toBe(200);
    expect(bp.body.answers.bp).toBe(newBp);
    // Locked from eligibility on: still open while SUBMITTED.
    const credit = await stack.patch(
      `/projects/${projectId}`,
      { answers: { creditCode: '91440300MA5F000001' } },
      applicant.token,
    );
    expect(credit.status).toBe(200);
    const core = await stack.patch(`/projects/${projectId}`, { title: '改名' }, applicant.token);
    expect(core.status).toBe(409);
    expect(core.body.code).toBe('PROJECT_NOT_DRAFT');
    const reviewed = await stack.post(
      `/projects/${projectId}/review`,
      { decision: 'ELIGIBLE' },
      organiser.token,
    );
    expect(reviewed.status).toBe(200);
    const after = await stack.patch(
      `/projects/${projectId}`,
      { answers: { creditCode: '91440300MA5F000002' } },
      applicant.token,
    );
    expect(after.status).toBe(409);
    expect(after.body.params).toMatchObject({ key: 'creditCode', lock: 'afterEligibility' });
  });

  it('flags projects in the organiser review list, with reasons', async () => {
    const list = await stack.get(`/competitions/${competition.id}/projects`, organiser.token);
    const item = list.body.items.find((p: { id: string }) => p.id === projectId);
    expect(item.flags).toEqual([
      {
        rule: 'startup',
        label: L('初创组', 'Start-up'),
        reason: {
          zh: '成立日期 2024-03-01 不早于 2024-01-01',
          en: 'Founded 2024-03-01 is on or after 2024-01-01',
        },
      },
      {
        rule: 'bigCapital',
        label: L('注册资本超限', 'Capital above cap'),
        reason: {
          zh: '注册资本 6000万元 高于 5000万元',
          en: 'Registered capital 6000 万元 is above 5000 万元',
        },
      },
      {
        rule: 'winnerList',
        label: L('往届获奖名单', 'On the winners list'),
        reason: {
          zh: '单位名称“往届冠军科技有限公司”在名单中',
          en: 'Organisation "往届冠军科技有限公司" is on the list',
        },
      },
    ]);
    expect(item.groupKey).toBe('company');
    // The owner's own view carries no flags.
    expect((await stack.get(`/projects/${projectId}`, applicant.token)).body.flags).toBeUndefined();
  });

  it('refuses a form change that would break stored answers, naming each break and how many projects', async () => {
    const without = (key: string) => FORM.fields.filter((f) => f.key !== key);
    const removed = await stack.put(
      formUrl(),
      {
        ...FORM,
        fields: without('capital'),
        eligibilityRules: FORM.eligibilityRules.filter((r) => r.field !== 'capital'),
      },
      organiser.token,
    );
    expect(removed.status).toBe(409);
    expect(removed.body).toMatchObject({
      code: 'REGISTRATION_FORM_BREAKS_ANSWERS',
      params: {
        breaks: [
          {
            kind: 'removed',
            key: 'capital',
            label: '注册资本',
            labelEn: 'Registered capital',
            projects: 1,
          },
        ],
      },
    });
    const narrowed = await stack.put(
      formUrl(),
      {
        ...FORM,
        fields: [
          ...FORM.fields.map((f) => (f.key === 'capital' ? { ...f, max: 5000 } : f)),
          { key: 'website', type: 'text', label: L('网站', 'Website'), required: true },
        ],
      },
      organiser.token,
    );
    expect(narrowed.status).toBe(409);
    expect(narrowed.body.params.breaks).toEqual([
      {
        kind: 'narrowed',
        key: 'capital',
        label: '注册资本',
        labelEn: 'Registered capital',
        projects: 1,
      },
      { kind: 'requiredAdded', key: 'website', label: '网站', labelEn: 'Website', projects: 1 },
    ]);
    const retyped = await stack.put(
      formUrl(),
      {
        ...FORM,
        eligibilityRules: FORM.eligibilityRules.filter((r) => r.field !== 'founded'),
        fields: FORM.fields.map((f) =>
          f.key === 'founded' ? { ...f, type: 'text', maxDate: undefined } : f,
        ),
      },
      organiser.token,
    );
    expect(retyped.body.params.breaks).toEqual([
      expect.objectContaining({ kind: 'typeChanged', key: 'founded', projects: 1 }),
    ]);
    // Adding an optional field and widening a bound break nothing.
    const fine = await stack.put(
      formUrl(),
      {
        ...FORM,
        fields: [
          ...FORM.fields.map((f) => (f.key === 'capital' ? { ...f, max: 1000000 } : f)),
          { key: 'website', type: 'text', label: L('网站', 'Website'), required: false },
        ],
      },
      organiser.token,
    );
    expect(fine.status).toBe(200);
    expect(fine.body.version).toBe(2);
  });

  it('starts another competition from this form (organiser of both)', async () => {
    const next = await createCompetition(stack, organiser);
    const copied = await stack.post(
      `/competitions/${next.id}/registration-form/copy-from/${competition.id}`,
      {},
      organiser.token,
    );
    expect(copied.status).toBe(200);
    expect(copied.body.version).toBe(1);
    expect(copied.body.fields.map((f: { key: string }) => f.key)).toEqual([
      ...FORM.fields.map((f) => f.key),
      'website',
    ]);
    expect(copied.body.declaration).toEqual(FORM.declaration);
    expect(copied.body.eligibilityRules).toHaveLength(4);
    const stranger = await createOrganiser(stack, '组委会 赵敏');
    const own = await createCompetition(stack, stranger);
    const refused = await stack.post(
      `/competitions/${own.id}/registration-form/copy-from/${competition.id}`,
      {},
      stranger.token,
    );
    expect(refused.status).toBe(404);
  });

  it('exports every form field as a column with its Chinese label and unit', async () => {
    const csv = await download(
      stack,
      `/competitions/${competition.id}/projects.csv`,
      organiser.token,
    );
    expect(csv.status).toBe(200);
    const text = csv.bytes.toString('utf8');
    const [header, row] = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    expect(header).toContain(
      '组别,统一社会信用代码,项目概述,注册资本（万元）,员工人数（人）,成立日期,融资轮次,技术领域,曾获往届奖项,商业计划书,专利,网站,资格提示',
    );
    expect(row).toContain('企业组,91440300MA5F000001,柔性压力传感阵列,6000,,2024-03-01,,,,');
    expect(row).toContain('专利号: ZL2023, 已授权: 是');
    // The BP as its file's name and version, never its id.
    expect(row).toContain('bp-v2.pdf（第 2 版）');
    // …and a link to it (the reader's session decides what it shows).
    expect(row).toMatch(/bp-v2\.pdf（第 2 版） http:\/\/[^,]+\/api\/v1\/files\/[0-9a-f-]{36}/);
  });

  it('refuses a save from an editor that loaded an older version (409 REGISTRATION_FORM_STALE), overwriting nothing', async () => {
    const now = await stack.get(
      `/competitions/${competition.id}/registration-form`,
      organiser.token,
    );
    const { version, fields, groups, declaration, eligibilityRules } = now.body;
    const body = {
      groups,
      fields,
      ...(declaration && { declaration }),
      eligibilityRules,
    };
    const stale = await stack.put(
      `/competitions/${competition.id}/registration-form`,
      { ...body, version: version - 1 },
      organiser.token,
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'REGISTRATION_FORM_STALE', params: { version } });
    const fresh = await stack.put(
      `/competitions/${competition.id}/registration-form`,
      { ...body, version },
      organiser.token,
    );
    expect(fresh.status).toBe(200);
    expect(fresh.body.version).toBe(version + 1);
  });
});
