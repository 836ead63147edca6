export * from './publicity';
export * from './objections';
export * from './appeals';
export * from './succession';
export * from './diligence';
