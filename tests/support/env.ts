import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Shared services of the machine; each run gets its own databases and Redis key prefix.
export const BASE_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
export const BASE_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function databaseUrl(name: string): string {
  const u = new URL(BASE_DATABASE_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export function runId(): string {
  if (!process.env.RS_TEST_RUN)
    process.env.RS_TEST_RUN = `t${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  return process.env.RS_TEST_RUN;
}

export const templateDatabase = () => `rs_${runId()}_tpl`;

// The repository root, whether this runs from tests/ (jest) or dist/tests/ (bench).
export const REPO_ROOT = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'dist')
    dir = path.dirname(dir);
  return dir;
})();
