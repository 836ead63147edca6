export * from './release-plan';
export * from './awards';
export * from './editing';
