import {
  answerCell,
  answerColumns,
  evaluateEligibility,
  formBreaks,
  isFieldLocked,
  lockOf,
  lockedChanges,
  mergeAnswers,
  validateAnswers,
  validateFormDefinition,
} from './index';
import type { FormField, RegistrationForm } from './form.types';
import type { StoredAnswers } from './form-breaks';

const L = (zh: string, en = zh) => ({ zh, en });
const fields: FormField[] = [
  {
    key: 'creditCode',
    type: 'text',
    label: L('统一社会信用代码', 'Credit code'),
    required: true,
    minLength: 18,
    maxLength: 18,
    lock: 'afterEligibility',
    groups: ['company'],
  },
  { key: 'plan', type: 'longText', label: L('项目概述'), required: false, maxLength: 10 },
  {
    key: 'capital',
    type: 'number',
    label: L('注册资本', 'Registered capital'),
    required: false,
    min: 0,
    max: 1000,
    unit: '万元',
  },
  { key: 'staff', type: 'number', label: L('员工人数'), required: false, integer: true, min: 1 },
  {
    key: 'founded',
    type: 'date',
    label: L('成立日期'),
    required: false,
    minDate: '2000-01-01',
    maxDate: '2026-12-31',
  },
  {
    key: 'stage',
    type: 'choice',
    label: L('阶段'),
    required: false,
    options: [
      { value: 'seed', label: L('种子') },
      { value: 'a', label: L('A轮') },
    ],
  },
  {
    key: 'areas',
    type: 'multiChoice',
    label: L('领域'),
    required: false,
    maxChoices: 2,
    options: [
      { value: 'ai', label: L('人工智能') },
      { value: 'iot', label: L('物联网') },
      { value: 'bio', label: L('生物') },
    ],
  },
  { key: 'returnee', type: 'yesNo', label: L('海归'), required: false },
  {
    key: 'bp',
    type: 'file',
    label: L('商业计划书'),
    required: true,
    accept: ['pdf'],
    lock: 'never',
  },
  {
    key: 'patents',
    type: 'table',
    label: L('专利'),
    required: false,
    maxRows: 2,
    columns: [
      { key: 'number', type: 'text', label: L('专利号', 'Number'), required: true },
      { key: 'granted', type: 'yesNo', label: L('已授权'), required: false },
      { key: 'filed', type: 'date', label: L('申请日'), required: false },
      { key: 'claims', type: 'number', label: L('权利要求数'), required: false },
    ],
  },
];
const form: RegistrationForm = {
  groups: [
    { key: 'company', label: L('企业组') },
    { key: 'team', label: L('团队组'), tracks: ['IOT'] },
  ],
  fields,
  declaration: L('本人承诺所填信息真实。', 'I declare.'),
  eligibilityRules: [
    {
      key: 'startup',
      kind: 'dateOnOrAfter',
      field: 'founded',
      date: '2024-01-01',
      label: L('初创组'),
    },
    {
      key: 'old',
      kind: 'dateBefore',
      field: 'organisation.foundedAt',
      date: '2010-01-01',
      label: L('老企业'),
    },
    { key: 'rich', kind: 'numberAbove', field: 'capital', value: 500, label: L('超出上限') },
    { key: 'small', kind: 'numberBelow', field: 'staff', value: 3, label: L('人数少') },
    { key: 'returneeFlag', kind: 'yesNo', field: 'returnee', equals: true, label: L('海归') },
    {
      key: 'pastWinner',
      kind: 'inList',
      field: 'organisation.name',
      values: ['深圳 智感科技有限公司'],
      label: L('往届获奖'),
    },
    { key: 'pastStage', kind: 'inList', field: 'areas', values: ['bio'], label: L('生物') },
  ],
};
const codes = (ps: { field: string; code?: string }[]) => ps.map((p) => `${p.field}:${p.code}`);
const FILE = '0b7c7d0e-6a55-4d7c-9c32-0c1f9b3b1a11';

