export * from './sheet-columns';
export * from './import-rows';
export * from './upload-limits';
