// Judging's SQL, one home per aggregate, shared by the api (organiser and
// judge actions) and the worker (scheduled opens, closes and reminders), so
// both change rounds the same way. The change protocol (change sequence and
// the outbox event naming the transaction) is written once, in
// judging/change-protocol.ts.
export * from './judging/change-protocol';
export * from './judging/rounds.sql';
export * from './judging/assignments.sql';
export * from './judging/scores.sql';
