import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { LoggerModule } from 'nestjs-pino';
import { createSecretKey } from 'node:crypto';
import { APP_CONFIG, AppConfig, ConfigModule, loadConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { AuthGuard } from './common/auth.guard';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { CompetitionsModule } from './modules/competitions/competitions.module';
import { HealthModule } from './modules/health/health.module';
import { IdentityModule } from './modules/identity/identity.module';
import { HeatsModule } from './modules/heats/heats.module';
import { JudgingModule } from './modules/judging/judging.module';
import { ReportsModule } from './modules/reports/reports.module';
import { SigningModule } from './modules/signing/signing.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { RegistrationModule } from './modules/registration/registration.module';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRoot({
      pinoHttp: {
        level: loadConfig().LOG_LEVEL,
        redact: ['req.headers.authorization', 'req.headers.cookie'],
        autoLogging: { ignore: (req) => req.url === '/api/v1/health' },
      },
    }),
    JwtModule.registerAsync({
      global: true,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries
        // it as a public key on every verify, and that failed parse was the
        // largest CPU cost of a score submit in the roadshow benchmark.
        secret: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as string,
        signOptions: { expiresIn: config.JWT_TTL as `${number}h` },
      }),
    }),
    DatabaseModule,
    IdentityModule,
    CompetitionsModule,
    RegistrationModule,
    JudgingModule,
    HeatsModule,
    SigningModule,
    ReportsModule,
    NotificationsModule,
    HealthModule,
  ],
  providers: [
    AuthGuard,
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class ApiModule {}
