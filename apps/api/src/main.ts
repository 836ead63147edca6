import 'reflect-metadata';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { installProcessSafetyNet, jsonLineLogger } from '@app/messaging';
import { loadConfig } from '@app/config';
import { ApiModule } from './api.module';
import { AccessTokenVerifier } from './common/access-token-verifier';
import { AuthGuard } from './common/auth.guard';
import { installCpuProfileSignal } from './common/cpu-profile-signal';
import { acceptEmptyJsonBody } from './common/empty-json-body';
import { createValidationPipe } from './common/validation.pipe';
import { buildOpenApiDocument } from './openapi-document';
import { DASHBOARD_PATH, mountQueueDashboard } from './queue-dashboard';
import { registerSecurityHeaders } from './common/security-headers';
import { registerRateLimits } from './common/rate-limits';
import { registerRequestLog } from './common/request-log';
import { mountWebClient } from './web-client';

installProcessSafetyNet('api', jsonLineLogger);

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule,
    new FastifyAdapter({ bodyLimit: 1024 * 1024, trustProxy: config.TRUST_PROXY }),
    // Our own JSON parser (acceptEmptyJsonBody) replaces Nest's; the API takes JSON only.
    { bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  registerRequestLog(fastify);
  acceptEmptyJsonBody(fastify);
  // Spreadsheet uploads (imports) are multipart; each route sets its own file
  // size limit. Parts and form fields are bounded too (docs/security.md).
  await app.register(multipart, {
    limits: { files: 1, fields: 10, parts: 20, fieldSize: 64 * 1024, headerPairs: 100 },
  });
  // Resumable upload chunks (PATCH /uploads/:id): left unparsed, the route
  // streams the request itself into storage.
  fastify.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) =>
    done(null),
  );
  // Before any route exists, so the limits cover every route, Nest's or not.
  const limits = await registerRateLimits(fastify, config, app.get(AccessTokenVerifier));
  registerSecurityHeaders(fastify, '/api/v1/', [DASHBOARD_PATH]);
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(createValidationPipe());
  // Nest's default list includes SIGUSR2, which here toggles a CPU profile
  // (cpu-profile-signal.ts) and must not shut the api down.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT']);

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  const dashboard = await mountQueueDashboard(fastify, config, app.get(AuthGuard));
  fastify.addHook('onClose', async () => {
    await dashboard.close();
    limits.close();
  });

  const logger = app.get(Logger);
  installCpuProfileSignal(config.CPU_PROFILE_DIR, (msg, fields) => logger.log({ ...fields, msg }));
  await mountWebClient(fastify);
  await app.listen(config.PORT, config.HOST);
  app.get(Logger).log(`api listening on ${await app.getUrl()}`);
}

bootstrap().catch((error) => {
  console.error(
    JSON.stringify({
      level: 'fatal',
      msg: 'api failed to start',
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
  );
  process.exit(1);
});
