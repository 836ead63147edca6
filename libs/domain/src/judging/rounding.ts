// Half away from zero at `digits` decimals. Binary floats put 82.125 at
// 82.12499999…; fixing the scaled value to 9 places first removes that noise
// so the half is seen as a half (API.md, scoring rule 3).
export function roundHalfAwayFromZero(value: number, digits = 2): number {
  const factor = 10 ** digits;
  const scaled = Number((Math.abs(value) * factor).toFixed(9));
  const rounded = Math.round(scaled) / factor;
  return value < 0 ? -rounded : rounded;
}

// Judge totals are stored exactly (rankings aggregate them) and reported
// rounded like every other score: 81.7, never 81.70000000000002.
export const reportedTotal = <T extends number | null>(total: T): T =>
  (total === null ? null : roundHalfAwayFromZero(total)) as T;
