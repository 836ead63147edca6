// @ts-check
// Which code may import what (run by tests/boundaries/imports.spec.ts, part of
// `npm test`; by hand: `npx depcruise --config .dependency-cruiser.cjs apps libs
// prisma scripts tests bench`). No exception is listed here: a rule that does
// not hold is fixed in the code, not in this file.
//
// A context is a folder apps/api/src/modules/<context>. What it offers other
// code, its public surface, is:
//   - its Nest modules (`*.module.ts`),
//   - the providers those modules export (`exports: [...]`, read from the
//     module files below, so a split or a rename needs no edit here),
//   - its HTTP contract (`dto/`),
//   - `<context>.public.ts`, the plain functions it publishes (the seed writes
//     demo data through them, the way the product writes it).
// Everything else in the folder is internal to the context.
const fs = require('node:fs');
const path = require('node:path');

const MODULES = 'apps/api/src/modules';
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The files of one Nest module file's `exports: [...]`, resolved through its imports. */
function exportedProviderFiles(moduleFile) {
  const source = fs.readFileSync(moduleFile, 'utf8');
  const list = /exports:\s*\[([^\]]*)\]/.exec(source);
  if (!list) return [];
  const names = list[1]
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  const files = [];
  for (const name of names) {
    const from = new RegExp(`import\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*from\\s*'([^']+)'`).exec(
      source,
    );
    if (from && from[1].startsWith('.'))
      files.push(path.posix.join(path.posix.dirname(moduleFile), `${from[1]}.ts`));
  }
  return files;
}

function publicSurface() {
  const patterns = [];
  for (const context of fs.readdirSync(MODULES)) {
    const dir = `${MODULES}/${context}`;
    if (!fs.statSync(dir).isDirectory()) continue;
    patterns.push(`^${escape(dir)}/[^/]+\\.module\\.ts$`);
    patterns.push(`^${escape(dir)}/dto/`);
    patterns.push(`^${escape(dir)}/${escape(context)}\\.public\\.ts$`);
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.module.ts')))
      for (const provider of exportedProviderFiles(`${dir}/${file}`))
        patterns.push(`^${escape(provider)}$`);
  }
  return patterns;
}

const PUBLIC = publicSurface();

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'context-internals',
      comment:
        'A context imports another context only through its public surface (its Nest modules, the providers they export, dto/, <context>.public.ts).',
      severity: 'error',
      from: { path: '^apps/api/src/modules/([^/]+)/' },
      to: { path: '^apps/api/src/modules/', pathNot: ['^apps/api/src/modules/$1/', ...PUBLIC] },
    },
    {
      name: 'outside-into-context-internals',
      comment:
        'The api shell, the worker, libs, the seed, scripts and tests see a context only through its public surface too.',
      severity: 'error',
      from: { pathNot: '^apps/api/src/modules/' },
      to: { path: '^apps/api/src/modules/', pathNot: PUBLIC },
    },
    {
      name: 'identity-is-the-base',
      comment:
        'Every context depends on identity, so identity depends on no other context (user administration that needs competitions and judging lives in the accounts context).',
      severity: 'error',
      from: { path: '^apps/api/src/modules/identity/' },
      to: { path: '^apps/api/src/modules/(?!identity/)' },
    },
    {
      name: 'web-sees-only-the-shared-catalogue',
      comment:
        'The web client talks to the api over HTTP through the generated client; of the server code it imports only the shared error catalogue and log names (plain TS without imports).',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: {
        path: '^(apps/(api|worker)|libs|prisma|scripts)/',
        pathNot: '^libs/domain/src/(errors|shared)/',
      },
    },
    {
      name: 'domain-is-plain-typescript',
      comment: 'libs/domain holds the rules in plain TypeScript: no Nest, Prisma, BullMQ or Redis.',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: {
        path: [
          '^node_modules/(@nestjs|@prisma|prisma|bullmq|ioredis|pg)/',
          '^libs/(database|messaging|mail|config|events|testing)/',
          '^apps/',
        ],
      },
    },
    {
      name: 'libs-do-not-import-apps',
      comment: 'Libraries serve the apps; they never reach into one.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle of imports makes Nest inject undefined; break it with a leaf module.',
      severity: 'error',
      from: { path: '^(apps|libs|prisma|scripts)/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (a typo in a path is not a missing boundary).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: {
      path: ['^libs/database/src/generated/', '^dist/', '^apps/web/src/api/schema\\.d\\.ts$'],
    },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
