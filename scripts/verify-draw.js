#!/usr/bin/env node
// Recomputes a draw by lot (抽签) from its published seed: plain node, no
// dependencies. The algorithm is docs/verifiable-draws.md; it is the same
// as libs/domain drawByLot, and tests/verifiable-draws.e2e-spec.ts runs this
// script against a real draw.
//
//   node scripts/verify-draw.js --seed SEED [--hash SHA256] [--json] ID ...
//   node scripts/verify-draw.js --seed SEED --file candidates.txt
//   printf 'id1\nid2\n' | node scripts/verify-draw.js --seed SEED -
//
// Candidates: ids as arguments, or one per line (or a JSON array) from a
// file or standard input ("-"). Their order does not matter. With --hash the
// script first checks that SHA-256(seed) is the hash announced before the
// draw, and exits 2 when it is not. Prints "position id" lines, or a JSON
// array with --json.
'use strict';
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');

function cyrb128(text) {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

function sfc32(a, b, c, d) {
  return () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

function drawByLot(candidates, seed) {
  const order = [...new Set(candidates)].sort();
  const random = sfc32(...cyrb128(seed));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

function parseList(text) {
  const t = text.trim();
  if (t.startsWith('[')) return JSON.parse(t).map(String);
  return t
    .split(/[\r\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function main(argv) {
  let seed = null;
  let hash = null;
  let json = false;
  const ids = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seed') seed = argv[++i];
    else if (a === '--hash') hash = argv[++i];
    else if (a === '--json') json = true;
    else if (a === '--file') ids.push(...parseList(readFileSync(argv[++i], 'utf8')));
    else if (a === '-') ids.push(...parseList(readFileSync(0, 'utf8')));
    else if (a === '--help' || a === '-h') {
      process.stdout.write(
        'usage: node scripts/verify-draw.js --seed SEED [--hash SHA256] [--json] (ID ... | --file F | -)\n',
      );
      return 0;
    } else ids.push(a);
  }
  if (!seed) {
    process.stderr.write('verify-draw: --seed is required\n');
    return 1;
  }
  if (hash) {
    const actual = createHash('sha256').update(seed, 'utf8').digest('hex');
    if (actual !== hash.toLowerCase()) {
      process.stderr.write(
        `verify-draw: SHA-256 of the seed is ${actual}, not the announced ${hash}\n`,
      );
      return 2;
    }
    process.stderr.write('verify-draw: the seed matches the announced hash\n');
  }
  const order = drawByLot(ids, seed);
  if (json) process.stdout.write(JSON.stringify(order) + '\n');
  else order.forEach((id, i) => process.stdout.write(`${i + 1} ${id}\n`));
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
module.exports = { drawByLot, cyrb128, sfc32 };
