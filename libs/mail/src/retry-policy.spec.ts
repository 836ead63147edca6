import { nextMailAttemptDelay } from './retry-policy';

describe('nextMailAttemptDelay', () => {
  it('doubles from the base and stops at the cap, however many attempts', () => {
    expect([1, 2, 3, 4].map((n) => nextMailAttemptDelay(n, 2000, 300000))).toEqual([
      2000, 4000, 8000, 16000,
    ]);
    expect(nextMailAttemptDelay(9, 2000, 300000)).toBe(300000);
    expect(nextMailAttemptDelay(10000, 2000, 300000)).toBe(300000);
    expect(nextMailAttemptDelay(0, 2000, 300000)).toBe(2000);
  });
});
