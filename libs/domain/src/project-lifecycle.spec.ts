import { DomainError } from './domain-error';
import { ProjectLifecycle } from './project-lifecycle';

const window = {
  opensAt: new Date('2026-03-01T00:00:00Z'),
  closesAt: new Date('2026-04-01T00:00:00Z'),
};
const kindOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).kind;
  }
  return undefined;
};

describe('ProjectLifecycle', () => {
  it('submits a draft inside the window', () => {
    expect(ProjectLifecycle.submit('DRAFT', window, new Date('2026-03-15T00:00:00Z'))).toBe(
      'SUBMITTED',
    );
  });

  it('refuses submission before opening, at and after the deadline', () => {
    expect(
      kindOf(() => ProjectLifecycle.submit('DRAFT', window, new Date('2026-02-28T23:59:59Z'))),
    ).toBe('CONFLICT');
    expect(kindOf(() => ProjectLifecycle.submit('DRAFT', window, window.closesAt))).toBe(
      'CONFLICT',
    );
  });

  it('names the deadline in the competition zone', () => {
    expect(() => ProjectLifecycle.submit('DRAFT', window, window.closesAt)).toThrow(
      'registration closed at 2026-04-01T08:00:00+08:00 (Asia/Shanghai)',
    );
    expect(() =>
      ProjectLifecycle.submit(
        'DRAFT',
        { ...window, timeZone: 'Europe/Berlin' },
        new Date('2026-01-01T00:00:00Z'),
      ),
    ).toThrow('registration opens at 2026-03-01T01:00:00+01:00 (Europe/Berlin)');
  });

  it('refuses submitting twice and editing after submission', () => {
    expect(kindOf(() => ProjectLifecycle.submit('SUBMITTED', window, new Date('2026-03-15')))).toBe(
      'CONFLICT',
    );
    expect(kindOf(() => ProjectLifecycle.assertEditable('SUBMITTED'))).toBe('CONFLICT');
    expect(() => ProjectLifecycle.assertEditable('DRAFT')).not.toThrow();
  });

  it('needs a reason for INELIGIBLE', () => {
    expect(kindOf(() => ProjectLifecycle.review('SUBMITTED', 'INELIGIBLE', '  '))).toBe(
      'UNPROCESSABLE',
    );
    expect(ProjectLifecycle.review('SUBMITTED', 'INELIGIBLE', 'off direction')).toBe('INELIGIBLE');
    expect(ProjectLifecycle.review('SUBMITTED', 'ELIGIBLE')).toBe('ELIGIBLE');
  });

  it('reviews only submitted projects, and corrects a decision once', () => {
    expect(kindOf(() => ProjectLifecycle.review('DRAFT', 'ELIGIBLE'))).toBe('CONFLICT');
    expect(kindOf(() => ProjectLifecycle.review('ELIGIBLE', 'ELIGIBLE'))).toBe('CONFLICT');
    expect(ProjectLifecycle.review('ELIGIBLE', 'INELIGIBLE', 'duplicate entry')).toBe('INELIGIBLE');
  });

  it('withdraws until judging has ended', () => {
    expect(ProjectLifecycle.withdraw('DRAFT')).toBe('WITHDRAWN');
    expect(ProjectLifecycle.withdraw('ELIGIBLE')).toBe('WITHDRAWN');
    expect(kindOf(() => ProjectLifecycle.withdraw('WITHDRAWN'))).toBe('CONFLICT');
    expect(kindOf(() => ProjectLifecycle.withdraw('ELIMINATED'))).toBe('CONFLICT');
  });
});
