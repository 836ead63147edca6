export * from './export-labels';
