export * from './domain-error';
export * from './roles';
export * from './rubric';
export * from './project-lifecycle';
export * from './judging';
export * from './heats';
