// Prisma 6.19 (installed as `prisma-migrate`) runs migrations on its WASM
// schema engine through the pg driver adapter, so no native engine is needed.
// scripts/migrate.js writes the schema copy it reads (with a datasource url).
const path = require('node:path');
const { defineConfig } = require('prisma-migrate/config');
const { PrismaPg } = require('@prisma/adapter-pg');

module.exports = defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join(__dirname, '..', '.prisma-migrate', 'schema.prisma'),
  migrations: { path: path.join(__dirname, 'migrations') },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
