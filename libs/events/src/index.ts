export * from './event-catalog';
export * from './jobs';
