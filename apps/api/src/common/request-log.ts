import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Logger, pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { loadConfig } from '@app/config';
import { redactQuery, redactUrl } from './log-redaction';

// pino-http's options for the api: ONE line per request, when it completes,
// whose message says it all ("GET /api/v1/me 200 12ms"), so a terminal (the
// launcher prints pino-pretty there) shows one line per request instead of
// ~30 lines of expanded req and res objects, and the mails the catcher
// prints stay easy to find. The JSON line keeps a small req (id, method,
// redacted url and query) and res (status) for log collectors; no headers,
// so neither the Authorization header nor a cookie can reach the log.

type Req = IncomingMessage & { id?: unknown; originalUrl?: string };

// Inside Nest's middleware `url` is relative to the mount point; middie keeps `originalUrl`.
const urlOf = (req: Req) => redactUrl(req.originalUrl ?? req.url ?? '') ?? '';

export const requestLogOptions = {
  // Credentials in the URL never reach the log (stream tickets, ?access_token=, ?token=).
  serializers: {
    req: (req: { id?: unknown; method?: string; url?: string; query?: unknown }) => ({
      id: req.id,
      method: req.method,
      url: redactUrl(req.url),
      query: redactQuery(req.query),
    }),
    res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
  },
  // Health probes every few seconds are not requests anyone reads.
  autoLogging: {
    ignore: (req: IncomingMessage) =>
      /^\/api\/v1\/health(\?|$)/.test((req as Req).originalUrl ?? req.url ?? ''),
  },
  // A request's own logger lines (none today) carry its id, not the whole req.
  quietReqLogger: true,
  customSuccessMessage: (req: IncomingMessage, res: ServerResponse, responseTime: number) =>
    `${req.method} ${urlOf(req)} ${res.statusCode} ${Math.round(responseTime)}ms`,
  customErrorMessage: (req: IncomingMessage, res: ServerResponse, error: Error) =>
    `${req.method} ${urlOf(req)} ${res.statusCode} failed: ${error.message}`,
};

/**
 * The api's logger and its request log, without AsyncLocalStorage.
 *
 * nestjs-pino runs every request inside an AsyncLocalStorage context so that
 * a PinoLogger call during it carries the request's id. On Node 20 an active
 * AsyncLocalStorage installs promise hooks that run on every promise of the
 * process: measured with the roadshow bench (scenario 2 at half size, two
 * runs each way), the api spent 0.60 ms of CPU per score submit without it
 * and 0.73 ms with it, and answered 855/s instead of 724/s. No api code logs
 * per request (quietReqLogger above), and the one place that needs the id,
 * the exception filter's 500 line, reads it from the request. So the request
 * log is pino-http on a Fastify hook (registerRequestLog), and nestjs-pino
 * keeps only the logger Nest and the services use (LoggerModule with no
 * routes), both writing through apiLogger.
 */
export const apiLogger: Logger = pino({ level: loadConfig().LOG_LEVEL });
const requestLog = pinoHttp({ logger: apiLogger, ...requestLogOptions });
/** What nestjs-pino's PinoLogger writes through (the request log's logger, same serializers). */
export const requestLogLogger: Logger = requestLog.logger;

/**
 * One line per request, for every request the server answers (API, web client,
 * dashboard, 404s), rate-limited ones included: registered before any other hook.
 */
export function registerRequestLog(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    requestLog(request.raw, reply.raw, () => done());
  });
}
