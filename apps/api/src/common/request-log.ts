import type { IncomingMessage, ServerResponse } from 'node:http';
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
