import {
  assertHeatQuotaEditable,
  assertRegistrationWindow,
  assertRoundEditable,
  assertRubricEditable,
  changedFields,
} from './editing';

describe('editing rules', () => {
  it('lists only fields whose value changes, dates as ISO', () => {
    const before = {
      name: 'a',
      venue: null as string | null,
      startsAt: new Date('2026-05-20T01:00:00Z'),
    };
    expect(
      changedFields(before, {
        name: 'a',
        venue: 'v',
        startsAt: new Date('2026-05-21T01:00:00Z'),
      }),
    ).toEqual([
      { field: 'venue', from: null, to: 'v' },
      { field: 'startsAt', from: '2026-05-20T01:00:00.000Z', to: '2026-05-21T01:00:00.000Z' },
    ]);
  });
  it('refuses edits that would invalidate scores or decisions (409)', () => {
    expect(() => assertRoundEditable('DRAFT')).not.toThrow();
    expect(() => assertRoundEditable('OPEN')).toThrow(/round is OPEN/);
    expect(() => assertRubricEditable([])).not.toThrow();
    expect(() => assertRubricEditable([{ name: '路演', status: 'OPEN' }])).toThrow(/路演: OPEN/);
    expect(() => assertHeatQuotaEditable(true)).toThrow(/already advanced/);
  });
  it('checks the registration window', () => {
    const at = (d: string) => new Date(d);
    expect(() =>
      assertRegistrationWindow(at('2026-02-01'), at('2026-01-01'), 0, {
        opensAt: at('2026-01-01'),
      }),
    ).toThrow(/after registrationOpensAt/);
    expect(() =>
      assertRegistrationWindow(at('2026-02-01'), at('2026-03-01'), 2, {
        opensAt: at('2026-01-01'),
      }),
    ).toThrow(/already submitted/);
    expect(() =>
      assertRegistrationWindow(at('2025-12-01'), at('2026-03-01'), 2, {
        opensAt: at('2026-01-01'),
      }),
    ).not.toThrow();
  });
});
