import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import type { PinoLogger } from 'nestjs-pino';
import { Pool } from 'pg';
import { AppConfig, loadConfig } from '@app/config';
import { PgService, PrismaService } from '@app/database';
import { ALL_QUEUES } from '@app/events';
import { bullConnectionFromUrl } from '@app/messaging';
import { QueueRegistry } from '../../../apps/worker/src/outbox/queue-registry.service';
import { cloneTemplateDatabase } from '../../support/database';
import { BASE_REDIS_URL, runId } from '../../support/env';

// The integration tier's world: one throwaway database cloned from the run's
// migrated template, as many connection pools onto it as a test wants (each
// PrismaService or PgService is one "process"), and, where Redis is used,
// BullMQ queues under the file's own key prefix. Everything opened here is
// closed by close().
export class TestWorld {
  private readonly closers: (() => Promise<unknown>)[] = [];
  private readonly cold: (() => Promise<unknown>)[] = [];
  private admin?: Pool;
  readonly prefix = `rs_${runId()}_${randomBytes(4).toString('hex')}`;

  private constructor(readonly databaseUrl: string) {}

  static async create(): Promise<TestWorld> {
    return new TestWorld(await cloneTemplateDatabase());
  }

  // The environment as the processes read it (libs/config), with overrides.
  config(env: Record<string, string> = {}): AppConfig {
    return loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: BASE_REDIS_URL,
      QUEUE_PREFIX: this.prefix,
      JWT_SECRET: 'integration-secret-0123456789',
      SMTP_URL: 'smtp://127.0.0.1:1',
      MAIL_FROM: 'Integration <noreply@int.test>',
      ...env,
    });
  }

  // A Prisma client with its own pool: what one api or worker process holds.
  prisma(env: Record<string, string> = {}): PrismaService {
    const prisma = new PrismaService(this.config(env));
    this.closers.push(() => prisma.onModuleDestroy());
    this.cold.push(() => prisma.$queryRaw`SELECT 1`);
    return prisma;
  }

  pg(env: Record<string, string> = {}): PgService {
    const pg = new PgService(this.config(env));
    this.closers.push(() => pg.onModuleDestroy());
    this.cold.push(() => pg.pool.query('SELECT 1'));
    return pg;
  }

  // The test's own connection, for fixtures and for reading outcomes.
  async sql<T extends Record<string, unknown> = Record<string, any>>(
    text: string,
    params: unknown[] = [],
  ): Promise<T[]> {
    if (!this.admin) {
      this.admin = new Pool({ connectionString: this.databaseUrl, max: 4 });
      const admin = this.admin;
      this.closers.push(() => admin.end());
    }
    return (await this.admin.query<T>(text, params)).rows;
  }

  // The worker's QueueRegistry over real BullMQ queues under this file's
  // prefix (or a test's own, under it).
  queues(
    config: AppConfig = this.config(),
    prefix = this.prefix,
  ): { registry: QueueRegistry; queue: (n: string) => Queue } {
    const byToken = new Map<string, Queue>();
    const byName = new Map<string, Queue>();
    for (const name of ALL_QUEUES) {
      const queue = new Queue(name, {
        connection: bullConnectionFromUrl(BASE_REDIS_URL),
        prefix,
      });
      byToken.set(getQueueToken(name), queue);
      byName.set(name, queue);
      this.closers.push(() => queue.close());
    }
    const moduleRef = { get: (token: string) => byToken.get(token) } as unknown as ModuleRef;
    const registry = new QueueRegistry(moduleRef, config, quietLogger());
    registry.onModuleInit();
    return { registry, queue: (n) => byName.get(n)! };
  }

  // Connects every pool opened since the last call, so a test that races
  // against a short lease does not spend it on a first connection.
  async connected(): Promise<void> {
    const pending = this.cold.splice(0);
    await Promise.all(pending.map((connect) => connect()));
  }

  // Closes in reverse order of opening (queues and pools before the admin pool).
  async close(): Promise<void> {
    for (const close of this.closers.reverse()) await close().catch(() => undefined);
  }
}

export interface LoggedLine {
  level: string;
  msg: string;
  obj: unknown;
}

// A PinoLogger that keeps what it is told (tests may read it) and prints nothing.
export function quietLogger(lines: LoggedLine[] = []): PinoLogger {
  const keep =
    (level: string) =>
    (obj: unknown, msg = '') =>
      lines.push({ level, msg: typeof obj === 'string' ? obj : msg, obj });
  return {
    setContext: () => undefined,
    trace: keep('trace'),
    debug: keep('debug'),
    info: keep('info'),
    warn: keep('warn'),
    error: keep('error'),
    fatal: keep('fatal'),
  } as unknown as PinoLogger;
}

// A provider class of a Nest module, found in the module's own provider list.
// The api's contexts publish only their exported providers (the import
// boundaries); an integration test of an internal service (the score write,
// the import runner) reaches it the way Nest does, through the module.
export function providerOf<T>(module: object, name: string): new (...args: any[]) => T {
  const providers = (Reflect.getMetadata('providers', module) ?? []) as {
    name?: string;
  }[];
  const found = providers.find((p) => p.name === name);
  if (!found) throw new Error(`${name} is not a provider of ${(module as { name?: string }).name}`);
  return found as unknown as new (...args: any[]) => T;
}

// Resolves once some backend of this database waits for a lock (a statement
// of the test is now blocked behind another transaction).
export async function lockWaiters(world: TestWorld): Promise<number> {
  const [row] = await world.sql<{ n: string }>(
    `SELECT count(*) AS n FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`,
  );
  return Number(row.n);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
