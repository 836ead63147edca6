import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { LoggerModule } from 'nestjs-pino';
import { createSecretKey } from 'node:crypto';
import { APP_CONFIG, AppConfig, ConfigModule } from '@app/config';
import { DatabaseModule } from '@app/database';
import { AccessTokenVerifier } from './common/access-token-verifier';
import { AuthGuard } from './common/auth.guard';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { requestLogLogger } from './common/request-log';
import { CompetitionsModule } from './modules/competitions/competitions.module';
import { DueProcessModule } from './modules/due-process/due-process.module';
import { ExportsModule } from './modules/exports/exports.module';
import { FilesModule } from './modules/files/files.module';
import { HealthModule } from './modules/health/health.module';
import { ImportsModule } from './modules/imports/imports.module';
import { IdentityModule } from './modules/identity/identity.module';
import { AccountsModule } from './modules/accounts/accounts.module';
import { HeatsModule } from './modules/heats/heats.module';
import { ExpertsModule } from './modules/experts/experts.module';
import { JudgingModule } from './modules/judging/judging.module';
import { ReportsModule } from './modules/reports/reports.module';
import { RecordModule } from './modules/record/record.module';
import { SigningModule } from './modules/signing/signing.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { RegistrationModule } from './modules/registration/registration.module';

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRoot({
      // The logger only: the request log is a Fastify hook (registerRequestLog),
      // without nestjs-pino's per-request AsyncLocalStorage (request-log.ts says why).
      forRoutes: [],
      pinoHttp: { logger: requestLogLogger },
    }),
    JwtModule.registerAsync({
      global: true,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries
        // it as a public key on every verify, and that failed parse was the
        // largest CPU cost of a score submit in the roadshow benchmark.
        secret: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as string,
        // One algorithm both ways: a token naming another (none, RS256 with the
        // secret as a "public key") is refused before its signature is read.
        signOptions: { algorithm: 'HS256', expiresIn: config.JWT_TTL as `${number}h` },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    DatabaseModule,
    IdentityModule,
    AccountsModule,
    CompetitionsModule,
    RegistrationModule,
    JudgingModule,
    ExpertsModule,
    HeatsModule,
    SigningModule,
    ReportsModule,
    RecordModule,
    NotificationsModule,
    ImportsModule,
    ExportsModule,
    FilesModule,
    DueProcessModule,
    HealthModule,
  ],
  providers: [
    AccessTokenVerifier,
    AuthGuard,
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class ApiModule {}
