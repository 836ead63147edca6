export * from './invitations';