describe('validateFormDefinition', () => {
  it('accepts a form with every type, groups, a declaration and rules', () => {
    expect(validateFormDefinition(form, { trackCodes: ['IOT', 'AI'] })).toEqual([]);
    expect(validateFormDefinition({ fields: [] })).toEqual([]);
  });
  it('refuses a non-object, missing fields, unknown top-level attributes', () => {
    expect(codes(validateFormDefinition(null))).toEqual(['fields:FIELD_NOT_OBJECT']);
    expect(codes(validateFormDefinition({ fields: 'x', extra: 1 }))).toEqual([
      'extra:FIELD_UNKNOWN',
      'fields:FIELD_NOT_ARRAY',
    ]);
  });
  it('names duplicate, malformed and reserved keys by path', () => {
    const f = { key: 'a', type: 'yesNo', label: L('甲'), required: false };
    const ps = validateFormDefinition({
      fields: [
        f,
        { ...f },
        { ...f, key: '1bad' },
        { ...f, key: 'title' },
        { ...f, key: 'x'.repeat(41) },
      ],
    });
    expect(codes(ps)).toEqual([
      'fields[1].key:FORM_KEY_DUPLICATE',
      'fields[2].key:FORM_KEY_INVALID',
      'fields[3].key:FORM_KEY_RESERVED',
      'fields[4].key:FORM_KEY_INVALID',
    ]);
    expect(ps[0].params).toEqual({ key: 'a' });
  });
  it('refuses unknown types, missing labels, non-boolean required, bad lock', () => {
    const ps = validateFormDefinition({
      fields: [
        { key: 'a', type: 'colour', label: L('甲'), required: false },
        { key: 'b', type: 'text', label: { zh: ' ', en: 'B' }, required: 'yes', lock: 'soon' },
        { key: 'c', type: 'text', label: L('丙'), help: { en: 'x' }, required: false },
      ],
    });
    expect(codes(ps)).toEqual([
      'fields[0].type:FORM_TYPE_UNKNOWN',
      'fields[1].label:FORM_LABEL_MISSING',
      'fields[1].required:FIELD_NOT_BOOLEAN',
      'fields[1].lock:FIELD_INVALID_ENUM',
      'fields[2].help:FORM_LABEL_MISSING',
    ]);
  });
  it('refuses attributes of another type and unknown attributes', () => {
    const ps = validateFormDefinition({
      fields: [{ key: 'a', type: 'text', label: L('甲'), required: false, options: [], colour: 1 }],
    });
    expect(codes(ps)).toEqual([
      'fields[0].options:FORM_ATTRIBUTE_NOT_FOR_TYPE',
      'fields[0].colour:FIELD_UNKNOWN',
    ]);
  });
  it('checks bounds are sane', () => {
    const base = { label: L('甲'), required: false };
    const ps = validateFormDefinition({
      fields: [
        { ...base, key: 'a', type: 'text', minLength: 5, maxLength: 4 },
        { ...base, key: 'b', type: 'text', maxLength: 0 },
        { ...base, key: 'c', type: 'number', min: 5, max: 1 },
        { ...base, key: 'd', type: 'number', min: 'x', unit: 'x'.repeat(21) },
        { ...base, key: 'e', type: 'date', minDate: '2024-02-30' },
        { ...base, key: 'f', type: 'date', minDate: '2024-02-02', maxDate: '2024-02-01' },
        {
          ...base,
          key: 'g',
          type: 'multiChoice',
          options: [{ value: 'x', label: L('x') }],
          maxChoices: 2,
        },
        { ...base, key: 'h', type: 'file', maxBytes: 0, accept: ['exe'] },
        {
          ...base,
          key: 'i',
          type: 'table',
          columns: [{ key: 'c', type: 'text', label: L('c'), required: false }],
          maxRows: 0,
        },
        { ...base, key: 'j', type: 'longText', minLength: -1 },
      ],
    });
    expect(codes(ps)).toEqual([
      'fields[0].maxLength:FORM_BOUNDS_INVALID',
      'fields[1].maxLength:FORM_BOUNDS_INVALID',
      'fields[2].max:FORM_BOUNDS_INVALID',
      'fields[3].min:FORM_BOUNDS_INVALID',
      'fields[3].unit:FORM_BOUNDS_INVALID',
      'fields[4].minDate:FORM_BOUNDS_INVALID',
      'fields[5].maxDate:FORM_BOUNDS_INVALID',
      'fields[6].maxChoices:FORM_BOUNDS_INVALID',
      'fields[7].accept:FORM_ACCEPT_INVALID',
      'fields[7].maxBytes:FORM_BOUNDS_INVALID',
      'fields[8].maxRows:FORM_BOUNDS_INVALID',
      'fields[9].minLength:FORM_BOUNDS_INVALID',
    ]);
  });
  it('needs options for choices and columns for tables', () => {
    const base = { label: L('甲'), required: false };
    const ps = validateFormDefinition({
      fields: [
        { ...base, key: 'a', type: 'choice' },
        {
          ...base,
          key: 'b',
          type: 'multiChoice',
          options: [
            { value: 'x', label: L('x') },
            { value: 'x', label: L('y') },
            { value: '', label: L('z') },
          ],
        },
        { ...base, key: 'c', type: 'table', columns: [] },
        {
          ...base,
          key: 'd',
          type: 'table',
          columns: [
            { key: 'n', type: 'text', label: L('n'), required: false },
            { key: 'n', type: 'text', label: L('n'), required: false },
            { key: 'm', type: 'file', label: L('m'), required: false },
          ],
        },
      ],
    });
    expect(codes(ps)).toEqual([
      'fields[0].options:FORM_OPTIONS_MISSING',
      'fields[1].options[1].value:FORM_OPTION_DUPLICATE',
      'fields[1].options[2]:FORM_OPTIONS_MISSING',
      'fields[2].columns:FORM_COLUMNS_MISSING',
      'fields[3].columns[1]:FORM_COLUMN_INVALID',
      'fields[3].columns[2]:FORM_COLUMN_INVALID',
    ]);
  });
  it('checks groups: keys, labels, tracks, and references from fields', () => {
    const ps = validateFormDefinition(
      {
        groups: [
          { key: 'a', label: L('甲'), tracks: ['NOPE'] },
          { key: 'a', label: L('乙') },
          { key: 'b' },
        ],
        fields: [{ key: 'x', type: 'yesNo', label: L('x'), required: false, groups: ['a', 'zzz'] }],
      },
      { trackCodes: ['IOT'] },
    );
    expect(codes(ps)).toEqual([
      'groups[0].tracks:FORM_GROUP_TRACK_UNKNOWN',
      'groups[1].key:FORM_GROUP_DUPLICATE',
      'groups[2].label:FORM_LABEL_MISSING',
      'fields[0].groups:FORM_GROUP_UNKNOWN',
    ]);
    expect(ps[3].params).toEqual({ key: 'x', group: 'zzz' });
  });
  it('checks the declaration and the rules', () => {
    const ps = validateFormDefinition({
      fields: [{ key: 'n', type: 'number', label: L('n'), required: false }],
      declaration: { zh: '', en: 'x' },
      eligibilityRules: [
        { key: 'r1', kind: 'dateOnOrAfter', field: 'n', date: '2024-01-01', label: L('r') },
        { key: 'r2', kind: 'numberAbove', field: 'missing', value: 1, label: L('r') },
        { key: 'r2', kind: 'numberAbove', field: 'n', label: L('r') },
        { key: 'r4', kind: 'guess', field: 'n', label: L('r') },
        { key: 'r5', kind: 'inList', field: 'title', values: [], label: L('r') },
        { key: 'r6', kind: 'yesNo', field: 'organisation.name', label: L('r'), extra: 1 },
      ],
    });
    expect(codes(ps)).toEqual([
      'declaration:FORM_DECLARATION_EMPTY',
      'eligibilityRules[0].field:FORM_RULE_FIELD_TYPE',
      'eligibilityRules[1].field:FORM_RULE_FIELD_UNKNOWN',
      'eligibilityRules[2].key:FORM_RULE_INVALID',
      'eligibilityRules[2].value:FORM_RULE_INVALID',
      'eligibilityRules[3].kind:FORM_RULE_INVALID',
      'eligibilityRules[4].values:FORM_RULE_INVALID',
      'eligibilityRules[5].field:FORM_RULE_FIELD_TYPE',
      'eligibilityRules[5].equals:FORM_RULE_INVALID',
      'eligibilityRules[5].extra:FORM_RULE_INVALID',
    ]);
  });
  it('caps the number of fields', () => {
    const many = Array.from({ length: 101 }, (_, i) => ({
      key: `f${i}`,
      type: 'yesNo',
      label: L('x'),
      required: false,
    }));
    expect(codes(validateFormDefinition({ fields: many }))).toEqual([
      'fields:FORM_TOO_MANY_FIELDS',
    ]);
  });
});

