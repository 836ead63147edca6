import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

// Writes the api's OpenAPI document without serving it: the module graph is
// built (constructors only, no onModuleInit, so no database is needed) and the
// document read from the controllers' decorators. The web client's types are
// generated from this file by openapi-typescript, never copied by hand.
async function main(): Promise<void> {
  const out = process.argv[2];
  if (!out) throw new Error('usage: export-openapi <out.json>');
  // Placeholders that pass the boot-time config check; nothing connects.
  process.env.DATABASE_URL ??= 'postgresql://openapi@127.0.0.1:9/openapi';
  process.env.REDIS_URL ??= 'redis://127.0.0.1:9';
  process.env.JWT_SECRET ??= 'openapi-export-placeholder-secret';
  process.env.LOG_LEVEL = 'silent';
  // Loaded after the placeholders: the api module reads the config on import.
  const { ApiModule } = await import('../apps/api/src/api.module');
  const { buildOpenApiDocument } = await import('../apps/api/src/openapi-document');
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, new FastifyAdapter(), {
    logger: false,
    abortOnError: false,
  });
  app.setGlobalPrefix('api/v1');
  writeFileSync(out, JSON.stringify(buildOpenApiDocument(app), null, 2) + '\n');
  await app.close();
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
