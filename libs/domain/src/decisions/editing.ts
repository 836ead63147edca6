import { DomainError } from '../domain-error';
import { RoundStatusValue } from '../errors/error-codes';

// What may still change, and why not (409 naming the reason).

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

// The fields whose value actually changes, for the audit row (old → new).
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  patch: Partial<T>,
): FieldChange[] {
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));
  return Object.entries(patch)
    .filter(([, v]) => v !== undefined)
    .filter(([k, v]) => JSON.stringify(norm(before[k])) !== JSON.stringify(norm(v)))
    .map(([field, to]) => ({ field, from: norm(before[field]), to: norm(to) }));
}

export function assertRoundEditable(status: string): void {
  if (status !== 'DRAFT')
    throw DomainError.of(
      'ROUND_RULES_LOCKED',
      { status: status as RoundStatusValue },
      `round is ${status}: its rubric, method, trim, weight and times change only while it is DRAFT ` +
        '(judges may already have scored under them)',
    );
}

export function assertRubricEditable(openedRounds: { name: string; status: string }[]): void {
  if (openedRounds.length)
    throw DomainError.of(
      'RUBRIC_IN_USE',
      {
        rounds: openedRounds.map((r) => ({
          roundName: r.name,
          status: r.status as RoundStatusValue,
        })),
      },
      `rubric is used by round(s) already opened (${openedRounds.map((r) => `${r.name}: ${r.status}`).join(', ')}); ` +
        'scores were given against it',
    );
}

// A heat's quota decides advancement; once the heat has advanced, changing it
// would contradict recorded decisions.
export function assertHeatQuotaEditable(advanced: boolean): void {
  if (advanced)
    throw DomainError.of(
      'HEAT_QUOTA_LOCKED',
      'the heat has already advanced: its quota decided recorded results',
    );
}

export function assertRegistrationWindow(
  opensAt: Date,
  closesAt: Date,
  submittedCount: number,
  before: { opensAt: Date },
): void {
  if (closesAt <= opensAt)
    throw DomainError.of(
      'DATES_OUT_OF_ORDER',
      { start: 'registrationOpensAt', end: 'registrationClosesAt' },
      'registrationClosesAt must be after registrationOpensAt',
      [
        {
          field: 'registrationClosesAt',
          code: 'FIELD_MUST_BE_AFTER',
          message: 'must be after registrationOpensAt',
          params: { other: 'registrationOpensAt' },
        },
      ],
    );
  if (submittedCount > 0 && opensAt.getTime() > before.opensAt.getTime())
    throw DomainError.of(
      'REGISTRATION_OPENS_LATER',
      { submittedCount },
      `${submittedCount} project(s) were already submitted: registration cannot open later than they were submitted`,
    );
}
