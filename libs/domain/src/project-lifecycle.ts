import { DomainError } from './domain-error';
import { DEFAULT_TIME_ZONE, isoInZone } from './time/time-zone';

const inZone = (at: Date, window: RegistrationWindow) => {
  const zone = window.timeZone ?? DEFAULT_TIME_ZONE;
  return `${isoInZone(at, zone)} (${zone})`;
};

export type ProjectStatusName =
  | 'DRAFT'
  | 'SUBMITTED'
  | 'ELIGIBLE'
  | 'INELIGIBLE'
  | 'ADVANCED'
  | 'ELIMINATED'
  | 'AWARDED'
  | 'WITHDRAWN';

export interface RegistrationWindow {
  opensAt: Date;
  closesAt: Date;
  // The competition's zone: messages name the time as its people read it.
  timeZone?: string;
}

export type ReviewDecision = 'ELIGIBLE' | 'INELIGIBLE';

// The registration part of the project state machine (API.md, Registration).
// Every function returns the next status or throws a DomainError saying why not.
export const ProjectLifecycle = {
  assertEditable(status: ProjectStatusName): void {
    if (status !== 'DRAFT')
      throw DomainError.of(
        'PROJECT_NOT_DRAFT',
        { status },
        `project is ${status}; only a DRAFT can be edited`,
      );
  },

  submit(status: ProjectStatusName, window: RegistrationWindow, now: Date): ProjectStatusName {
    if (status !== 'DRAFT')
      throw DomainError.of(
        'PROJECT_NOT_DRAFT',
        { status },
        `project is ${status}; only a DRAFT can be submitted`,
      );
    if (now < window.opensAt) {
      throw DomainError.of(
        'REGISTRATION_NOT_OPEN',
        { opensAt: window.opensAt.toISOString(), timeZone: window.timeZone ?? DEFAULT_TIME_ZONE },
        `registration opens at ${inZone(window.opensAt, window)}`,
      );
    }
    if (now >= window.closesAt) {
      throw DomainError.of(
        'REGISTRATION_CLOSED',
        { closesAt: window.closesAt.toISOString(), timeZone: window.timeZone ?? DEFAULT_TIME_ZONE },
        `registration closed at ${inZone(window.closesAt, window)}`,
      );
    }
    return 'SUBMITTED';
  },

  // "any → WITHDRAWN before judging ends": once a stage's result is known
  // (ADVANCED, ELIMINATED) or the project was refused, there is nothing to withdraw from.
  withdraw(status: ProjectStatusName): ProjectStatusName {
    if (status === 'WITHDRAWN')
      throw DomainError.of('PROJECT_ALREADY_WITHDRAWN', 'project is already withdrawn');
    if (status === 'INELIGIBLE' || status === 'ELIMINATED' || status === 'AWARDED') {
      throw DomainError.of(
        'PROJECT_JUDGING_ENDED',
        { status },
        `project is ${status}; judging has ended for it`,
      );
    }
    return 'WITHDRAWN';
  },

  review(
    status: ProjectStatusName,
    decision: ReviewDecision,
    reason?: string | null,
  ): ProjectStatusName {
    if (decision === 'INELIGIBLE' && !reason?.trim()) {
      throw DomainError.of('INELIGIBLE_REASON_REQUIRED', 'a reason is required for INELIGIBLE', [
        {
          field: 'reason',
          code: 'FIELD_REQUIRED',
          message: 'required when decision is INELIGIBLE',
        },
      ]);
    }
    // A decision may be corrected while judging has not started on it.
    if (status !== 'SUBMITTED' && status !== 'ELIGIBLE' && status !== 'INELIGIBLE') {
      throw DomainError.of(
        'PROJECT_NOT_REVIEWABLE',
        { status },
        `project is ${status}; only a submitted project can be reviewed`,
      );
    }
    if (status === decision)
      throw DomainError.of('PROJECT_ALREADY_DECIDED', { status }, `project is already ${status}`);
    return decision;
  },
};
