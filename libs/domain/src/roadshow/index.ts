export * from './reveal';
export * from './pitch-timer';
export * from './rooms';
