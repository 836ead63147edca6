export * from './file-kinds';
