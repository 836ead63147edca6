import { DomainError } from '../domain-error';
import { dateInZone } from '../time/time-zone';

export type SigningStatus = 'INTENT' | 'NEGOTIATING' | 'SIGNED' | 'LANDED' | 'CANCELLED';
export const SIGNING_STATUSES: SigningStatus[] = [
  'INTENT',
  'NEGOTIATING',
  'SIGNED',
  'LANDED',
  'CANCELLED',
];
export const OPEN_SIGNING_STATUSES: SigningStatus[] = ['INTENT', 'NEGOTIATING', 'SIGNED'];

const FORWARD: Record<SigningStatus, SigningStatus | null> = {
  INTENT: 'NEGOTIATING',
  NEGOTIATING: 'SIGNED',
  SIGNED: 'LANDED',
  LANDED: null,
  CANCELLED: null,
};

export const isFinalSigning = (s: SigningStatus) => s === 'LANDED' || s === 'CANCELLED';

// A signing not yet landed (nor cancelled) whose landing deadline, a calendar
// date in the competition's zone, is a day before today there: in Beijing a
// deadline of 1 December is overdue from 00:00 on 2 December, not from 08:00.
export function isLandingOverdue(
  deadline: Date | string | null,
  status: SigningStatus,
  now: Date,
  timeZone: string | null | undefined,
): boolean {
  if (!deadline || isFinalSigning(status)) return false;
  const day = (deadline instanceof Date ? deadline.toISOString() : deadline).slice(0, 10);
  return day < dateInZone(now, timeZone);
}

// 项目签约 → 落地: INTENT → NEGOTIATING → SIGNED → LANDED, any not final →
// CANCELLED; LANDED needs the registered company (name and registration no.).
export function transitionSigning(
  from: SigningStatus,
  to: SigningStatus,
  details: { companyName?: string | null; registrationNo?: string | null },
): SigningStatus {
  const legal = (to === 'CANCELLED' && !isFinalSigning(from)) || FORWARD[from] === to;
  if (!legal)
    throw DomainError.of(
      'SIGNING_TRANSITION_ILLEGAL',
      { from, to },
      `a signing cannot go from ${from} to ${to}`,
    );
  if (to === 'LANDED') {
    const missing = (['companyName', 'registrationNo'] as const).filter((f) => !details[f]?.trim());
    if (missing.length) {
      throw DomainError.of(
        'SIGNING_LANDED_INCOMPLETE',
        { fields: missing },
        `LANDED needs ${missing.join(' and ')}`,
        missing.map((field) => ({
          field,
          code: 'FIELD_REQUIRED' as const,
          message: 'required for LANDED',
        })),
      );
    }
  }
  return to;
}

export interface SigningFact {
  status: SigningStatus;
  heat: string;
  track: string;
  enclave: string;
}

export interface RateGroup {
  total: number;
  signed: number;
  landed: number;
}

// signed counts SIGNED and LANDED, landed counts LANDED; rates are fractions
// rounded to 4 decimals (0 when the denominator is 0).
export function signingStats(facts: SigningFact[], advancedOrAwarded: number) {
  const group = (key: keyof Omit<SigningFact, 'status'>) => {
    const out: Record<string, RateGroup & { landingRate: number }> = {};
    for (const f of facts) {
      const g = (out[f[key]] ??= { total: 0, signed: 0, landed: 0, landingRate: 0 });
      g.total += 1;
      if (f.status === 'SIGNED' || f.status === 'LANDED') g.signed += 1;
      if (f.status === 'LANDED') g.landed += 1;
    }
    for (const g of Object.values(out)) g.landingRate = rate(g.landed, g.signed);
    return out;
  };
  const signed = facts.filter((f) => f.status === 'SIGNED' || f.status === 'LANDED').length;
  const landed = facts.filter((f) => f.status === 'LANDED').length;
  return {
    total: facts.length,
    signed,
    landed,
    signingRate: rate(signed, advancedOrAwarded),
    landingRate: rate(landed, signed),
    byHeat: group('heat'),
    byTrack: group('track'),
    byEnclave: group('enclave'),
  };
}

const rate = (n: number, d: number) => (d === 0 ? 0 : Math.round((n / d) * 10000) / 10000);
