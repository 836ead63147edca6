export * from './advancement';
export * from './signing';
