export * from './reveal';
export * from './pitch-timer';
