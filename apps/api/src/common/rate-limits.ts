import rateLimit from '@fastify/rate-limit';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { AppConfig } from '@app/config';
import { createProbeRedis } from '@app/messaging';
import { AccessTokenVerifier } from './access-token-verifier';
import { LeasedRateLimit } from './leased-rate-limit';
import { LoginFailures, LoginReservation } from './login-failures';
import { sessionToken } from './session-cookie';

// Rate limits, counted in Redis (one script per check), so every API process
// shares the same counters. Numbers and reasons: docs/security.md.
//
// - Everything: RATE_LIMIT_MAX per RATE_LIMIT_WINDOW_MS, per signed-in user
//   (a valid bearer token or session cookie) or else per client address. A
//   venue's judges share one NAT address; keyed by user, one flooding client
//   on it slows none of them. A signed-in user's count is leased from Redis in
//   slices (leased-rate-limit.ts), so a judge's score submit makes no Redis
//   round trip of its own; an anonymous caller's is counted per request.
// - Credential routes (marked @AuthRateLimited): every request also counts
//   per address (AUTH_RATE_LIMIT_IP_*, sized for a campus NAT), and in one
//   bucket by kind:
//   - 'account' (signup, password set, re-sent invitation): per account, the
//     email in the body, the token, or the user the path names;
//   - 'login': failed logins only, per (account, address) and per account
//     (LOGIN_FAILURES_*; see login-failures.ts), so nobody can lock a named
//     account out by guessing at it;
//   - 'reset': password-reset requests per address asked for (PASSWORD_RESET_*).
//
// A request over a limit gets 429 with Retry-After (seconds). When Redis is
// unreachable the limits are skipped, not the requests: the API keeps taking
// scores while Redis is down, as it does for everything else.

export const AUTH_RATE_LIMITED = 'authRateLimited';

export type AuthBucket = 'account' | 'login' | 'reset';

interface AuthRateLimitOptions {
  /** Which per-account bucket the route counts in (default 'account'). */
  bucket?: AuthBucket;
  /**
   * The path parameter holding the account's user id, for a route about an
   * account that is not the caller's (a re-sent invitation): then that id
   * alone is the account, whatever the body says, so a body cannot spread one
   * account's mails over many counters.
   */
  accountParam?: string;
}

/** The per-address and per-account limits of a credential-handling route. */
export const AuthRateLimited = (opts: AuthRateLimitOptions = {}) =>
  RouteConfig({ [AUTH_RATE_LIMITED]: { bucket: opts.bucket ?? 'account', ...opts } });

type Limiter = (
  req: FastifyRequest,
) => Promise<{ isAllowed: true } | { isAllowed: false; isExceeded: boolean; ttlInSeconds: number }>;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

// The account a credential request is about: the email (login, signup, reset),
// else the token it presents (an invitation or reset token). Hashed: the
// counters' keys carry no address.
export function accountKey(body: unknown): string | null {
  if (!body || typeof body !== 'object') return null;
  const { email, token } = body as { email?: unknown; token?: unknown };
  if (typeof email === 'string' && email.trim())
    return `email:${sha256(email.trim().toLowerCase())}`;
  if (typeof token === 'string' && token) return `token:${sha256(token)}`;
  return null;
}

// The account a route names in its path (a user id).
export function userAccountKey(id: unknown): string | null {
  return typeof id === 'string' && id ? `user:${id.toLowerCase()}` : null;
}

const routeOptions = (req: FastifyRequest): AuthRateLimitOptions | undefined =>
  (req.routeOptions.config as unknown as Record<string, AuthRateLimitOptions> | undefined)?.[
    AUTH_RATE_LIMITED
  ];

const RESERVATION = Symbol('loginReservation');
type WithReservation = FastifyRequest & { [RESERVATION]?: LoginReservation };