describe('validateAnswers', () => {
  const draft = { groupKey: 'company', complete: false };
  it('accepts good answers of every type and an empty draft', () => {
    expect(validateAnswers(form, {}, draft)).toEqual([]);
    const answers = {
      creditCode: '91440300MA5F000000',
      plan: '短',
      capital: 100.5,
      staff: 12,
      founded: '2024-03-01',
      stage: 'seed',
      areas: ['ai', 'iot'],
      returnee: false,
      bp: FILE,
      patents: [{ number: 'ZL1', granted: true, filed: '2023-01-02', claims: 10 }],
    };
    expect(validateAnswers(form, answers, { groupKey: 'company', complete: true })).toEqual([]);
  });
  it('refuses each type field by field with the key and labels', () => {
    const ps = validateAnswers(
      form,
      {
        creditCode: 'short',
        plan: 'x'.repeat(11),
        capital: 1001,
        staff: 1.5,
        founded: '2024-13-01',
        stage: 'z',
        areas: ['ai', 'iot', 'bio'],
        returnee: 'yes',
        bp: 'not-a-uuid',
        patents: 'x',
        nope: 1,
      },
      draft,
    );
    expect(codes(ps)).toEqual([
      'answers.creditCode:ANSWER_TOO_SHORT',
      'answers.plan:ANSWER_TOO_LONG',
      'answers.capital:ANSWER_OUT_OF_RANGE',
      'answers.staff:ANSWER_NOT_INTEGER',
      'answers.founded:ANSWER_NOT_DATE',
      'answers.stage:ANSWER_NOT_AN_OPTION',
      'answers.areas:ANSWER_TOO_MANY_CHOICES',
      'answers.returnee:ANSWER_NOT_YES_NO',
      'answers.bp:ANSWER_NOT_FILE_ID',
      'answers.patents:ANSWER_NOT_TABLE',
      'answers.nope:ANSWER_UNKNOWN_FIELD',
    ]);
    expect(ps[2].params).toEqual({
      key: 'capital',
      label: '注册资本',
      labelEn: 'Registered capital',
      min: 0,
      max: 1000,
      unit: '万元',
    });
    expect(ps[5].params).toMatchObject({ value: 'z', allowed: ['种子', 'A轮'] });
  });
  it('refuses wrong JSON types', () => {
    const ps = validateAnswers(
      form,
      { plan: 5, capital: '5', founded: 20240101, stage: 1, areas: 'ai', patents: [1] },
      draft,
    );
    expect(codes(ps)).toEqual([
      'answers.plan:ANSWER_NOT_TEXT',
      'answers.capital:ANSWER_NOT_NUMBER',
      'answers.founded:ANSWER_NOT_DATE',
      'answers.stage:ANSWER_NOT_CHOICES',
      'answers.areas:ANSWER_NOT_CHOICES',
      'answers.patents:ANSWER_NOT_TABLE',
    ]);
    expect(codes(validateAnswers(form, { areas: ['ai', 'ai'] }, draft))).toEqual([
      'answers.areas:ANSWER_NOT_CHOICES',
    ]);
    expect(codes(validateAnswers(form, { areas: ['zz'] }, draft))).toEqual([
      'answers.areas:ANSWER_NOT_AN_OPTION',
    ]);
    expect(codes(validateAnswers(form, { plan: 'a\u0000' }, draft))).toEqual([
      'answers.plan:ANSWER_NOT_TEXT',
    ]);
    expect(codes(validateAnswers(form, { capital: NaN }, draft))).toEqual([
      'answers.capital:ANSWER_NOT_NUMBER',
    ]);
    expect(codes(validateAnswers(form, [], draft))).toEqual(['answers:FIELD_NOT_OBJECT']);
  });
  it('bounds dates inclusively and numbers inclusively', () => {
    expect(validateAnswers(form, { founded: '2000-01-01', capital: 0 }, draft)).toEqual([]);
    expect(validateAnswers(form, { founded: '2026-12-31', capital: 1000 }, draft)).toEqual([]);
    const ps = validateAnswers(form, { founded: '1999-12-31', capital: -0.01 }, draft);
    expect(codes(ps)).toEqual([
      'answers.founded:ANSWER_DATE_OUT_OF_RANGE',
      'answers.capital:ANSWER_OUT_OF_RANGE',
    ]);
    expect(ps[0].params).toMatchObject({ minDate: '2000-01-01', maxDate: '2026-12-31' });
  });
  it('checks table rows and cells, naming row and column', () => {
    const ps = validateAnswers(
      form,
      {
        patents: [
          { number: 'a', granted: 'y', extra: 1 },
          { claims: 'x', filed: 'x' },
        ],
      },
      { groupKey: 'company', complete: true },
    );
    expect(codes(ps)).toEqual([
      'answers.patents[0].extra:ANSWER_UNKNOWN_COLUMN',
      'answers.patents[0].granted:ANSWER_NOT_YES_NO',
      'answers.patents[1].number:ANSWER_REQUIRED',
      'answers.patents[1].filed:ANSWER_NOT_DATE',
      'answers.patents[1].claims:ANSWER_NOT_NUMBER',
      'answers.creditCode:ANSWER_REQUIRED',
      'answers.bp:ANSWER_REQUIRED',
    ]);
    expect(ps[2].params).toEqual({
      key: 'patents',
      label: '专利',
      labelEn: '专利',
      row: 2,
      column: '专利号',
      columnEn: 'Number',
    });
    expect(codes(validateAnswers(form, { patents: [{}, {}, {}] }, draft))).toEqual([
      'answers.patents:ANSWER_TOO_MANY_ROWS',
    ]);
    // A draft may leave a required cell empty.
    expect(validateAnswers(form, { patents: [{ granted: true }] }, draft)).toEqual([]);
  });
  it('asks required fields only at submit, and only of the group', () => {
    expect(codes(validateAnswers(form, {}, { groupKey: 'team', complete: true }))).toEqual([
      'answers.bp:ANSWER_REQUIRED',
    ]);
    expect(codes(validateAnswers(form, {}, { groupKey: null, complete: true }))).toEqual([
      'answers.bp:ANSWER_REQUIRED',
    ]);
    expect(
      codes(
        validateAnswers(
          form,
          { bp: FILE, creditCode: '  ' },
          { groupKey: 'company', complete: true },
        ),
      ),
    ).toEqual(['answers.creditCode:ANSWER_REQUIRED']);
  });
  it('refuses an answer to a field of another group, but not its clearing', () => {
    expect(
      codes(
        validateAnswers(
          form,
          { creditCode: '91440300MA5F000000' },
          { groupKey: 'team', complete: false },
        ),
      ),
    ).toEqual(['answers.creditCode:ANSWER_NOT_FOR_GROUP']);
    expect(
      validateAnswers(form, { creditCode: null }, { groupKey: 'team', complete: false }),
    ).toEqual([]);
  });
});

