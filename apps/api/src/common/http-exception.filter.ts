import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { LogThrottle, errorKey } from '@app/config';
import { isDatabaseUnavailable } from '@app/database';
import {
  DomainError,
  ErrorBody,
  ErrorCode,
  FieldIssue,
  FieldProblem,
  STATUS_OF_KIND,
  isErrorCode,
} from '@app/domain';
import type { FastifyReply } from 'fastify';

export type { ErrorBody } from '@app/domain';

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The answer's `error` word for a status (RFC 9110's reason phrase). */
export const reasonOf = (statusCode: number): string => REASON[statusCode] ?? 'Error';

// The code of an error that brought none (Nest's own exceptions, Fastify's
// client errors): one per status, so no 4xx leaves without a code.
const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'ROUTE_NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};
const codeOfStatus = (status: number): ErrorCode =>
  CODE_OF_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');

/** `details` items with a code each (FIELD_INVALID for a problem that brought none). */
export function toFieldIssues(details: readonly FieldProblem[] | undefined): FieldIssue[] {
  return (details ?? []).map((d) => {
    const issue: FieldIssue = {
      field: d.field,
      code: d.code && isErrorCode(d.code) ? d.code : 'FIELD_INVALID',
      message: d.message,
    };
    if (d.params !== undefined) issue.params = d.params;
    return issue;
  });
}

// What Fastify's body parsing throws: an Error with a 4xx statusCode and a
// FST_* code (or secure-json-parse's SyntaxError for a prototype key).
interface ClientError extends Error {
  statusCode: number;
  code?: string;
}
const isClientError = (e: unknown): e is ClientError =>
  e instanceof Error &&
  typeof (e as ClientError).statusCode === 'number' &&
  (e as ClientError).statusCode >= 400 &&
  (e as ClientError).statusCode < 500;

/** Body limit of the JSON parser (main.ts), named in a 413's params. */
export const JSON_BODY_LIMIT = 1024 * 1024;

// Every error leaves in one shape: {statusCode, error, code, message, params?,
// details?}. Domain errors carry their catalogue code, Nest's HttpExceptions
// and Fastify's own client errors (malformed JSON, wrong content type, too
// large) get the code of their status, and anything else is a logged 500 that
// reveals nothing.
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
      // The request log's id (pino-http's, on the raw request): this line and
      // the request's own line name the same request.
      const request = host.switchToHttp().getRequest<{ raw?: { id?: unknown } }>();
      this.logger.error({ err: exception, reqId: request?.raw?.id }, 'unhandled error');
    }
    // A file route (CSV, XLSX) sets its content type and attachment name before
    // the handler runs; an error leaves as JSON, not as a broken download.
    reply.removeHeader('content-disposition');
    reply.header('content-type', 'application/json; charset=utf-8');
    reply.status(body.statusCode).send(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return shape(
        STATUS_OF_KIND[exception.kind],
        exception.code,
        exception.message,
        exception.params,
        exception.details,
      );
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse() as
        | string
        | {
            message?: string | string[];
            code?: unknown;
            params?: Record<string, unknown>;
            details?: FieldProblem[];
          };
      // Nest hands Fastify's parser errors over as HttpException(message, status).
      if (typeof response === 'string')
        return statusCode >= 400 && statusCode < 500
          ? clientErrorBody(Object.assign(new Error(response), { statusCode }))
          : shape(statusCode, codeOfStatus(statusCode), response);
      const message = Array.isArray(response.message)
        ? response.message.join('; ')
        : (response.message ?? exception.message);
      const code = isErrorCode(response.code)
        ? response.code
        : response.details?.length && statusCode === 400
          ? 'VALIDATION_FAILED'
          : codeOfStatus(statusCode);
      const params =
        response.params ??
        (code === 'VALIDATION_FAILED'
          ? { fields: [...new Set(response.details!.map((d) => d.field))] }
          : undefined);
      return shape(statusCode, code, message, params, response.details);
    }
    if (isClientError(exception)) return clientErrorBody(exception);
    if (isDatabaseUnavailable(exception)) {
      return shape(
        503,
        'SERVICE_UNAVAILABLE',
        'The database is unavailable for a moment (restarting or reconnecting); try again in a few seconds',
        { retryAfterSeconds: 5 },
      );
    }
    return shape(
      500,
      'INTERNAL_ERROR',
      'Internal server error; the request id is in the server log',
    );
  }
}

// Fastify's parser errors, each with its catalogue code.
function clientErrorBody(e: ClientError): ErrorBody {
  const status = e.statusCode;
  if (status === 413)
    return shape(413, 'PAYLOAD_TOO_LARGE', e.message, { maxBytes: JSON_BODY_LIMIT });
  if (status === 415) {
    return shape(415, 'UNSUPPORTED_MEDIA_TYPE', e.message, {
      contentType: /: (.*)$/.exec(e.message)?.[1] ?? '',
    });
  }
  if (e.name === 'SyntaxError' && /prototype property/.test(e.message)) {
    const key = /constructor/.test(e.message) ? 'constructor' : '__proto__';
    return shape(
      400,
      'VALIDATION_FAILED',
      `Invalid body: the key ${key} is not accepted`,
      { fields: ['body'] },
      [
        {
          field: 'body',
          code: 'FIELD_FORBIDDEN_KEY',
          message: `the key ${key} is not accepted`,
          params: { key },
        },
      ],
    );
  }
  if (
    e.name === 'SyntaxError' ||
    e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    (status === 400 && /\bJSON\b/.test(e.message))
  )
    return shape(400, 'MALFORMED_JSON', e.message);
  return shape(status, codeOfStatus(status), e.message);
}

function shape(
  statusCode: number,
  code: ErrorCode,
  message: string,
  params?: Record<string, unknown>,
  details?: readonly FieldProblem[],
): ErrorBody {
  const body: ErrorBody = { statusCode, error: reasonOf(statusCode), code, message };
  if (params !== undefined) body.params = params;
  if (details?.length) body.details = toFieldIssues(details);
  return body;
}
