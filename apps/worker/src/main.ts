import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { installProcessSafetyNet, jsonLineLogger } from '@app/messaging';
import { WorkerModule } from './worker.module';

// The queue process: no HTTP server. Shutdown hooks close the relay first,
// then BullMQ workers (finishing or releasing their jobs), then connections.
installProcessSafetyNet('worker', jsonLineLogger);

async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.get(Logger).log('worker started');
  // Under `npm start` the launcher waits for this before printing its banner.
  process.send?.('ready');
}

bootstrap().catch((error) => {
  console.error(
    JSON.stringify({
      level: 'fatal',
      msg: 'worker failed to start',
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    }),
  );
  process.exit(1);
});