describe('locks and merging', () => {
  const stage = (status: string, deadlinePassed = false) => ({ status, deadlinePassed });
  it('locks by stage', () => {
    const f = (lock?: FormField['lock']): FormField => ({
      key: 'k',
      type: 'text',
      label: L('k'),
      required: false,
      lock,
    });
    expect(isFieldLocked(f(), stage('DRAFT'))).toBe(false);
    expect(isFieldLocked(f(), stage('SUBMITTED'))).toBe(true);
    expect(isFieldLocked(f('never'), stage('ELIGIBLE', true))).toBe(false);
    expect(isFieldLocked(f('afterDeadline'), stage('SUBMITTED'))).toBe(false);
    expect(isFieldLocked(f('afterDeadline'), stage('SUBMITTED', true))).toBe(true);
    expect(isFieldLocked(f('afterEligibility'), stage('SUBMITTED', true))).toBe(false);
    expect(isFieldLocked(f('afterEligibility'), stage('ELIGIBLE'))).toBe(true);
  });
  it('keeps a file field without a lock replaceable until the deadline (创青春: BP and video updatable)', () => {
    const file = (lock?: FormField['lock']): FormField => ({
      key: 'bp',
      type: 'file',
      label: L('bp'),
      required: false,
      lock,
    });
    expect(lockOf(file())).toBe('afterDeadline');
    expect(isFieldLocked(file(), stage('ELIGIBLE'))).toBe(false);
    expect(isFieldLocked(file(), stage('ELIGIBLE', true))).toBe(true);
    expect(isFieldLocked(file('afterSubmit'), stage('SUBMITTED'))).toBe(true);
    expect(lockOf({ key: 'k', type: 'text', label: L('k'), required: false })).toBe('afterSubmit');
  });
  it('names locked fields a change alters, not unchanged ones', () => {
    const before = { creditCode: 'a', bp: FILE, plan: 'x' };
    const after = { creditCode: 'b', bp: '1b7c7d0e-6a55-4d7c-9c32-0c1f9b3b1a11', plan: 'x' };
    const ps = lockedChanges(form, before, after, stage('ELIGIBLE'));
    expect(codes(ps)).toEqual(['answers.creditCode:ANSWER_LOCKED']);
    expect(ps[0].params).toMatchObject({ lock: 'afterEligibility', label: '统一社会信用代码' });
    expect(lockedChanges(form, before, { ...before }, stage('ELIGIBLE'))).toEqual([]);
  });
  it('merges a patch; null clears', () => {
    expect(mergeAnswers({ a: 1, b: 'x' }, { a: null, c: true })).toEqual({ b: 'x', c: true });
  });
});

