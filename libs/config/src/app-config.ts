import { isIP } from 'node:net';
import { z } from 'zod';

// An address or CIDR a proxy-trust list may name (proxy-addr's forms, and its
// names loopback, linklocal, uniquelocal).
const isProxyAddress = (entry: string): boolean => {
  const [address, bits, ...rest] = entry.trim().split('/');
  if (rest.length) return false;
  if (['loopback', 'linklocal', 'uniquelocal'].includes(address) && bits === undefined) return true;
  const family = isIP(address);
  if (!family) return false;
  if (bits === undefined) return true;
  return /^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
};

// Every environment variable the processes read, checked once at boot so a
// typo fails fast with the variable's name instead of surfacing later.
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  // Behind a reverse proxy: how many proxies stand in front (`1` for the
  // shipped compose nginx), or their addresses/CIDRs (comma-separated), so the
  // rate limits key on the client and not on the proxy. `true` (believe any
  // X-Forwarded-For, which any client can forge) is refused at boot.
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v) => v.trim())
    .refine((v) => v !== 'true', {
      message:
        'TRUST_PROXY=true would believe any X-Forwarded-For a client sends (each forged address its own rate-limit bucket); set the number of proxies in front instead (1 for one nginx) or their addresses',
    })
    .refine(
      (v) =>
        v === 'true' ||
        v === 'false' ||
        v === '' ||
        /^\d+$/.test(v) ||
        v.split(',').every(isProxyAddress),
      {
        message:
          'TRUST_PROXY must be false, a hop count (1 for one proxy in front) or comma-separated proxy addresses/CIDRs (10.0.0.2,10.1.0.0/16)',
      },
    )
    .transform((v): false | number | string[] =>
      v === 'false' || v === ''
        ? false
        : /^\d+$/.test(v)
          ? Number(v)
          : v.split(',').map((a) => a.trim()),
    ),
  DATABASE_URL: z.string().url({ message: 'DATABASE_URL must be a postgresql:// URL' }),
  REDIS_URL: z.string().url({ message: 'REDIS_URL must be a redis:// URL' }),
  SMTP_URL: z.string().default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().default('大赛组委会 <noreply@roadshow.local>'),
  JWT_SECRET: z.string().min(16, 'JWT_SECRET must be at least 16 characters'),
  JWT_TTL: z.string().default('12h'),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'ADMIN_PASSWORD must be at least 10 characters').optional(),
  // Base of the links in mails (the web client is served by the api at `/`);
  // without it, the api's own address on this machine.
  PUBLIC_URL: z.string().url({ message: 'PUBLIC_URL must be an http(s):// URL' }).optional(),
  QUEUE_PREFIX: z.string().default('rs'),
  // Where `kill -USR2 <api pid>` writes a CPU profile: the first signal starts
  // sampling, the next writes the file (the bench's per-stage CPU split; an
  // operator's look at a slow api). Unset: the signal is ignored.
  CPU_PROFILE_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  RELAY_INTERVAL_MS: z.coerce.number().int().positive().default(100),
  RELAY_LEASE_MS: z.coerce.number().int().positive().default(30000),
  RECONCILE_INTERVAL_MS: z.coerce.number().int().positive().default(15000),
  RECONCILE_AFTER_MS: z.coerce.number().int().positive().default(60000),
  WORKER_LOCK_MS: z.coerce.number().int().positive().default(30000),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(8),
  MAIL_LEASE_MS: z.coerce.number().int().positive().default(30000),
  MAIL_RETRY_BASE_MS: z.coerce.number().int().positive().default(2000),
  RANKING_DEBOUNCE_MS: z.coerce.number().int().min(0).default(50),
  SCHEDULER_INTERVAL_MS: z.coerce.number().int().positive().default(1000),
  REMINDER_BEFORE_CLOSE_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 3600 * 1000),
  // Connecting and the server's greeting; a dead server is found out quickly.
  SMTP_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
  // The server's replies once connected, the final one after DATA included: a
  // slow server may take long to accept a message, and a timeout then leaves it
  // unknown whether it did (RFC 5321 4.5.3.2 allows 10 minutes for that reply).
  SMTP_REPLY_TIMEOUT_MS: z.coerce.number().int().positive().default(600000),
  // Sends whose outcome is unknown (a timeout or lost connection after the
  // message went out, a worker killed mid-send) before the mail is FAILED for
  // a person to check rather than sent yet again (docs/reliability.md).
  MAIL_MAX_SENDS_IN_DOUBT: z.coerce.number().int().positive().default(3),
  // A release's mails are sent in batch jobs of this many, shared by every worker.
  MAIL_BATCH_SIZE: z.coerce.number().int().positive().default(100),
  // Retention (docs/operations.md): how long finished rows are kept, in days.
  RETENTION_INTERVAL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(3600 * 1000),
  RETENTION_OUTBOX_DAYS: z.coerce.number().positive().default(30),
  // Above the reconciler's 7-day look-back: an event it still looks at keeps its inbox row.
  RETENTION_INBOX_DAYS: z.coerce.number().min(8).default(30),
  RETENTION_NOTIFICATION_DAYS: z.coerce.number().positive().default(180),
  // Recovery (see docs/reliability.md).
  MAIL_RETRY_MAX_MS: z.coerce.number().int().positive().default(300000),
  SMTP_MAX_CONNECTIONS: z.coerce.number().int().positive().default(4),
  JOB_ATTEMPTS: z.coerce.number().int().positive().optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(25000),
  REDIS_POLICY_CHECK_MS: z.coerce.number().int().positive().default(60000),
  // /health reports mail as delayed once a pending mail has waited this long (slow or failing SMTP).
  HEALTH_MAIL_DELAY_MS: z.coerce.number().int().positive().default(300000),
  IDEMPOTENCY_TTL_HOURS: z.coerce.number().positive().default(24),
  // Rate limits (0 turns one off); numbers and reasons in docs/security.md.
  // Everything, per signed-in user or else per address:
  RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(1200),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(60000),
  // Objections filed from a public 公示 page (docs/due-process.md): per
  // address (a campus NAT files a few, a script is stopped) and per contact
  // (the phone or email given), whatever the address.
  OBJECTION_IP_MAX: z.coerce.number().int().min(0).default(10),
  OBJECTION_IP_WINDOW_MS: z.coerce.number().int().positive().default(3600000),
  OBJECTION_CONTACT_MAX: z.coerce.number().int().min(0).default(3),
  OBJECTION_CONTACT_WINDOW_MS: z.coerce.number().int().positive().default(86400000),
  // Every credential request (login, signup, password set/reset, re-sent
  // invitations) per address: sized for a campus or venue NAT (a registration
  // rush of 300 signups and their logins an hour from one address passes).
  AUTH_RATE_LIMIT_IP_MAX: z.coerce.number().int().min(0).default(1000),
  AUTH_RATE_LIMIT_IP_WINDOW_MS: z.coerce.number().int().positive().default(3600000),
  // Signup, password set and re-sent invitations, per account (the email,
  // the token presented, or the user the path names):
  AUTH_RATE_LIMIT_ACCOUNT_MAX: z.coerce.number().int().min(0).default(10),
  AUTH_RATE_LIMIT_ACCOUNT_WINDOW_MS: z.coerce.number().int().positive().default(900000),
  // Failed logins, counted after the answer: per (account, address), and per
  // account over all addresses. Over the second, only addresses that failed
  // on the account are refused: its owner, elsewhere, still logs in.
  LOGIN_FAILURES_MAX: z.coerce.number().int().min(0).default(10),
  LOGIN_FAILURES_ACCOUNT_MAX: z.coerce.number().int().min(0).default(100),
  LOGIN_FAILURES_WINDOW_MS: z.coerce.number().int().positive().default(900000),
  // Password-reset requests per address asked for (their own bucket: they
  // never hold up a login).
  PASSWORD_RESET_MAX: z.coerce.number().int().min(0).default(5),
  PASSWORD_RESET_WINDOW_MS: z.coerce.number().int().positive().default(3600000),
  // Longest time a process trusts its cached copy of a user's access (token
  // version, disabled, roles) if a change notification were ever lost.
  USER_ACCESS_CACHE_MS: z.coerce.number().int().min(0).default(60000),
  // Spreadsheet imports (docs/organiser-operations.md): how long an api
  // process owns an import it works on; a dead one's import resumes after it.
  IMPORT_LEASE_MS: z.coerce.number().int().positive().default(30000),
  // Uploaded files (issue 19): under FILES_DIR on this machine by default; with
  // S3_URL (s3://KEY:SECRET@host:port/bucket?region=…&tls=false) or the S3_*
  // variables, in any S3-compatible store (MinIO), shared by every api host.
  FILES_DIR: z.string().min(1).default('.data/files'),
  S3_URL: z
    .string()
    .url({ message: 'S3_URL must be an s3://KEY:SECRET@host:port/bucket URL' })
    .optional(),
  S3_ENDPOINT: z.string().url({ message: 'S3_ENDPOINT must be an http(s):// URL' }).optional(),
  S3_BUCKET: z.string().min(1).optional(),
  S3_ACCESS_KEY: z.string().min(1).optional(),
  S3_SECRET_KEY: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  // Files watermarked at once (each PDF is read whole to stamp it).
  WATERMARK_CONCURRENCY: z.coerce.number().int().positive().default(2),
  // A TrueType/OpenType font (.ttf/.otf/.ttc) with Chinese glyphs for the
  // judges' names in the watermark; without one, common system paths are tried.
  WATERMARK_FONT: z.string().min(1).optional(),
});

export type AppConfig = z.infer<typeof schema> & { PUBLIC_URL: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(
      `Invalid environment:\n${lines.join('\n')}\nSet these variables (see README, "Environment") and start again.`,
    );
  }
  if ((parsed.data.ADMIN_EMAIL == null) !== (parsed.data.ADMIN_PASSWORD == null)) {
    throw new Error('Invalid environment: set both ADMIN_EMAIL and ADMIN_PASSWORD, or neither.');
  }
  const s3 = [parsed.data.S3_ENDPOINT, parsed.data.S3_BUCKET].filter(Boolean).length;
  if (s3 === 1) {
    throw new Error(
      'Invalid environment: set both S3_ENDPOINT and S3_BUCKET (or S3_URL), or neither.',
    );
  }
  return {
    ...parsed.data,
    PUBLIC_URL: parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}`,
  };
}
