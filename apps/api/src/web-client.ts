import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';

// dist/apps/api/src/web-client.js → dist/web (vite's outDir).
export const WEB_ROOT = path.resolve(__dirname, '../../../web');

// Paths the api answers itself; anything else that is not a file of the
// client is a client route (/judge, /screen/rounds/:id, …) and gets index.html.
const SERVER_PATHS = /^\/(api|admin)(\/|$)/;

/**
 * Serves the built web client at `/`: hashed assets cached for a year (their
 * names change with their content), index.html never cached, the gzip files
 * the build writes beside each asset sent to browsers that accept them.
 */
export async function mountWebClient(fastify: FastifyInstance): Promise<void> {
  if (!existsSync(path.join(WEB_ROOT, 'index.html'))) return; // api-only build
  await fastify.register(fastifyStatic, {
    root: WEB_ROOT,
    wildcard: false,
    preCompressed: true,
    index: false,
    setHeaders: (res, file) => {
      res.header(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      );
    },
  });
  fastify.get('/*', (request, reply) => {
    const url = request.url.split('?')[0];
    if (SERVER_PATHS.test(url) || path.extname(url)) {
      return reply.code(404).send({
        statusCode: 404,
        error: 'Not Found',
        code: 'ROUTE_NOT_FOUND',
        message: `Cannot GET ${url}`,
      });
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  fastify.get('/', (_request, reply) =>
    reply.header('cache-control', 'no-cache').sendFile('index.html'),
  );
}