describe('formBreaks', () => {
  const stored: StoredAnswers[] = [
    {
      answers: { capital: 800, stage: 'a', plan: 'hello', creditCode: '1'.repeat(18) },
      groupKey: 'company',
      submitted: true,
    },
    { answers: { capital: 100, stage: 'a' }, groupKey: 'team', submitted: true },
    { answers: { capital: 900 }, groupKey: 'company', submitted: false },
  ];
  const change = (edit: (fs: FormField[]) => FormField[], extra: Partial<RegistrationForm> = {}) =>
    formBreaks(form, { ...form, fields: edit(fields.map((f) => ({ ...f }))), ...extra }, stored);
  it('no change, no break; an added optional field breaks nothing', () => {
    expect(formBreaks(form, form, stored)).toEqual([]);
    expect(
      change((fs) => [...fs, { key: 'n', type: 'text', label: L('新'), required: false }]),
    ).toEqual([]);
  });
  it('a removed field with answers, counted per project', () => {
    expect(change((fs) => fs.filter((f) => f.key !== 'capital'))).toEqual([
      {
        kind: 'removed',
        key: 'capital',
        label: '注册资本',
        labelEn: 'Registered capital',
        projects: 3,
      },
    ]);
    expect(change((fs) => fs.filter((f) => f.key !== 'returnee'))).toEqual([]);
  });
  it('a type change', () => {
    expect(change((fs) => fs.map((f) => (f.key === 'plan' ? { ...f, type: 'text' } : f)))).toEqual(
      [],
    );
    expect(
      change((fs) =>
        fs.map((f) => (f.key === 'stage' ? { ...f, type: 'text', options: undefined } : f)),
      ),
    ).toEqual([{ kind: 'typeChanged', key: 'stage', label: '阶段', labelEn: '阶段', projects: 2 }]);
  });
  it('narrowed bounds that stored answers violate, not those they meet', () => {
    expect(change((fs) => fs.map((f) => (f.key === 'capital' ? { ...f, max: 900 } : f)))).toEqual(
      [],
    );
    expect(change((fs) => fs.map((f) => (f.key === 'capital' ? { ...f, max: 850 } : f)))).toEqual([
      {
        kind: 'narrowed',
        key: 'capital',
        label: '注册资本',
        labelEn: 'Registered capital',
        projects: 1,
      },
    ]);
  });
  it('an option removed that answers chose', () => {
    expect(
      change((fs) =>
        fs.map((f) => (f.key === 'stage' ? { ...f, options: f.options!.slice(0, 1) } : f)),
      ),
    ).toEqual([
      { kind: 'optionRemoved', key: 'stage', label: '阶段', labelEn: '阶段', projects: 2 },
    ]);
  });
  it('required added where submitted projects lack the answer (drafts fill it at submit)', () => {
    expect(
      change((fs) => fs.map((f) => (f.key === 'plan' ? { ...f, required: true } : f))),
    ).toEqual([
      { kind: 'requiredAdded', key: 'plan', label: '项目概述', labelEn: '项目概述', projects: 1 },
    ]);
    expect(
      change((fs) => [
        ...fs,
        { key: 'n', type: 'text', label: L('新'), required: true, groups: ['team'] },
      ]),
    ).toEqual([{ kind: 'requiredAdded', key: 'n', label: '新', labelEn: '新', projects: 1 }]);
  });
  it('a field moved out of a group that answered it; a group removed', () => {
    expect(
      change((fs) => fs.map((f) => (f.key === 'plan' ? { ...f, groups: ['team'] } : f))),
    ).toEqual([
      { kind: 'groupChanged', key: 'plan', label: '项目概述', labelEn: '项目概述', projects: 1 },
    ]);
    const noTeam = formBreaks(form, { ...form, groups: [form.groups![0]] }, stored);
    expect(noTeam).toEqual([
      { kind: 'groupRemoved', key: 'team', label: '团队组', labelEn: '团队组', projects: 1 },
    ]);
  });
});

