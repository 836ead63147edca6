export * from './form.types';
