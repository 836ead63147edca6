#!/usr/bin/env node
// Runs Prisma migrations offline.
//   node scripts/migrate.js deploy          apply prisma/migrations to DATABASE_URL
//   node scripts/migrate.js diff NAME       write prisma/migrations/<ts>_NAME from the
//                                           difference between the schema the last
//                                           migration was made from (a snapshot kept in
//                                           prisma/migrations.snapshot.prisma) and
//                                           prisma/schema.prisma; needs no database
// Prisma 6 refuses `diff --from-schema-datasource` with a driver adapter, hence the snapshot.
// See prisma/migrate.config.js for why Prisma 6.19 runs this and not Prisma 7.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

// Prisma 6 wants a datasource url that Prisma 7's schema may not carry.
function writeSchemaCopy(from = path.join(root, 'prisma', 'schema.prisma'), name = 'schema.prisma') {
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
      stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    },
  );
}

function main() {
  const [command, name] = process.argv.slice(2);
  if (command === 'deploy' && !process.env.DATABASE_URL) {
    console.error('DATABASE_URL is not set: point it at the PostgreSQL database to migrate.');
    process.exit(2);
  }
  const schema = writeSchemaCopy();
  if (command === 'deploy') {
    const r = prisma(['migrate', 'deploy']);
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
  console.error('usage: migrate.js deploy | diff NAME');
  process.exit(2);
}

main();
