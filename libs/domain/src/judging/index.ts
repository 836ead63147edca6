export * from './rounding';
export * from './scoring';
export * from './assignment';
export * from './round-lifecycle';
export * from './panel-rules';
export * from './pitch-order';
export * from './score-write';
export * from './ranking-coverage';
