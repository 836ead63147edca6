import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

// Security headers on every response: helmet's defaults (CSP, HSTS, nosniff,
// frame-ancestors 'self', referrer policy, …). Its default CSP (scripts from
// 'self' only, inline styles allowed) suits the Swagger UI at /api/docs,
// bull-board at /admin/queues and a Vite-built SPA at /, which all load their
// scripts as files. upgrade-insecure-requests is dropped: the product is also
// run over plain HTTP on a venue's LAN, where it would send the browser to an
// https:// that does not exist.
const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } },
};

// Without nonces helmet's headers are the same for every response, so helmet
// runs once, here, and each response gets the resulting set. @fastify/helmet
// rebuilt helmet's whole middleware chain on every request: in the roadshow
// bench that was a measurable share of a score submit's CPU.
export function helmetHeaders(options: HelmetOptions = OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  let failure: unknown;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (error?: unknown) => {
    failure = error;
  });
  if (failure) throw failure instanceof Error ? failure : new Error('helmet refused its options');
  return headers;
}

export function registerSecurityHeaders(
  fastify: FastifyInstance,
  apiPrefix: string,
  tokenPaths: string[],
): void {
  const headers = helmetHeaders();
  // API answers are per caller and some carry tokens (login, stream tickets,
  // the dashboard's cookie): no browser or proxy may keep a copy.
  const noStore = { ...headers, 'cache-control': 'no-store' };
  fastify.addHook('onRequest', (request, reply, done) => {
    const url = request.url;
    const perCaller = url.startsWith(apiPrefix) || tokenPaths.some((p) => url.startsWith(p));
    reply.headers(perCaller ? noStore : headers);
    done();
  });
  // helmet removes X-Powered-By; Fastify never sets it.
}
