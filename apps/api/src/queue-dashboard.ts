import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '@app/config';
import { ALL_QUEUES } from '@app/events';
import { createWorkerRedis } from '@app/messaging';
import { AuthGuard } from './common/auth.guard';

export const DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'rs_queue_dashboard';

// bull-board for admins. A browser cannot send a bearer header with every
// asset request, so the page is opened once as /admin/queues?token=<accessToken>;
// the token is then kept in an HttpOnly cookie scoped to the dashboard path.
export async function mountQueueDashboard(
  fastify: FastifyInstance,
  config: AppConfig,
  guard: AuthGuard,
): Promise<{ close(): Promise<void> }> {
  const connection = createWorkerRedis(config.REDIS_URL, { lazyConnect: true });
  connection.on('error', () => undefined);
  const queues = ALL_QUEUES.map(
    (name) => new Queue(name, { connection, prefix: config.QUEUE_PREFIX }),
  );
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q, { readOnlyMode: false })),
    serverAdapter,
  });

  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        const query = request.query as { token?: string };
        const cookieToken = /(?:^|;\s*)rs_queue_dashboard=([^;]+)/.exec(
          request.headers.cookie ?? '',
        )?.[1];
        const token = query?.token ?? cookieToken;
        const header = request.headers.authorization ?? (token ? `Bearer ${token}` : undefined);
        try {
          const user = await guard.authenticate(header);
          if (!user.roles.includes('ADMIN')) {
            return reply.code(403).send({
              statusCode: 403,
              error: 'Forbidden',
              code: 'FORBIDDEN_ROLE',
              params: { roles: ['ADMIN'] },
              message: 'The queue dashboard is for admins',
            });
          }
        } catch {
          return reply.code(401).send({
            statusCode: 401,
            error: 'Unauthorized',
            code: 'UNAUTHENTICATED',
            message: `Open ${DASHBOARD_PATH}?token=<an admin's accessToken>`,
          });
        }
        if (query?.token) {
          // Secure when the page is served over HTTPS (directly, or behind a
          // proxy trusted through TRUST_PROXY that says so in X-Forwarded-Proto).
          const secure = request.protocol === 'https' ? '; Secure' : '';
          reply.header(
            'set-cookie',
            `${COOKIE}=${encodeURIComponent(query.token)}; Path=${DASHBOARD_PATH}; HttpOnly; SameSite=Strict${secure}`,
          );
        }
      });
      await scope.register(serverAdapter.registerPlugin() as never);
    },
    { prefix: DASHBOARD_PATH },
  );

  return {
    close: async () => {
      await Promise.all(queues.map((q) => q.close()));
      connection.disconnect();
    },
  };
}
