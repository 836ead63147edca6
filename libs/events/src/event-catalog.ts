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
  'identity.user-invited': { user: Recipient; token: string; expiresAt: string; invitedByName: string };
  'registration.project-submitted': {
    projectId: string;
    competitionId: string;
    competitionName: string;
    title: string;
    owner: Recipient;
  };
  'registration.project-reviewed': {
    projectId: string;
    competitionId: string;
    competitionName: string;
    title: string;
    decision: 'ELIGIBLE' | 'INELIGIBLE';
    reason: string | null;
    owner: Recipient;
  };
  'judging.judges-assigned': {
    roundId: string;
    roundName: string;
    heatName: string;
    closesAt: string | null;
    judges: { judge: Recipient; projectCount: number }[];
  };
  // Any change to what a round's ranking is computed from; `seq` orders changes.
  'judging.scores-changed': {
    roundId: string;
    seq: string;
    change: 'SUBMITTED' | 'REOPENED' | 'REMOVED';
    judgeId: string;
    projectId: string;
  };
  'judging.round-closed': { roundId: string; seq: string };
  'judging.reminder-requested': {
    roundId: string;
    roundName: string;
    heatName: string;
    closesAt: string | null;
    judges: { judge: Recipient; missingTitles: string[] }[];
  };
  'heats.heat-advanced': {
    heatId: string;
    heatName: string;
    competitionName: string;
    nextHeat: { name: string; city: string | null; venue: string | null; startsAt: string | null } | null;
    owners: { owner: Recipient; results: { projectId: string; title: string; result: 'ADVANCED' | 'ELIMINATED' | 'AWARDED' }[] }[];
  };
  'signing.status-changed': {
    signingId: string;
    projectTitle: string;
    host: string;
    from: string | null;
    to: string;
    note: string | null;
    owner: Recipient;
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
  'registration.project-submitted': [QueueName.Notifications],
  'registration.project-reviewed': [QueueName.Notifications],
  'judging.judges-assigned': [QueueName.Notifications],
  'judging.scores-changed': [QueueName.Scoring],
  'judging.round-closed': [QueueName.Scoring],
  'judging.reminder-requested': [QueueName.Notifications],
  'heats.heat-advanced': [QueueName.Notifications],
  'signing.status-changed': [QueueName.Notifications],
};

export const ALL_QUEUES: readonly QueueName[] = Object.values(QueueName);

export const isEventName = (value: string): value is EventName => value in EVENT_CONSUMERS;

// PostgreSQL NOTIFY channel on which the scoring worker announces a committed
// ranking (payload: the round id); the api's live ranking stream listens on it.
export const RANKING_UPDATED_CHANNEL = 'ranking_updated';
