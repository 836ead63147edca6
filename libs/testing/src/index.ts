export * from './smtp-recorder';
