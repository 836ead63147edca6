export * from './advancement';
export * from './signing';
export * from './advancement-rules';
