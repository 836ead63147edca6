import { describe, expect, it } from 'vitest';
import { wanToYuan, yuanToWan } from './money';

describe('万元 typed in the console, 元 in the API', () => {
  it('sends 万元 as the exact yuan string', () => {
    expect(wanToYuan(500)).toBe('5000000.00');
    expect(wanToYuan(1.23)).toBe('12300.00');
    expect(wanToYuan(0.000001)).toBe('0.01');
    expect(wanToYuan(0)).toBe('0.00');
    expect(wanToYuan(123456.789012)).toBe('1234567890.12');
  });

  it('refuses what is not an amount', () => {
    expect(() => wanToYuan(-1)).toThrow(RangeError);
    expect(() => wanToYuan(Number.NaN)).toThrow(RangeError);
  });

  it('reads the API answer back as 万元', () => {
    expect(yuanToWan('5000000.00')).toBe(500);
    expect(yuanToWan('12300.00')).toBe(1.23);
    expect(yuanToWan('0.01')).toBe(0.000001);
    expect(yuanToWan(wanToYuan(8000))).toBe(8000);
  });
});
