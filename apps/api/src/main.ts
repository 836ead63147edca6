import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@app/config';
import { ApiModule } from './api.module';
import { AuthGuard } from './common/auth.guard';
import { createValidationPipe } from './common/validation.pipe';
import { mountQueueDashboard } from './queue-dashboard';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(
    ApiModule,
    new FastifyAdapter({ bodyLimit: 1024 * 1024 }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  const config = app.get<AppConfig>(APP_CONFIG);
  app.setGlobalPrefix('api/v1');
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Innovation competition API')
      .setDescription('Registration, judging, heats and signing for 创新创业大赛 (see API.md)')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  const dashboard = await mountQueueDashboard(app.getHttpAdapter().getInstance(), config, app.get(AuthGuard));
  app.getHttpAdapter().getInstance().addHook('onClose', async () => dashboard.close());

  await app.listen(config.PORT, '0.0.0.0');
  app.get(Logger).log({ url: await app.getUrl() }, 'api listening');
}

bootstrap().catch((error) => {
  // eslint-disable-next-line no-console
  console.error(JSON.stringify({ level: 'fatal', msg: 'api failed to start', error: String(error?.stack ?? error) }));
  process.exit(1);
});
