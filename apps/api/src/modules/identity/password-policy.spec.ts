import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each([
    '12345678',
    'password',
    'password12',
    '1234567890',
    'qwertyuiop',
    'iloveyou123',
    'P@ssw0rd123',
  ])('refuses the weak %j', (weak) => {
    expect(passwordProblem(weak)).toMatch(/password/);
  });

  it('wants at least 10 characters', () => {
    expect(passwordProblem('Xk#9vQ!2m')).toMatch(/at least 10/);
  });

  it('refuses a password built from the account’s own email or name', () => {
    expect(passwordProblem('zhangwei2026', ['zhangwei@example.cn', '张伟'])).toMatch(/guess/);
  });

  it.each([
    'Roadshow-Judge-2026!',
    'Roadshow-Demo-2026!',
    'Roadshow-Admin-2026!',
    'Roadshow-Organiser-2026!',
    'Roadshow-Applicant-2026!',
    'correct horse battery staple',
  ])('accepts the strong %j', (strong) => {
    expect(passwordProblem(strong)).toBeNull();
  });
});
