export * from './rounding';
export * from './scoring';
export * from './assignment';
export * from './round-lifecycle';
