import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from './support/env';
import { Stack } from './support/stack';

interface Operation {
  summary?: string;
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
type OpenApiDocument = { paths: Record<string, Record<string, Operation>> };

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

// What a route is missing in the OpenAPI document: a summary, a success
// response with a schema (JSON, a file or an event stream), an error answer.
export function gaps(op: Operation): string[] {
  const missing: string[] = [];
  if (!op.summary?.trim()) missing.push('summary');
  const responses = Object.entries(op.responses ?? {});
  const success = responses.filter(([code]) => /^2\d\d$/.test(code));
  const described = success.some(
    ([code, r]) =>
      code === '204' || Object.values(r.content ?? {}).some((c) => c.schema !== undefined),
  );
  if (!described) missing.push('success response schema');
  if (!responses.some(([code]) => /^[45]\d\d$/.test(code))) missing.push('error responses');
  return missing;
}

// The OpenAPI document the built api serves at /api/docs-json is the route
// reference: every operation is fully described, and a client generator
// (openapi-typescript) turns it into types that compile.
describe('the OpenAPI document', () => {
  const stack = new Stack();
  let document: OpenApiDocument;

  beforeAll(async () => {
    await stack.start();
    const res = await fetch(stack.apiUrl.replace(/\/api\/v1$/, '/api/docs-json'));
    expect(res.status).toBe(200);
    document = (await res.json()) as OpenApiDocument;
  });
  afterAll(() => stack.stop());

  it('describes every operation: summary, success schema and error answers', () => {
    const operations = Object.entries(document.paths).flatMap(([route, item]) =>
      METHODS.filter((m) => item[m]).map((m) => ({
        name: `${m.toUpperCase()} ${route}`,
        op: item[m],
      })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(58);
    const incomplete = operations
      .map(({ name, op }) => ({ name, missing: gaps(op) }))
      .filter((o) => o.missing.length > 0)
      .map((o) => `${o.name}: ${o.missing.join(', ')}`);
    expect(incomplete).toEqual([]);
  });

  it('resolves every schema reference', () => {
    const schemas = (document as { components?: { schemas?: Record<string, unknown> } }).components
      ?.schemas;
    const refs = [
      ...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g),
    ];
    const dangling = refs.map((m) => m[1]).filter((name) => !schemas?.[name]);
    expect(refs.length).toBeGreaterThan(0);
    expect(dangling).toEqual([]);
  });

  it('recognises an incomplete operation', () => {
    expect(gaps({ responses: { '200': { content: {} } } })).toEqual([
      'summary',
      'success response schema',
      'error responses',
    ]);
    expect(
      gaps({
        summary: 'x',
        responses: {
          '200': { content: { 'application/json': { schema: { type: 'object' } } } },
          '404': {},
        },
      }),
    ).toEqual([]);
  });

  it('generates TypeScript types with openapi-typescript that compile', () => {
    // The CLI, as a client team runs it (the package is ESM-only, which Jest's
    // module runtime cannot load).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rs-openapi-'));
    const input = path.join(dir, 'openapi.json');
    const output = path.join(dir, 'api.d.ts');
    fs.writeFileSync(input, JSON.stringify(document));
    const cli = path.join(REPO_ROOT, 'node_modules/openapi-typescript/bin/cli.js');
    const run = spawnSync(process.execPath, [cli, input, '-o', output], { encoding: 'utf8' });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    const source = fs.readFileSync(output, 'utf8');
    expect(source).toContain('"/api/v1/projects/{id}/submit"');
    expect(source).toContain('ProjectViewDto: {');
    const program = ts.createProgram([output], {
      strict: true,
      noEmit: true,
      types: [],
      lib: ['lib.es2022.d.ts'],
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    fs.rmSync(dir, { recursive: true, force: true });
    expect(diagnostics).toEqual([]);
  });
});