describe('evaluateEligibility', () => {
  it('flags with reasons; nothing for empty answers', () => {
    expect(evaluateEligibility(form, { answers: {} })).toEqual([]);
    const flags = evaluateEligibility(form, {
      answers: {
        founded: '2024-01-01',
        capital: 500.5,
        staff: 2,
        returnee: true,
        areas: ['ai', 'bio'],
      },
      organisation: { name: '深圳智感科技有限公司', foundedAt: '2009-12-31' },
    });
    expect(flags.map((f) => f.rule)).toEqual([
      'startup',
      'old',
      'rich',
      'small',
      'returneeFlag',
      'pastWinner',
      'pastStage',
    ]);
    expect(flags[0]).toEqual({
      rule: 'startup',
      label: L('初创组'),
      reason: {
        zh: '成立日期 2024-01-01 不早于 2024-01-01',
        en: '成立日期 2024-01-01 is on or after 2024-01-01',
      },
    });
    expect(flags[2].reason.zh).toBe('注册资本 500.5万元 高于 500万元');
    expect(flags[5].reason.zh).toBe('单位名称“深圳智感科技有限公司”在名单中');
  });
  it('does not flag at the bound or on the other side', () => {
    const flags = evaluateEligibility(form, {
      answers: { founded: '2023-12-31', capital: 500, staff: 3, returnee: false, areas: ['ai'] },
      organisation: { name: '别的公司', foundedAt: '2010-01-01' },
    });
    expect(flags).toEqual([]);
  });
});

describe('answer cells (export)', () => {
  it('heads each field by label and unit, and writes answers in words', () => {
    const { headers, cells } = answerColumns(form, 'zh');
    expect(headers).toEqual([
      '统一社会信用代码',
      '项目概述',
      '注册资本（万元）',
      '员工人数',
      '成立日期',
      '阶段',
      '领域',
      '海归',
      '商业计划书',
      '专利',
    ]);
    expect(answerColumns(form, 'en').headers[2]).toBe('Registered capital (万元)');
    expect(
      cells({
        creditCode: 'X',
        capital: 12.5,
        founded: '2024-01-01',
        stage: 'a',
        areas: ['ai', 'bio'],
        returnee: false,
        bp: FILE,
        patents: [{ number: 'ZL1', granted: true }, { number: 'ZL2' }],
      }),
    ).toEqual([
      'X',
      null,
      12.5,
      null,
      '2024-01-01',
      'A轮',
      '人工智能、生物',
      '否',
      FILE,
      '专利号: ZL1, 已授权: 是；专利号: ZL2',
    ]);
    expect(answerCell(fields[7], true, 'en')).toBe('Yes');
    expect(answerCell(fields[5], 'gone', 'zh')).toBe('gone');
  });
});
