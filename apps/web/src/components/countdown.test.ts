import { describe, expect, it } from 'vitest';
import { clock } from './countdown';

describe('clock', () => {
  it('shows minutes and seconds left, rounding the seconds down', () => {
    expect(clock(480_000)).toBe('8:00');
    expect(clock(59_999)).toBe('0:59');
    expect(clock(0)).toBe('0:00');
  });

  it('counts an overrun up with a plus sign', () => {
    expect(clock(-1)).toBe('+0:00');
    expect(clock(-15_000)).toBe('+0:15');
    expect(clock(-61_000)).toBe('+1:01');
  });
});
