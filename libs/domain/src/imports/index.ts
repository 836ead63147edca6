export * from './sheet-columns';
export * from './import-rows';
