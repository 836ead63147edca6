import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

// Security headers on every response (@fastify/helmet's defaults: CSP,
// HSTS, nosniff, frame-ancestors 'none', referrer policy, …). Its default CSP
// (scripts from 'self' only, inline styles allowed) suits the Swagger UI at
// /api/docs, bull-board at /admin/queues and a Vite-built SPA at /, which all
// load their scripts as files. upgrade-insecure-requests is dropped: the
// product is also run over plain HTTP on a venue's LAN, where it would send
// the browser to an https:// that does not exist.
export async function registerSecurityHeaders(
  fastify: FastifyInstance,
  apiPrefix: string,
  tokenPaths: string[],
): Promise<void> {
  await fastify.register(helmet, {
    global: true,
    contentSecurityPolicy: { directives: { 'upgrade-insecure-requests': null } },
  });
  // API answers are per caller and some carry tokens (login, stream tickets,
  // the dashboard's cookie): no browser or proxy may keep a copy.
  fastify.addHook('onSend', async (request, reply, payload) => {
    const url = request.url;
    if (url.startsWith(apiPrefix) || tokenPaths.some((p) => url.startsWith(p)))
      reply.header('cache-control', 'no-store');
    return payload;
  });
}
