export * from './templates';
export * from './mail.transport';
export * from './secret-slots';
export * from './retry-policy';
