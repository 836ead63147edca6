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

interface Schema {
  type?: string;
  $ref?: string;
  allOf?: unknown[];
  oneOf?: unknown[];
  anyOf?: unknown[];
  enum?: unknown[];
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: unknown;
}

// Properties whose schema says nothing about their shape: a TypeScript union
// such as `number | null` reflects as Object, which swagger documents as a
// bare object and openapi-typescript turns into Record<string, never>.
export function untypedProperties(name: string, s: Schema | undefined): string[] {
  if (!s || s.$ref || s.allOf || s.oneOf || s.anyOf) return [];
  if (s.type === 'array') return untypedProperties(`${name}[]`, s.items);
  const bare = (s.type === 'object' || (!s.type && !s.enum)) && !s.properties;
  if (bare && !s.additionalProperties) return [name];
  return Object.entries(s.properties ?? {}).flatMap(([key, p]) =>
    untypedProperties(`${name}.${key}`, p),
  );
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

  it('names the type of every property, so generated client types are not Record<string, never>', () => {
    const schemas = (document as { components?: { schemas?: Record<string, Schema> } }).components
      ?.schemas;
    const untyped = Object.entries(schemas ?? {}).flatMap(([name, s]) =>
      untypedProperties(name, s),
    );
    expect(untyped).toEqual([]);
    expect(
      untypedProperties('Example', {
        type: 'object',
        properties: { row: { type: 'object', nullable: true }, ok: { type: 'integer' } },
      }),
    ).toEqual(['Example.row']);
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
