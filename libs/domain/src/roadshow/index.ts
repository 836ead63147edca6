export * from './reveal';
export * from './pitch-timer';
export * from './sign-off';
export * from './rooms';
