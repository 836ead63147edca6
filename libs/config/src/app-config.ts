import { z } from 'zod';

// Every environment variable the processes read, checked once at boot so a
// typo fails fast with the variable's name instead of surfacing later.
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url({ message: 'DATABASE_URL must be a postgresql:// URL' }),
  REDIS_URL: z.string().url({ message: 'REDIS_URL must be a redis:// URL' }),
  SMTP_URL: z.string().default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().default('大赛组委会 <noreply@roadshow.local>'),
  JWT_SECRET: z.string().min(16, 'JWT_SECRET must be at least 16 characters'),
  JWT_TTL: z.string().default('12h'),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  PUBLIC_URL: z.string().default('http://localhost:3000'),
  QUEUE_PREFIX: z.string().default('rs'),
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
  REMINDER_BEFORE_CLOSE_MS: z.coerce.number().int().positive().default(24 * 3600 * 1000),
  SMTP_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
});

export type AppConfig = z.infer<typeof schema>;

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
  return parsed.data;
}
