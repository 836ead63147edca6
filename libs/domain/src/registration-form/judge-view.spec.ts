import { answersForJudge, fieldsForJudge } from './judge-view';
import type { FormField, RegistrationForm } from './form.types';
import { validateFormDefinition } from './form-definition';

const L = (zh: string, en = zh) => ({ zh, en });
const form: RegistrationForm = {
  groups: [
    { key: 'company', label: L('企业组', 'Company') },
    { key: 'team', label: L('团队组', 'Team') },
  ],
  fields: [
    {
      key: 'creditCode',
      type: 'text',
      label: L('统一社会信用代码', 'USCC'),
      required: false,
      identity: true,
    },
    {
      key: 'capital',
      type: 'number',
      label: L('注册资本', 'Registered capital'),
      required: false,
      unit: '万元',
      groups: ['company'],
    },
    {
      key: 'stage',
      type: 'choice',
      label: L('阶段'),
      required: false,
      options: [{ value: 'seed', label: L('种子', 'Seed') }],
    },
    {
      key: 'patents',
      type: 'table',
      label: L('专利'),
      required: false,
      columns: [{ key: 'no', type: 'text', label: L('号'), required: true }],
    },
    { key: 'note', type: 'text', label: L('备注'), required: false },
    { key: 'bp', type: 'file', label: L('商业计划书', 'BP'), required: true },
    {
      key: 'bpBlind',
      type: 'file',
      label: L('匿名商业计划书', 'Anonymised BP'),
      required: false,
      blindCopyOf: 'bp',
    },
    { key: 'licence', type: 'file', label: L('营业执照'), required: false, identity: true },
  ],
};
const keys = (fs: FormField[]) => fs.map((f) => f.key);

describe('fieldsForJudge', () => {
  it('shows every field but the anonymised copy in an open round', () => {
    expect(keys(fieldsForJudge(form.fields, false))).toEqual([
      'creditCode',
      'capital',
      'stage',
      'patents',
      'note',
      'bp',
      'licence',
    ]);
  });
  it('withholds identity fields and swaps the named BP for its anonymised copy in a blind round', () => {
    expect(keys(fieldsForJudge(form.fields, true))).toEqual([
      'capital',
      'stage',
      'patents',
      'note',
      'bpBlind',
    ]);
  });
  it('keeps a file with no copy in a blind round unless it is an identity field', () => {
    const fields = form.fields.filter((f) => f.key !== 'bpBlind');
    expect(keys(fieldsForJudge(fields, true))).toContain('bp');
  });
});

describe('answersForJudge', () => {
  const answers = {
    creditCode: '91320281MA1XXXXX0X',
    capital: 500,
    stage: 'seed',
    patents: [{ no: 'ZL2020' }],
    note: '',
    bp: '1b7c7d0e-6a55-4d7c-9c32-0c1f9b3b1a11',
  };
  it('gives answered non-file fields of the group with label, unit and options, in form order', () => {
    const out = answersForJudge(form, answers, false, 'company');
    expect(out.map((a) => a.key)).toEqual(['creditCode', 'capital', 'stage', 'patents']);
    expect(out[1]).toEqual({
      key: 'capital',
      type: 'number',
      label: L('注册资本', 'Registered capital'),
      unit: '万元',
      value: 500,
    });
    expect(out[2].options).toEqual([{ value: 'seed', label: L('种子', 'Seed') }]);
    expect(out[3].columns).toHaveLength(1);
  });
  it('leaves out identity answers in a blind round and fields of another group', () => {
    expect(answersForJudge(form, answers, true, 'team').map((a) => a.key)).toEqual([
      'stage',
      'patents',
    ]);
  });
});

describe('form definition: identity and blindCopyOf', () => {
  it('accepts the flags', () => {
    expect(validateFormDefinition(form, { trackCodes: [] })).toEqual([]);
  });
  it('refuses a copy of a missing, non-file or copied field, and a non-boolean identity', () => {
    const bad: RegistrationForm = {
      fields: [
        { key: 'a', type: 'file', label: L('a'), required: false, blindCopyOf: 'nope' },
        { key: 'b', type: 'file', label: L('b'), required: false, blindCopyOf: 'c' },
        { key: 'c', type: 'text', label: L('c'), required: false },
        { key: 'd', type: 'file', label: L('d'), required: false, blindCopyOf: 'a' },
        { key: 'e', type: 'text', label: L('e'), required: false, identity: 'yes' as never },
      ],
    };
    expect(validateFormDefinition(bad, { trackCodes: [] }).map((p) => p.field)).toEqual([
      'fields[4].identity',
      'fields[0].blindCopyOf',
      'fields[1].blindCopyOf',
      'fields[3].blindCopyOf',
    ]);
  });
});
