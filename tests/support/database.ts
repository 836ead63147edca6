import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { BASE_DATABASE_URL, databaseUrl, runId, templateDatabase } from './env';

// A fresh name under this run's prefix (the global teardown drops them all);
// unique across test files, which share a process under --runInBand.
export function testDatabaseName(): string {
  return `rs_${runId()}_${randomBytes(4).toString('hex')}`;
}

// A copy of the run's migrated template (global-setup.ts), made in
// milliseconds; answers its URL.
export async function cloneTemplateDatabase(name = testDatabaseName()): Promise<string> {
  const admin = new Client({ connectionString: BASE_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase()}"`);
  } finally {
    await admin.end();
  }
  return databaseUrl(name);
}
