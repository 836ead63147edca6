import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { BASE_DATABASE_URL, REPO_ROOT, databaseUrl, runId, templateDatabase } from './env';

// Migrates one template database per run with the real migrations; each test
// file then clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
export default async function globalSetup(): Promise<void> {
  runId();
  const admin = new Client({ connectionString: BASE_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${templateDatabase()}"`);
  } finally {
    await admin.end();
  }
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'migrate.js'), 'deploy'], {
    env: { ...process.env, DATABASE_URL: databaseUrl(templateDatabase()) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
