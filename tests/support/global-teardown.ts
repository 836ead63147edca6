import IORedis from 'ioredis';
import { Client } from 'pg';
import { BASE_DATABASE_URL, BASE_REDIS_URL, runId } from './env';

// Drops this run's databases and Redis keys; set KEEP_TEST_DATA=1 to inspect them.
export default async function globalTeardown(): Promise<void> {
  if (process.env.KEEP_TEST_DATA) return;
  const prefix = `rs_${runId()}_`;
  const admin = new Client({ connectionString: BASE_DATABASE_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1`,
      [`${prefix}%`],
    );
    for (const { datname } of rows)
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  const redis = new IORedis(BASE_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // A test stopped its private Redis; nothing to clean on the shared one then.
  } finally {
    redis.disconnect();
  }
}
