import rateLimit from '@fastify/rate-limit';
import { RouteConfig } from '@nestjs/platform-fastify';
import { JwtService } from '@nestjs/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { AppConfig } from '@app/config';
import { createProbeRedis } from '@app/messaging';

// Rate limits, counted in Redis by @fastify/rate-limit's store (one Lua INCR +
// PEXPIRE per check), so every API process shares the same counters.
//
// - Everything: RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS, per signed-in user
//   (a valid bearer token) or else per client IP. A venue's judges share one
//   NAT address; keyed by user, one flooding client on it slows none of them.
// - Login, signup, password set/reset, invitation tokens and re-sent
//   invitations (routes marked @AuthRateLimited): also AUTH_RATE_LIMIT_IP_MAX
//   per IP and AUTH_RATE_LIMIT_ACCOUNT_MAX per account (the email in the
//   body, the token, or the user the path names).
//
// A request over a limit gets 429 with Retry-After (seconds). When Redis is
// unreachable the limits are skipped, not the requests: the API keeps taking
// scores while Redis is down, as it does for everything else.

export const AUTH_RATE_LIMITED = 'authRateLimited';

/**
 * The tight per-IP and per-account limits for a credential-handling route.
 * `accountParam` names the path parameter holding the account's user id, for
 * a route about an account that is not the caller's (a re-sent invitation):
 * then that id alone is the account, whatever the body says, so a body cannot
 * spread one account's mails over many counters.
 */
export const AuthRateLimited = (opts: { accountParam?: string } = {}) =>
  RouteConfig({ [AUTH_RATE_LIMITED]: opts.accountParam ?? true });

type Limiter = (
  req: FastifyRequest,
) => Promise<{ isAllowed: true } | { isAllowed: false; isExceeded: boolean; ttlInSeconds: number }>;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// The account a credential request is about: the email (login, signup, reset),
// else the token it presents (an invitation or reset token).
export function accountKey(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const { email, token } = body as { email?: unknown; token?: unknown };
  if (typeof email === 'string' && email.trim()) return `email:${email.trim().toLowerCase()}`;
  if (typeof token === 'string' && token) return `token:${sha256(token)}`;
  return null;
}

// The account a route names in its path (a user id).
export function userAccountKey(id: unknown): string | null {
  return typeof id === 'string' && id ? `user:${id.toLowerCase()}` : null;
}

export async function registerRateLimits(
  fastify: FastifyInstance,
  config: AppConfig,
  jwt: JwtService,
): Promise<{ close(): void }> {
  const redis: Redis = createProbeRedis(config.REDIS_URL);
  redis.on('error', () => undefined); // health reports Redis; limits are skipped meanwhile
  await fastify.register(rateLimit, {
    global: false, // the hooks below apply the limiters
    redis,
    nameSpace: `${config.QUEUE_PREFIX}:rate:`,
    skipOnError: true,
  });
  const make = (max: number, timeWindow: number, key: (req: FastifyRequest) => string | null) =>
    max > 0
      ? (fastify.createRateLimit({
          max,
          timeWindow,
          // Requests without a key (no email or token in the body) are not counted.
          keyGenerator: (req) => key(req) ?? '',
          allowList: (req) => key(req) === null,
        }) as unknown as Limiter)
      : null;

  const caller = (req: FastifyRequest): string => {
    const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (match) {
      try {
        return `all:user:${jwt.verify<{ sub: string }>(match[1]).sub}`;
      } catch {
        // an invalid token is an anonymous caller
      }
    }
    return `all:ip:${req.ip}`;
  };
  const everything = make(config.RATE_LIMIT_MAX, config.RATE_LIMIT_WINDOW_MS, caller);
  const authIp = make(
    config.AUTH_RATE_LIMIT_IP_MAX,
    config.AUTH_RATE_LIMIT_IP_WINDOW_MS,
    (req) => `auth:ip:${req.ip}`,
  );
  const authAccount = make(
    config.AUTH_RATE_LIMIT_ACCOUNT_MAX,
    config.AUTH_RATE_LIMIT_ACCOUNT_WINDOW_MS,
    (req) => {
      const param = (req.routeOptions.config as unknown as Record<string, unknown>)[
        AUTH_RATE_LIMITED
      ];
      const account =
        typeof param === 'string'
          ? userAccountKey((req.params as Record<string, unknown>)[param])
          : accountKey(req.body);
      return account && `auth:account:${account}`;
    },
  );

  const enforce = async (limiter: Limiter | null, req: FastifyRequest, reply: FastifyReply) => {
    if (!limiter) return true;
    const result = await limiter(req);
    if (result.isAllowed || !result.isExceeded) return true;
    void reply
      .code(429)
      .header('retry-after', String(Math.max(1, result.ttlInSeconds)))
      .send({
        statusCode: 429,
        error: 'Too Many Requests',
        code: 'RATE_LIMITED',
        message: `Too many requests; retry in ${Math.max(1, result.ttlInSeconds)} s`,
        params: { retryAfterSeconds: Math.max(1, result.ttlInSeconds) },
      });
    return false;
  };

  // Every route, including unknown paths, the docs and the queue dashboard.
  fastify.addHook('onRequest', async (req, reply) => {
    if (!(await enforce(everything, req, reply))) return reply;
  });
  // After the body is parsed, so the account is known.
  fastify.addHook('preHandler', async (req, reply) => {
    const routeConfig = req.routeOptions.config as unknown as Record<string, unknown> | undefined;
    if (!routeConfig?.[AUTH_RATE_LIMITED]) return;
    if (!(await enforce(authIp, req, reply))) return reply;
    if (!(await enforce(authAccount, req, reply))) return reply;
  });
  return { close: () => redis.disconnect() };
}
