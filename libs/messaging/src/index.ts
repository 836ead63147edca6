export * from './redis';
export * from './outbox-relay';
