export * from './redis';
export * from './outbox-relay';
export * from './process-safety-net';
