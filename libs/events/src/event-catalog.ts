// Every domain event, its payload, and the queues that consume it: declared
// once here and imported by the producers (api) and the consumers (worker).
// Payloads carry what consumers need (e.g. the recipient's address and
// locale) so no consumer has to read another context's tables.

export interface Recipient {
  userId: string;
  email: string;
  name: string;
  locale: string;
}

export interface EventPayloads {
  'identity.user-signed-up': { user: Recipient };
  'identity.user-invited': {
    user: Recipient;
    token: string;
    expiresAt: string;
    invitedByName: string;
    // The competition's IANA zone for the times in the mail; absent in events
    // written before competitions had one (the default, Asia/Shanghai, applies).
    timeZone?: string;
  };
  'identity.password-reset-requested': {
    user: Recipient;
    token: string;
    expiresAt: string;
  };
  'registration.project-submitted': {
    projectId: string;
    competitionId: string;
    competitionName: string;
    title: string;
    owner: Recipient;
  };
  // A release of a competition's eligibility decisions: one entry per owner
  // with a first decision or a correction (see libs/domain decisions).
  'registration.eligibility-released': {
    releaseId: string;
    competitionId: string;
    competitionName: string;
    owners: {
      owner: Recipient;
      correction: boolean;
      items: {
        projectId: string;
        title: string;
        decision: 'ELIGIBLE' | 'INELIGIBLE';
        reason: string | null;
        previousDecision: 'ELIGIBLE' | 'INELIGIBLE' | null;
      }[];
    }[];
  };
  'judging.judges-assigned': {
    // Events that lead to mails name their competition: the notification rows
    // carry it, so organisers see only their own competitions' mails.
    competitionId: string;
    roundId: string;
    roundName: string;
    heatName: string;
    closesAt: string | null;
    // The competition's IANA zone for the times in the mail; absent in events
    // written before competitions had one (the default, Asia/Shanghai, applies).
    timeZone?: string;
    judges: { judge: Recipient; projectCount: number }[];
  };
  // Any change to what a round's ranking is computed from; `seq` orders changes,
  // `xid` is the writing transaction (pg_current_xact_id): a ranking whose
  // snapshot sees it includes the change. Absent in events written before it
  // existed, which always recompute.
  'judging.scores-changed': {
    roundId: string;
    seq: string;
    // ARBITRATED: the chief expert's total for a 2+1 project (judgeId: who arbitrated).
    change: 'SUBMITTED' | 'REOPENED' | 'REMOVED' | 'ARBITRATED';
    judgeId: string;
    projectId: string;
    xid?: string;
  };
  'judging.round-closed': { roundId: string; seq: string; xid?: string };
  'judging.reminder-requested': {
    competitionId: string;
    roundId: string;
    roundName: string;
    heatName: string;
    closesAt: string | null;
    // The competition's IANA zone for the times in the mail; absent in events
    // written before competitions had one (the default, Asia/Shanghai, applies).
    timeZone?: string;
    judges: { judge: Recipient; missingTitles: string[] }[];
    // THIRD_EXPERT: the notice to a 2+1 project's third expert (not a
    // reminder: the pool's history does not count it). Absent: a reminder.
    purpose?: 'THIRD_EXPERT';
  };
  // A release of a heat's results (and, for the final, its awards): one entry
  // per owner with a first result or a correction.
  'heats.results-released': {
    competitionId: string;
    releaseId: string;
    heatId: string;
    heatName: string;
    competitionName: string;
    // The competition's IANA zone for the times in the mail; absent in events
    // written before competitions had one (the default, Asia/Shanghai, applies).
    timeZone?: string;
    nextHeat: {
      name: string;
      city: string | null;
      venue: string | null;
      startsAt: string | null;
    } | null;
    // The final (no next heat): results are awards or none.
    final?: boolean;
    owners: {
      owner: Recipient;
      correction: boolean;
      results: {
        projectId: string;
        title: string;
        result: 'ADVANCED' | 'ELIMINATED' | 'AWARDED';
        award: string | null;
        corrected: boolean;
      }[];
    }[];
  };
  // An import named an account that already existed: as a judge of the
  // competition's list, or as the contact of an imported project (then it
  // owns the project). The person is told; the organiser is told nothing
  // that a new address would not also give (see docs/security.md). No
  // `competitionId` on purpose: the mail must not appear in the competition's
  // notification log, where it would tell the organiser the address had an
  // account (a new address's invitation is not listed there either).
  'imports.account-named': {
    competitionName: string;
    organiserName: string;
    account: Recipient;
    role: 'JUDGE' | 'PROJECT_CONTACT';
    projectTitle: string | null;
  };
  // An on-site objection (异议) decided: the team is told the decision and its reasons.
  'judging.objection-decided': {
    competitionId: string;
    roundId: string;
    roundName: string;
    projectTitle: string;
    decision: 'UPHELD' | 'DISMISSED';
    reason: string;
    owner: Recipient;
  };
  'signing.status-changed': {
    competitionId: string;
    signingId: string;
    projectTitle: string;
    host: string;
    from: string | null;
    to: string;
    // What the applicant is told; the internal note never enters the event.
    message: string | null;
    owner: Recipient;
  };
  // Due process after a decision (issue 21, libs/domain/src/due-process). Each
  // is written once per transition, naming each person once.
  'due-process.publicity-started': {
    competitionId: string;
    publicityId: string;
    competitionName: string;
    heatName: string;
    startsAt: string;
    endsAt: string;
    timeZone: string;
    organiserContact: string;
    supervisorContact: string;
    owners: { owner: Recipient; titles: string[] }[];
  };
  'due-process.publicity-final': {
    competitionId: string;
    publicityId: string;
    competitionName: string;
    heatName: string;
    owners: { owner: Recipient; titles: string[] }[];
  };
  // The objector is no account: a name and, when given, an address.
  'due-process.objection-filed': {
    competitionId: string;
    objectionId: string;
    receipt: string;
    competitionName: string;
    heatName: string;
    filedAt: string;
    timeZone: string;
    objector: { name: string; email: string | null; locale: string };
  };
  'due-process.objection-decided': {
    competitionId: string;
    competitionName: string;
    heatName: string;
    outcome: 'UPHELD' | 'DISMISSED';
    reasons: string;
    // The decided objection and every identical one merged into it.
    objectors: { receipt: string; name: string; email: string | null; locale: string }[];
  };
  // A place changed hands on a published list: who lost it (with why), who
  // is offered it now (递补), or both.
  'due-process.place-changed': {
    competitionId: string;
    competitionName: string;
    heatName: string;
    timeZone: string;
    lost: {
      owner: Recipient;
      title: string;
      why: 'WITHDRAWN' | 'DISQUALIFIED' | 'FAILED_DILIGENCE' | 'REFUSED_DILIGENCE' | 'RERANKED';
      reason: string;
    } | null;
    offered: { owner: Recipient; title: string; offerId: string; deadline: string } | null;
  };
  'due-process.appeal-decided': {
    competitionId: string;
    competitionName: string;
    heatName: string;
    owner: Recipient;
    title: string;
    outcome: 'UPHELD' | 'DISMISSED';
    reasons: string;
    result: 'ADVANCED' | 'ELIMINATED' | null;
  };
  'due-process.diligence-decided': {
    competitionId: string;
    competitionName: string;
    heatName: string;
    owner: Recipient;
    title: string;
    outcome: 'PASSED' | 'FAILED' | 'REFUSED';
    findings: string;
  };
}

