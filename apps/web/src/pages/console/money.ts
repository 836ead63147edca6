/**
 * The console asks for investment in 万元 (10,000 yuan), as organisers count
 * it; the API stores and answers 元 (`investmentAmount`, a decimal
 * string). The decimal point moves four places in the text, so 1.23 万元 is
 * exactly "12300.00" 元, with no binary rounding (1.23 × 10000 is
 * 12300.000000000002 in floating point). At most 6 decimals of 万元 (a fen).
 */
export function wanToYuan(wan: number): string {
  if (!Number.isFinite(wan) || wan < 0) throw new RangeError(`not an amount: ${wan}`);
  const [whole, fraction] = wan.toFixed(6).split('.');
  const yuan = `${whole}${fraction.slice(0, 4)}`.replace(/^0+(?=\d)/, '');
  return `${yuan}.${fraction.slice(4)}`;
}

/** The 万元 figure of an amount the API gives in 元 ("5000000.00" → 500). */
export function yuanToWan(yuan: string): number {
  const [whole, fraction = ''] = yuan.split('.');
  const digits = whole.padStart(5, '0') + fraction.padEnd(2, '0').slice(0, 2);
  return Number(`${digits.slice(0, -6)}.${digits.slice(-6)}`);
}
