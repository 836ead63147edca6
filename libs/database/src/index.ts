export * from './prisma.service';
export * from './database.module';
export * from './outbox.writer';
export * from './inbox';
export * from './prisma-errors';
export { Prisma } from './generated/prisma/client';
export type {
  Project,
  User,
  Invitation,
  Competition,
  Heat,
  Notification,
  Round,
} from './generated/prisma/client';
export * from './judging.repository';
export * from './pg.service';
export * from './db-unavailable';
export * from './pg-pool';
export * from './due-process.repository';
