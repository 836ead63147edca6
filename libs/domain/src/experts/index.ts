export * from './expert-draw';
export * from './double-marking';
export * from './bias-report';
export * from './expert-sheet';
