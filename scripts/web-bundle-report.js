#!/usr/bin/env node
// After `vite build`: prints the JavaScript each page of the web client
// loads, gzipped (the entry, the page's lazy chunk and everything both import
// statically), fails the build when the judge page passes its budget, and
// writes a .gz beside every asset for @fastify/static to serve pre-compressed.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const WEB = path.resolve(__dirname, '../dist/web');
const manifest = JSON.parse(fs.readFileSync(path.join(WEB, '.vite/manifest.json'), 'utf8'));
const JUDGE_BUDGET_KB = 250;

// Where each role starts, and the lazy module (see App.tsx) that draws it.
const PAGES = [
  ['/login', 'src/pages/account/AccountRoutes.tsx'],
  ['/judge', 'src/pages/judge/JudgeRoutes.tsx'],
  ['/applicant', 'src/pages/applicant/ApplicantRoutes.tsx'],
  ['/screen/rounds/:id', 'src/pages/screen/ScreenPage.tsx'],
  ['/console', 'src/pages/console/ConsoleRoutes.tsx'],
];

const gzipSizes = new Map();
for (const file of walk(path.join(WEB, 'assets'))) {
  if (!/\.(js|css|svg|json)$/.test(file)) continue;
  const gz = zlib.gzipSync(fs.readFileSync(file), { level: 9 });
  fs.writeFileSync(`${file}.gz`, gz);
  gzipSizes.set(path.relative(WEB, file), gz.length);
}
fs.writeFileSync(
  path.join(WEB, 'index.html.gz'),
  zlib.gzipSync(fs.readFileSync(path.join(WEB, 'index.html'))),
);

const entry = Object.entries(manifest).find(([, c]) => c.isEntry);
const rows = [];
for (const [route, source] of PAGES) {
  if (!manifest[source]) continue;
  const files = new Set();
  collect(entry[0], files);
  collect(source, files);
  const js = [...files].filter((f) => f.endsWith('.js'));
  const kb = js.reduce((sum, f) => sum + (gzipSizes.get(f) ?? 0), 0) / 1024;
  rows.push({ route, kb, chunks: js.length });
}

console.log('\nweb client: JavaScript each page loads (gzip -9)');
for (const r of rows)
  console.log(`  ${r.route.padEnd(22)} ${r.kb.toFixed(1).padStart(7)} KB in ${r.chunks} files`);
const judge = rows.find((r) => r.route === '/judge');
if (judge && judge.kb > JUDGE_BUDGET_KB) {
  console.error(
    `the judge page loads ${judge.kb.toFixed(1)} KB, over its ${JUDGE_BUDGET_KB} KB budget`,
  );
  process.exit(1);
}

function collect(key, files) {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const imported of chunk.imports ?? []) collect(imported, files);
}

function* walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else yield p;
  }
}