export type EventName = keyof EventPayloads;

export interface DomainEvent<N extends EventName = EventName> {
  id: string;
  type: N;
  aggregateId: string;
  occurredAt: string;
  payload: EventPayloads[N];
}

export const QueueName = {
  Notifications: 'notifications',
  Scoring: 'scoring',
} as const;
export type QueueName = (typeof QueueName)[keyof typeof QueueName];

// Which queues receive each event. The relay adds one job per queue; a typed
// Record means a new event cannot be declared without deciding its consumers.
export const EVENT_CONSUMERS: Record<EventName, readonly QueueName[]> = {
  'identity.user-signed-up': [QueueName.Notifications],
  'identity.user-invited': [QueueName.Notifications],
  'identity.password-reset-requested': [QueueName.Notifications],
  'registration.project-submitted': [QueueName.Notifications],
  'registration.eligibility-released': [QueueName.Notifications],
  'judging.judges-assigned': [QueueName.Notifications],
  'judging.scores-changed': [QueueName.Scoring],
  'judging.round-closed': [QueueName.Scoring],
  'judging.reminder-requested': [QueueName.Notifications],
  'heats.results-released': [QueueName.Notifications],
  'judging.objection-decided': [QueueName.Notifications],
  'signing.status-changed': [QueueName.Notifications],
  'imports.account-named': [QueueName.Notifications],
  'due-process.publicity-started': [QueueName.Notifications],
  'due-process.publicity-final': [QueueName.Notifications],
  'due-process.objection-filed': [QueueName.Notifications],
  'due-process.objection-decided': [QueueName.Notifications],
  'due-process.place-changed': [QueueName.Notifications],
  'due-process.appeal-decided': [QueueName.Notifications],
  'due-process.diligence-decided': [QueueName.Notifications],
};

export const ALL_QUEUES: readonly QueueName[] = Object.values(QueueName);

export const isEventName = (value: string): value is EventName => value in EVENT_CONSUMERS;

// PostgreSQL NOTIFY channel on which the scoring worker announces a committed
// ranking (payload: the round id); the api's live ranking stream listens on it.
export const RANKING_UPDATED_CHANNEL = 'ranking_updated';

// The competition an event is about (null for account events such as a
// signup), so what it leads to, its mails, can be scoped to that competition's
// organisers. Events written before the field existed also give null.
export function competitionOfEvent(payload: unknown): string | null {
  const id = (payload as { competitionId?: unknown } | null)?.competitionId;
  return typeof id === 'string' ? id : null;
}
