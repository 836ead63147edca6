export * from './templates';
export * from './mail.transport';
