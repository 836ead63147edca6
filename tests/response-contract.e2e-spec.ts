import { makePdf, uploadFile } from './support/files';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { HttpResult, Stack } from './support/stack';
import { RoadshowFixture, openRoadshow } from './support/roadshow-scenario';
import { deterministicScores } from './support/judging-scenario';

// Responses are the contract: each answer of the running api is checked
// against the response schema the OpenAPI document declares for its route,
// with undeclared properties forbidden. A handler that returns a database row
// with a column its DTO lacks (GET /rounds/:id once answered pitchOrder and
// pitchSeed that RoundViewDto did not declare) fails here, as does a missing
// required property, a wrong type or a null where none is allowed.

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: object }> }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

/** Every object schema that lists its properties allows only those. */
function closeObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node))
    out[key] =
      key === '$ref' && typeof value === 'string'
        ? value.replace('#/components/schemas/', 'openapi#/components/schemas/')
        : key === 'properties'
          ? Object.fromEntries(
              Object.entries(value as object).map(([k, v]) => [k, closeObjects(v)]),
            )
          : closeObjects(value);
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  // OpenAPI 3.0's nullable object: { nullable, type: object, allOf: [$ref] }.
  if (out.nullable === true && out.allOf) {
    const { nullable: _nullable, type: _type, ...rest } = out;
    return { anyOf: [{ type: 'null' }, rest] };
  }
  return out;
}

