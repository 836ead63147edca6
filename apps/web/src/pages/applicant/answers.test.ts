import { describe, expect, it } from 'vitest';
import { changedPaths } from '../../components/changed-paths';
import { applies, cleanAnswers, lockedBy, pick, type RegistrationForm } from './answers';

const L = (zh: string, en = '') => ({ zh, en });
const form: RegistrationForm = {
  competitionId: 'c',
  version: 1,
  updatedAt: null,
  declaration: null,
  groups: [{ key: 'company', label: L('企业组') }],
  fields: [
    { key: 'code', type: 'text', label: L('信用代码'), required: true, groups: ['company'] },
    { key: 'capital', type: 'number', label: L('注册资本', 'Capital'), required: false },
    { key: 'areas', type: 'multiChoice', label: L('领域'), required: false },
    {
      key: 'patents',
      type: 'table',
      label: L('专利'),
      required: false,
      columns: [{ key: 'number', type: 'text', label: L('专利号'), required: true }],
    },
  ],
};

describe('registration answers (applicant page)', () => {
  it('clears empty answers and fields of another group; drops empty table rows and cells', () => {
    expect(
      cleanAnswers(
        form,
        { code: ' 123 ', capital: 0, areas: [], patents: [{ number: 'ZL1' }, {}, { number: '' }] },
        'company',
      ),
    ).toEqual({ code: '123', capital: 0, areas: null, patents: [{ number: 'ZL1' }] });
    expect(cleanAnswers(form, { code: '123', capital: null }, 'team')).toEqual({
      code: null,
      capital: null,
      areas: null,
      patents: null,
    });
    expect(cleanAnswers(form, undefined, null).capital).toBeNull();
  });
  it('asks a grouped field only of its group; labels Chinese first', () => {
    expect(applies(form.fields[0], 'company')).toBe(true);
    expect(applies(form.fields[0], undefined)).toBe(false);
    expect(applies(form.fields[1], undefined)).toBe(true);
    expect(pick(L('注册资本', 'Capital'), 'en')).toBe('Capital');
    expect(pick(L('注册资本'), 'en')).toBe('注册资本');
    expect(pick(L('注册资本', 'Capital'), 'zh-CN')).toBe('注册资本');
  });
  it('names every path a change touched, so their server errors clear', () => {
    expect(changedPaths({ answers: { patents: [undefined, { number: 'x' }] } })).toEqual([
      ['answers'],
      ['answers', 'patents'],
      ['answers', 'patents', 1],
      ['answers', 'patents', 1, 'number'],
    ]);
  });
});

describe('lockedBy', () => {
  const f = (type: string, lock?: string) =>
    ({ key: 'k', type, label: { zh: 'k', en: 'k' }, required: false, lock }) as never;
  it('keeps a file replaceable after submit until the deadline, and locks other answers at submit', () => {
    expect(lockedBy(f('file'), { status: 'SUBMITTED', deadlinePassed: false })).toBeNull();
    expect(lockedBy(f('file'), { status: 'SUBMITTED', deadlinePassed: true })).toBe(
      'afterDeadline',
    );
    expect(lockedBy(f('text'), { status: 'DRAFT', deadlinePassed: false })).toBeNull();
    expect(lockedBy(f('text'), { status: 'SUBMITTED', deadlinePassed: false })).toBe('afterSubmit');
    expect(lockedBy(f('text', 'never'), { status: 'ELIGIBLE', deadlinePassed: true })).toBeNull();
    expect(
      lockedBy(f('text', 'afterEligibility'), { status: 'ELIGIBLE', deadlinePassed: false }),
    ).toBe('afterEligibility');
  });
});
