#!/usr/bin/env node
// Runs Prisma migrations offline.
//   node scripts/migrate.js deploy          apply prisma/migrations to DATABASE_URL (returns
//                                           at once when every one is applied already;
//                                           --always runs Prisma regardless)
//   node scripts/migrate.js diff NAME       write prisma/migrations/<ts>_NAME from the
//                                           difference between the schema the last
//                                           migration was made from (a snapshot kept in
//                                           prisma/migrations.snapshot.prisma) and
//                                           prisma/schema.prisma; needs no database
// Prisma 6 refuses `diff --from-schema-datasource` with a driver adapter, hence the snapshot.
// See prisma/migrate.config.js for why Prisma 6.19 runs this and not Prisma 7.
const { spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

// Prisma 6 wants a datasource url that Prisma 7's schema may not carry.
function writeSchemaCopy(
  from = path.join(root, 'prisma', 'schema.prisma'),
  name = 'schema.prisma',
) {
  const source = fs.readFileSync(from, 'utf8');
  const withUrl = source.replace(
    /datasource db \{([^}]*)\}/,
    (_m, body) => `datasource db {${body}  url = env("DATABASE_URL")\n}`,
  );
  const dir = path.join(root, '.prisma-migrate');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), withUrl);
  return path.join(dir, name);
}

function prisma(args, options = {}) {
  const cli = require.resolve('prisma-migrate/build/index.js', { paths: [root] });
  return spawnSync(
    process.execPath,
    [cli, ...args, '--config', path.join(root, 'prisma', 'migrate.config.js')],
    {
      cwd: root,
      env: {
        ...process.env,
        // Stops the CLI from downloading native engines it will not use (engine: 'js').
        PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
        PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY || process.execPath,
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        CHECKPOINT_DISABLE: '1',
      },
      encoding: 'utf8',
      stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    },
  );
}

// Prisma 6 validates that the schema has a datasource url, then warns that a
// driver adapter ignores it. Both are true and harmless here (the adapter in
// prisma/migrate.config.js connects), so that one warning is dropped.
const ADAPTER_URL_WARNING =
  /WARNING: Your schema specifies the following datasource properties[\s\S]*?only using driver adapters\.\n?/;
function relay(result) {
  if (result.stdout) process.stdout.write(result.stdout.replace(ADAPTER_URL_WARNING, ''));
  if (result.stderr) process.stderr.write(result.stderr.replace(ADAPTER_URL_WARNING, ''));
}

// What `migrate deploy` would conclude without starting Prisma (~10 s of CLI
// and WASM engine start-up): every migration folder is recorded in
// `_prisma_migrations` as finished, not rolled back, with the checksum of its
// migration.sql (Prisma's checksum is the SHA-256 of the file), and no
// migration is left failed. Anything else, or any doubt, runs the real deploy.
async function upToDate(databaseUrl) {
  const dir = path.join(root, 'prisma', 'migrations');
  const wanted = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => ({
      name: d.name,
      checksum: createHash('sha256')
        .update(fs.readFileSync(path.join(dir, d.name, 'migration.sql')))
        .digest('hex'),
    }));
  const { Client } = require('pg');
  const client = new Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const table = await client.query(`SELECT to_regclass('public._prisma_migrations') AS t`);
    if (!table.rows[0].t) return false;
    const { rows } = await client.query(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations`,
    );
    if (rows.some((r) => r.finished_at === null && r.rolled_back_at === null)) return false;
    const applied = rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null);
    return wanted.every((m) =>
      applied.some((r) => r.migration_name === m.name && r.checksum === m.checksum),
    )
      ? wanted.length
      : false;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function main() {
  const [command, name] = process.argv.slice(2);
  if (command === 'deploy' && !process.env.DATABASE_URL) {
    console.error('DATABASE_URL is not set: point it at the PostgreSQL database to migrate.');
    process.exit(2);
  }
  if (command === 'deploy' && !process.argv.includes('--always')) {
    const applied = await upToDate(process.env.DATABASE_URL);
    if (applied !== false) {
      console.log(`Database is up to date: all ${applied} migrations applied, nothing to do.`);
      return;
    }
  }
  const schema = writeSchemaCopy();
  if (command === 'deploy') {
    const r = prisma(['migrate', 'deploy']);
    relay(r);
    process.exit(r.status ?? 1);
  }
  if (command === 'diff') {
    if (!name) throw new Error('usage: migrate.js diff NAME');
    const snapshot = path.join(root, 'prisma', 'migrations.snapshot.prisma');
    const from = fs.existsSync(snapshot)
      ? ['--from-schema-datamodel', writeSchemaCopy(snapshot, 'snapshot.prisma')]
      : ['--from-empty'];
    const r = prisma(['migrate', 'diff', ...from, '--to-schema-datamodel', schema, '--script'], {
      capture: true,
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
    if (/^-- This is an empty migration/m.test(r.stdout)) {
      console.log('No schema changes.');
      return;
    }
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(root, 'prisma', 'migrations', `${stamp}_${name}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'migration.sql'), r.stdout);
    fs.copyFileSync(path.join(root, 'prisma', 'schema.prisma'), snapshot);
    console.log(`Wrote ${path.relative(root, dir)}/migration.sql`);
    return;
  }
  console.error('usage: migrate.js deploy [--always] | diff NAME');
  process.exit(2);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
