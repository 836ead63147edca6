import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// The import rules of .dependency-cruiser.cjs over every source folder: a
// context reaches another only through its public surface, identity depends
// on no context, the web client imports no server code but the shared error
// catalogue, the seed no api internals, libs/domain no Nest, Prisma or
// BullMQ, and no import cycle. The config lists no exception.
const root = join(__dirname, '..', '..');

interface Violation {
  type: string;
  from: string;
  to: string;
  rule: { name: string };
  cycle?: { name: string }[];
}

function cruise(): { violations: Violation[]; totalCruised: number } {
  const out = execFileSync(
    join(root, 'node_modules', '.bin', 'depcruise'),
    [
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'json',
      'apps',
      'libs',
      'prisma',
      'scripts',
      'tests',
      'bench',
    ],
    { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  const result = JSON.parse(out) as {
    summary: { violations: Violation[]; totalCruised: number };
  };
  return result.summary;
}

describe('import boundaries', () => {
  it('hold everywhere, with no exception listed', () => {
    const { violations, totalCruised } = cruise();
    // The cruise really read the code base, not an empty folder.
    expect(totalCruised).toBeGreaterThan(300);
    const lines = violations.map((v) =>
      v.cycle?.length
        ? `${v.rule.name}: ${v.from} → ${v.cycle.map((c) => c.name).join(' → ')}`
        : `${v.rule.name}: ${v.from} → ${v.to}`,
    );
    expect(lines).toEqual([]);
  }, 120_000);

  it('lists no exception in the config', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require(join(root, '.dependency-cruiser.cjs')) as {
      forbidden: unknown[];
      allowed?: unknown[];
      options: { exclude?: { path: string[] } };
    };
    expect(config.allowed).toBeUndefined();
    // Only generated code is left out of the cruise.
    expect(config.options.exclude?.path).toEqual([
      '^libs/database/src/generated/',
      '^dist/',
      '^apps/web/src/api/schema\\.d\\.ts$',
    ]);
    // No baseline of known violations to compare against either.
    expect(existsSync(join(root, '.dependency-cruiser-known-violations.json'))).toBe(false);
  });
});
