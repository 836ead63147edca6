import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { LogThrottle, errorKey } from '@app/config';
import { isDatabaseUnavailable } from '@app/database';
import { DomainError, DomainErrorKind } from '@app/domain';
import type { FastifyReply } from 'fastify';

const STATUS_OF: Record<DomainErrorKind, number> = {
  BAD_REQUEST: HttpStatus.BAD_REQUEST,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  UNPROCESSABLE: HttpStatus.UNPROCESSABLE_ENTITY,
};

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: { field: string; message: string }[];
}

// Every error leaves in one shape: {statusCode, error, message, details?}.
// Domain errors map by kind, Nest's HttpExceptions keep their status, Fastify's
// own client errors (malformed JSON, wrong content type) keep their 4xx, and
// anything else is a logged 500 that reveals nothing.
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');
  private readonly throttle = new LogThrottle();

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    if (body.statusCode === 503) {
      // An outage answers every request with it: one warning per 10 s is enough.
      this.throttle.run(errorKey(exception), (suppressed) =>
        this.logger.warn(
          { err: String(exception), suppressed },
          'database unavailable; answered 503',
        ),
      );
      reply.header('retry-after', '5');
    } else if (body.statusCode >= 500) {
      this.logger.error({ err: exception }, 'unhandled error');
    }
    // A file route (CSV, XLSX) sets its content type and attachment name before
    // the handler runs; an error leaves as JSON, not as a broken download.
    reply.removeHeader('content-disposition');
    reply.header('content-type', 'application/json; charset=utf-8');
    reply.status(body.statusCode).send(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      const statusCode = STATUS_OF[exception.kind];
      return this.shape(statusCode, exception.message, exception.details);
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse() as
        string | { message?: string | string[]; details?: ErrorBody['details'] };
      if (typeof response === 'string') return this.shape(statusCode, response);
      const message = Array.isArray(response.message)
        ? response.message.join('; ')
        : (response.message ?? exception.message);
      return this.shape(statusCode, message, response.details);
    }
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return this.shape(fastifyStatus, (exception as Error).message);
    }
    if (isDatabaseUnavailable(exception)) {
      return this.shape(
        503,
        'The database is unavailable for a moment (restarting or reconnecting); try again in a few seconds',
      );
    }
    return this.shape(500, 'Internal server error; the request id is in the server log');
  }

  private shape(statusCode: number, message: string, details?: ErrorBody['details']): ErrorBody {
    const body: ErrorBody = { statusCode, error: REASON[statusCode] ?? 'Error', message };
    if (details?.length) body.details = details;
    return body;
  }
}
