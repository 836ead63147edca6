import { LogThrottle, errorKey } from './log-throttle';

describe('LogThrottle', () => {
  it('logs the first occurrence, then once per interval with the suppressed count', () => {
    let now = 0;
    const throttle = new LogThrottle(1000, () => now);
    const logged: number[] = [];
    for (let i = 0; i < 500; i++) throttle.run('oom', (n) => logged.push(n));
    now = 999;
    throttle.run('oom', (n) => logged.push(n));
    now = 1000;
    throttle.run('oom', (n) => logged.push(n));
    expect(logged).toEqual([0, 500]);
  });

  it('keeps keys apart', () => {
    const throttle = new LogThrottle(1000, () => 0);
    expect(throttle.run('a', () => undefined)).toBe(true);
    expect(throttle.run('b', () => undefined)).toBe(true);
    expect(throttle.run('a', () => undefined)).toBe(false);
  });

  it('groups messages that differ only in numbers', () => {
    expect(errorKey(new Error('connect ECONNREFUSED 127.0.0.1:6379'))).toBe(
      errorKey(new Error('connect ECONNREFUSED 127.0.0.1:6380')),
    );
  });
});