export async function registerRateLimits(
  fastify: FastifyInstance,
  config: AppConfig,
  tokens: AccessTokenVerifier,
): Promise<{ close(): void }> {
  const redis: Redis = createProbeRedis(config.REDIS_URL);
  redis.on('error', () => undefined); // health reports Redis; limits are skipped meanwhile
  const nameSpace = `${config.QUEUE_PREFIX}:rate:`;
  await fastify.register(rateLimit, {
    global: false, // the hooks below apply the limiters
    redis,
    nameSpace,
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

  // The signed-in user a request comes from (a valid bearer token or session cookie), if any.
  const signedInUser = (req: FastifyRequest): string | null => {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? sessionToken(req);
    return token ? (tokens.verify(token)?.sub ?? null) : null;
  };
  // Anonymous callers, per address: counted in Redis on every request.
  const everyAnonymous = make(config.RATE_LIMIT_MAX, config.RATE_LIMIT_WINDOW_MS, (req) =>
    signedInUser(req) === null ? `all:ip:${req.ip}` : null,
  );
  // Signed-in callers, per user: leased in slices of a fiftieth of the limit.
  const everySignedIn =
    config.RATE_LIMIT_MAX > 0
      ? new LeasedRateLimit(
          redis,
          `${nameSpace}lease:`,
          config.RATE_LIMIT_MAX,
          config.RATE_LIMIT_WINDOW_MS,
          Math.max(1, Math.floor(config.RATE_LIMIT_MAX / 50)),
        )
      : null;
  const authIp = make(
    config.AUTH_RATE_LIMIT_IP_MAX,
    config.AUTH_RATE_LIMIT_IP_WINDOW_MS,
    (req) => `auth:ip:${req.ip}`,
  );
  const account = (req: FastifyRequest): string | null => {
    const param = routeOptions(req)?.accountParam;
    return param
      ? userAccountKey((req.params as Record<string, unknown>)[param])
      : accountKey(req.body);
  };
  const authAccount = make(
    config.AUTH_RATE_LIMIT_ACCOUNT_MAX,
    config.AUTH_RATE_LIMIT_ACCOUNT_WINDOW_MS,
    (req) => {
      const key = routeOptions(req)?.bucket === 'account' ? account(req) : null;
      return key && `auth:account:${key}`;
    },
  );
  const resets = make(config.PASSWORD_RESET_MAX, config.PASSWORD_RESET_WINDOW_MS, (req) => {
    const key = routeOptions(req)?.bucket === 'reset' ? account(req) : null;
    return key && `auth:reset:${key}`;
  });
  const loginFailures = new LoginFailures(redis, nameSpace, {
    perAddress: config.LOGIN_FAILURES_MAX,
    perAccount: config.LOGIN_FAILURES_ACCOUNT_MAX,
    windowMs: config.LOGIN_FAILURES_WINDOW_MS,
  });

  const refuse = (reply: FastifyReply, seconds: number) =>
    reply
      .code(429)
      .header('retry-after', String(seconds))
      .send({
        statusCode: 429,
        error: 'Too Many Requests',
        code: 'RATE_LIMITED',
        message: `Too many requests; retry in ${seconds} s`,
        params: { retryAfterSeconds: seconds },
      });

  const enforce = async (limiter: Limiter | null, req: FastifyRequest, reply: FastifyReply) => {
    if (!limiter) return true;
    const result = await limiter(req);
    if (result.isAllowed || !result.isExceeded) return true;
    void refuse(reply, Math.max(1, result.ttlInSeconds));
    return false;
  };

  const reserveLogin = async (req: WithReservation, reply: FastifyReply) => {
    const key = loginFailures.enabled ? accountKey(req.body) : null;
    if (!key) return true;
    try {
      const check = await loginFailures.reserve(key, req.ip);
      if (check.allowed) {
        req[RESERVATION] = check.reservation;
        return true;
      }
      void refuse(reply, check.retryAfterSeconds);
      return false;
    } catch {
      return true; // Redis unreachable: skip the limit, not the request
    }
  };

  // Every route, including unknown paths, the docs and the queue dashboard.
  fastify.addHook('onRequest', async (req, reply) => {
    const user = everySignedIn && signedInUser(req);
    if (!user) {
      if (!(await enforce(everyAnonymous, req, reply))) return reply;
      return;
    }
    const verdict = await everySignedIn.take(`all:user:${user}`);
    if (!verdict.allowed) {
      void refuse(reply, verdict.retryAfterSeconds);
      return reply;
    }
  });
  // After the body is parsed, so the account is known.
  fastify.addHook('preHandler', async (req, reply) => {
    const options = routeOptions(req);
    if (!options) return;
    if (!(await enforce(authIp, req, reply))) return reply;
    if (!(await enforce(authAccount, req, reply))) return reply;
    if (!(await enforce(resets, req, reply))) return reply;
    if (options.bucket === 'login' && !(await reserveLogin(req, reply))) return reply;
  });
  // A login's reservation is settled by its answer: only a 401 stays counted.
  fastify.addHook('onSend', async (req: WithReservation, reply) => {
    const reservation = req[RESERVATION];
    if (!reservation) return;
    req[RESERVATION] = undefined;
    await loginFailures.settle(reservation, reply.statusCode).catch(() => undefined);
  });
  return { close: () => redis.disconnect() };
}