class Contract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly routes: { method: string; template: string; pattern: RegExp; op: Operation }[] =
    [];
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly checked: string[] = [];

  constructor(doc: OpenApiDocument) {
    addFormats(this.ajv);
    this.ajv.addSchema(
      { $id: 'openapi', components: closeObjects(doc.components) as object },
      'openapi',
    );
    for (const [template, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops))
        this.routes.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
          op,
        });
  }

  /** The problems of one answer, as `METHOD template status: problem` lines. */
  problems(method: string, path: string, res: HttpResult): string[] {
    const url = `/api/v1${path.split('?')[0]}`;
    const route = this.routes.find((r) => r.method === method && r.pattern.test(url));
    if (!route) return [`${method} ${url}: no such route in the OpenAPI document`];
    const where = `${method} ${route.template} ${res.status}`;
    const schema = route.op.responses?.[String(res.status)]?.content?.['application/json']?.schema;
    if (!schema) return [`${where}: the document declares no JSON body for this status`];
    const key = `${method} ${route.template} ${res.status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(closeObjects(schema) as object);
      this.compiled.set(key, validate);
    }
    this.checked.push(key);
    if (validate(res.body)) return [];
    return (validate.errors ?? []).map(
      (e) =>
        `${where}: ${e.instancePath || '(body)'} ${e.message}${
          e.keyword === 'additionalProperties'
            ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'`
            : ''
        }`,
    );
  }
}

describe('responses are the contract', () => {
  const stack = new Stack();
  let contract: Contract;
  let f: RoadshowFixture;
  const problems: string[] = [];

  /** Calls the api and checks its answer against the document. */
  let calls = 0;
  async function call(method: string, path: string, token: string, body?: unknown) {
    calls++;
    const res = await stack.request(method, path, body, token);
    if (res.status >= 300)
      problems.push(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    else problems.push(...contract.problems(method, path, res));
    return res;
  }

  beforeAll(async () => {
    await stack.start();
    const doc = await fetch(`${stack.apiUrl.replace(/\/api\/v1$/, '')}/api/docs-json`);
    contract = new Contract((await doc.json()) as OpenApiDocument);
    f = await openRoadshow(stack, 3, 2);
  });
  afterAll(() => stack.stop());

  it('answers as declared on the organiser, judge and applicant routes of a season', async () => {
    const org = f.organiser.token;
    const { id: competitionId, heatId } = f.competition;
    const [judge, secondJudge] = f.judges;
    const [projectId] = f.projectIds;
    const applicant = f.applicants[0].token;

    // The judges score; one submits, so the round has drafts and submissions.
    for (const [i, j] of [judge, secondJudge].entries())
      for (const [k, pid] of f.projectIds.entries())
        await call('PUT', `/rounds/${f.roundId}/projects/${pid}/score`, j.token, {
          scores: deterministicScores(i, k),
          submit: i === 0,
        });

    const organiserRoutes = [
      '/me',
      '/users',
      '/competitions',
      `/competitions/${competitionId}`,
      `/competitions/${competitionId}/heats`,
      `/competitions/${competitionId}/rubrics`,
      `/competitions/${competitionId}/organisers`,
      `/competitions/${competitionId}/projects`,
      `/competitions/${competitionId}/judges`,
      `/competitions/${competitionId}/imports`,
      `/competitions/${competitionId}/audit`,
      `/competitions/${competitionId}/funnel`,
      `/heats/${heatId}/rounds`,
      `/heats/${heatId}/standings`,
      `/heats/${heatId}/advancement`,
      `/rounds/${f.roundId}`,
      `/rounds/${f.roundId}/judges`,
      `/rounds/${f.roundId}/assignments`,
      `/rounds/${f.roundId}/progress`,
      `/rounds/${f.roundId}/ranking`,
      `/projects/${projectId}`,
      '/notifications',
    ];
    for (const path of organiserRoutes) await call('GET', path, org);

    const signing = await call('POST', `/competitions/${competitionId}/signings`, org, {
      projectId,
      host: '江阴高新区管委会',
      investmentAmount: '5000000.00',
    });
    for (const path of [
      `/competitions/${competitionId}/signings`,
      `/competitions/${competitionId}/signings/stats`,
      `/signings/${(signing.body as { id: string }).id}`,
    ])
      await call('GET', path, org);

    for (const path of [
      '/me',
      '/judge/assignments',
      '/judge/rounds',
      `/judge/rounds/${f.roundId}`,
      `/judge/rounds/${f.roundId}/projects/${projectId}`,
      `/rounds/${f.roundId}/projects/${projectId}/score`,
      `/projects/${projectId}`,
    ])
      await call('GET', path, judge.token);

    for (const path of ['/me', '/me/projects', `/projects/${projectId}`])
      await call('GET', path, applicant);

    // Files: a BP in the form's file field, uploaded, then listed by everyone who may.
    await stack.sql(
      `INSERT INTO registration_forms (competition_id, definition, updated_by) VALUES ($1, $2, gen_random_uuid())`,
      [
        competitionId,
        JSON.stringify({
          fields: [
            {
              key: 'bp',
              type: 'file',
              label: { zh: '商业计划书', en: 'BP' },
              required: false,
              accept: ['pdf'],
            },
          ],
        }),
      ],
    );
    calls++;
    const uploaded = await uploadFile(
      stack,
      projectId,
      'bp',
      'bp.pdf',
      await makePdf(1),
      applicant,
    );
    if (uploaded.status !== 201)
      problems.push(`upload: ${uploaded.status} ${JSON.stringify(uploaded.body)}`);
    problems.push(...contract.problems('POST', `/projects/${projectId}/files`, uploaded));
    for (const token of [applicant, org, judge.token])
      await call('GET', `/projects/${projectId}/files`, token);

    // The round closes (its ranking is final) and is read again.
    await call('POST', `/rounds/${f.roundId}/close`, org, {
      force: true,
      reason: '现场评审结束，未提交的评委缺席',
    });
    await stack.drained();
    for (const path of [
      `/rounds/${f.roundId}`,
      `/rounds/${f.roundId}/ranking`,
      `/heats/${heatId}/standings`,
    ])
      await call('GET', path, org);

    expect(problems).toEqual([]);
    // Every answer was checked against a declared schema: none skipped.
    expect(contract.checked).toHaveLength(calls);
    expect(new Set(contract.checked).size).toBe(36);
  });

  it('fails on a property the schema lacks (the check itself)', () => {
    const res: HttpResult = {
      status: 200,
      body: { status: 'ok', db: 'up', redis: 'up', degraded: [], alerts: [], pitchSeed: 'x' },
    };
    expect(contract.problems('GET', '/health', res)).toEqual([
      "GET /api/v1/health 200: (body) must NOT have additional properties 'pitchSeed'",
    ]);
    expect(
      contract.problems('GET', '/health', { status: 200, body: { status: 'ok', db: 'up' } }),
    ).toEqual([
      "GET /api/v1/health 200: (body) must have required property 'redis'",
      "GET /api/v1/health 200: (body) must have required property 'degraded'",
      "GET /api/v1/health 200: (body) must have required property 'alerts'",
    ]);
  });
});
