import { DomainError } from '../domain-error';

// 异议: filed by anyone during a 公示 (real name, contact, unit, reason,
// evidence), handled by the organiser, answered by mail; never public.
//
//   FILED ──assign──▶ ASSIGNED ──decide──▶ UPHELD | DISMISSED
//   FILED | ASSIGNED ──merge into an identical one──▶ MERGED (answered with it)
export type ObjectionStatus = 'FILED' | 'ASSIGNED' | 'UPHELD' | 'DISMISSED' | 'MERGED';
export type ObjectionOutcome = 'UPHELD' | 'DISMISSED';
/** What an upheld objection does to the result. */
export type ObjectionAction = 'DISQUALIFY' | 'REOPEN' | 'NONE';

export const OPEN_OBJECTION: readonly ObjectionStatus[] = ['FILED', 'ASSIGNED'];

export const isOpenObjection = (s: ObjectionStatus) => OPEN_OBJECTION.includes(s);

function assertOpen(status: ObjectionStatus): void {
  if (!isOpenObjection(status))
    throw DomainError.of(
      'OBJECTION_ALREADY_DECIDED',
      { status },
      `the objection is ${status}; it was answered already`,
    );
}

export const ObjectionLifecycle = {
  assign(status: ObjectionStatus): ObjectionStatus {
    assertOpen(status);
    return 'ASSIGNED';
  },
  decide(
    status: ObjectionStatus,
    outcome: ObjectionOutcome,
    action: ObjectionAction,
    disqualifies: string | null,
  ): ObjectionStatus {
    assertOpen(status);
    if (outcome === 'DISMISSED' && action !== 'NONE')
      throw DomainError.of(
        'OBJECTION_ACTION_NEEDS_UPHELD',
        'only an upheld objection can disqualify a project or re-open the result',
      );
    if (action === 'DISQUALIFY' && !disqualifies)
      throw DomainError.of(
        'OBJECTION_PROJECT_REQUIRED',
        'name the project the upheld objection disqualifies',
      );
    return outcome;
  },
  merge(status: ObjectionStatus, into: { id: string; status: ObjectionStatus }, selfId: string) {
    assertOpen(status);
    if (into.id === selfId || into.status === 'MERGED')
      throw DomainError.of(
        'OBJECTION_MERGE_TARGET_INVALID',
        'merge into another objection that was not itself merged',
      );
    return 'MERGED' as const;
  },
};

// Receipt numbers: not sequential and not guessable. 10 symbols of Crockford
// base32 (no I, L, O, U) from 50 random bits, in two groups after the year:
// 2026-7QK4M-X9R2T. The caller supplies the random bytes.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function receiptNumber(year: number, random: Uint8Array): string {
  if (random.length < 7) throw new Error('receiptNumber needs 7 random bytes');
  let bits = 0n;
  for (let i = 0; i < 7; i++) bits = (bits << 8n) | BigInt(random[i]);
  let s = '';
  for (let i = 0; i < 10; i++) {
    s += CROCKFORD[Number(bits & 31n)];
    bits >>= 5n;
  }
  return `${year}-${s.slice(0, 5)}-${s.slice(5)}`;
}

export const RECEIPT_PATTERN = /^\d{4}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

/** An objector's contact: a mainland mobile number or an email address, normalised. */
export function parseContact(
  raw: string,
): { kind: 'phone' | 'email'; value: string; email: string | null } | null {
  const s = raw.trim();
  const phone = s.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  if (/^1[3-9]\d{9}$/.test(phone)) return { kind: 'phone', value: phone, email: null };
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) && s.length <= 254) {
    const email = s.toLowerCase();
    return { kind: 'email', value: email, email };
  }
  return null;
}
