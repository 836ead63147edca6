import { ERROR_CODES, isErrorCode } from '@app/domain';
import { databaseProxy, terminateBackends } from './support/faults';
import { ADMIN, Stack } from './support/stack';
import {
  createCompetition,
  createOrganiser,
  projectBody,
  registerProject,
  signUpApplicant,
  uniqueEmail,
} from './support/scenario';

const PASSWORD = 'Roadshow-Applicant-2026!';

// Every refusal carries a code of the one catalogue (libs/domain/src/errors)
// with its params, whatever raised it: a domain rule, validation, the guard,
// Fastify's body parser or the database being away.
describe('error codes', () => {
  const proxy = databaseProxy();
  let stack: Stack;

  beforeAll(async () => {
    await proxy.start();
    stack = new Stack({ databaseVia: (url) => proxy.url(url) });
    await stack.start();
  });
  afterAll(async () => {
    await stack.stop();
    await proxy.stop();
  });

  const raw = async (method: string, route: string, body: string, contentType: string) => {
    const res = await fetch(`${stack.apiUrl}${route}`, {
      method,
      headers: { 'content-type': contentType },
      body,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('answers each kind of refusal with its catalogue code and the shape of every error', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const stranger = await createOrganiser(stack, '另一位组织者');
    const applicant = uniqueEmail('codes');
    expect(
      (await stack.post('/auth/signup', { email: applicant, password: PASSWORD, name: '李娜' }))
        .status,
    ).toBe(201);

    const cases: [Promise<{ status: number; body: any }>, number, string, object?][] = [
      [
        stack.post('/auth/login', { email: applicant, password: 'wrong-password-1' }),
        401,
        'BAD_CREDENTIALS',
      ],
      [
        stack.post('/auth/signup', { email: applicant, password: PASSWORD, name: '李娜' }),
        409,
        'EMAIL_TAKEN',
        { email: applicant },
      ],
      [stack.get('/me'), 401, 'UNAUTHENTICATED'],
      [stack.get('/me', 'not-a-token'), 401, 'SESSION_EXPIRED'],
      [stack.get('/users', organiser.token.replace(/.$/, '')), 401, 'SESSION_EXPIRED'],
      [
        stack.get(`/heats/${competition.heatId}/rounds`, stranger.token),
        404,
        'NOT_FOUND',
        { resource: 'heat' },
      ],
      [
        stack.get('/heats/not-a-uuid/rounds', organiser.token),
        400,
        'VALIDATION_FAILED',
        { fields: ['id'] },
      ],
      [stack.get('/no/such/route', organiser.token), 404, 'ROUTE_NOT_FOUND'],
      [
        stack.post('/auth/password', { token: 'x'.repeat(43), password: PASSWORD }),
        404,
        'TOKEN_INVALID',
      ],
    ];
    for (const [answer, status, code, params] of cases) {
      const { status: got, body } = await answer;
      expect({ got, code: body.code }).toEqual({ got: status, code });
      expect(body).toMatchObject({
        statusCode: status,
        error: expect.any(String),
        message: expect.any(String),
      });
      if (params) expect(body.params).toEqual(params);
    }

    const invalid = await stack.post('/auth/signup', {
      email: 'not-an-email',
      password: PASSWORD,
      name: '',
      extra: 1,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.code).toBe('VALIDATION_FAILED');
    const byField = Object.fromEntries(
      (invalid.body.details as { field: string; code: string }[]).map((d) => [d.field, d.code]),
    );
    expect(byField).toMatchObject({ email: 'FIELD_NOT_EMAIL', extra: 'FIELD_UNKNOWN' });
    for (const d of invalid.body.details) expect(isErrorCode(d.code)).toBe(true);

    // A rubric problem names the 1-based row and the criterion.
    const rubric = await stack.post(
      `/competitions/${competition.id}/rubrics`,
      {
        name: '评分表',
        criteria: [
          { code: 'INNO', name: '创新性', weight: 0.5, maxScore: 10 },
          { code: 'MKT', name: '市场前景', weight: 0, maxScore: 10 },
        ],
      },
      organiser.token,
    );
    expect(rubric.status).toBe(422);
    expect(rubric.body).toMatchObject({ code: 'RUBRIC_INVALID', params: { problems: 2 } });
    expect(rubric.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'criteria.1.weight',
          code: 'CRITERION_WEIGHT_NOT_POSITIVE',
          params: { row: 2, criterion: '市场前景' },
        }),
      ]),
    );
  });

  // Each service's refusals name their own code with the names a page shows
  // (heats, titles, stages, people), never the generic CONFLICT / UNPROCESSABLE.
  it('answers domain refusals with their own codes and names, never a generic one', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const c = competition.id;
    const semi = await stack.post(
      `/competitions/${c}/heats`,
      { stageCode: 'SEMIFINAL', name: '半决赛（江阴）' },
      organiser.token,
    );
    const final = await stack.post(
      `/competitions/${c}/heats`,
      { stageCode: 'FINAL', name: '总决赛（江阴）' },
      organiser.token,
    );
    expect([semi.status, final.status]).toEqual([201, 201]);
    const applicant = await signUpApplicant(stack, '王芳');
    const project = await registerProject(stack, applicant, competition.heatId, c, '智慧农业');
    const now = Date.now();
    const competitionBody = {
      name: '创新创业大赛',
      tracks: [{ code: 'AI', name: '人工智能' }],
      stages: [{ code: 'HEAT', name: '分站赛', order: 1 }],
      registrationOpensAt: new Date(now).toISOString(),
      registrationClosesAt: new Date(now + 86400000).toISOString(),
    };

    const cases: [Promise<{ status: number; body: any }>, number, string, object?][] = [
      // competitions
      [
        stack.post(
          '/competitions',
          { ...competitionBody, registrationClosesAt: new Date(now - 86400000).toISOString() },
          organiser.token,
        ),
        422,
        'DATES_OUT_OF_ORDER',
        { start: 'registrationOpensAt', end: 'registrationClosesAt' },
      ],
      [
        stack.post(
          '/competitions',
          {
            ...competitionBody,
            tracks: [
              { code: 'AI', name: '人工智能' },
              { code: 'AI', name: '人工智能二' },
            ],
          },
          organiser.token,
        ),
        422,
        'DUPLICATE_VALUES',
        { field: 'tracks', values: ['AI'] },
      ],
      [
        stack.post(`/competitions/${c}/heats`, { stageCode: 'NOPE', name: 'x' }, organiser.token),
        422,
        'STAGE_UNKNOWN',
        { stageCode: 'NOPE' },
      ],
      [
        stack.post(
          `/heats/${competition.heatId}/rounds`,
          { name: '初评', kind: 'ROADSHOW', rubricId: crypto.randomUUID(), method: 'MEAN' },
          organiser.token,
        ),
        422,
        'RUBRIC_UNKNOWN',
      ],
      // organisers
      [
        stack.post(`/competitions/${c}/organisers`, { userId: applicant.id }, organiser.token),
        422,
        'USER_NOT_ORGANISER',
        { userName: '王芳' },
      ],
      // registration
      [
        stack.post(
          `/competitions/${c}/projects`,
          { ...projectBody(competition.heatId), trackCode: 'SPACE' },
          applicant.token,
        ),
        422,
        'TRACK_UNKNOWN',
        { trackCode: 'SPACE', allowed: ['AI', 'BIG_DATA', 'IOT', 'LIFE_HEALTH'] },
      ],
      [
        stack.post(`/competitions/${c}/projects`, projectBody(semi.body.id), applicant.token),
        422,
        'ENTRY_HEAT_NOT_FIRST_STAGE',
        { heatName: '半决赛（江阴）', stageName: '半决赛' },
      ],
      [
        stack.patch(`/projects/${project.id}`, { title: '改名' }, organiser.token),
        403,
        'PROJECT_OWNER_ONLY',
      ],
      // heats: advancement and awards before any round closed
      [
        stack.post(
          `/heats/${competition.heatId}/advance`,
          { toHeatId: semi.body.id },
          organiser.token,
        ),
        409,
        'HEAT_ROUNDS_NOT_CLOSED',
        { heatName: '华南赛区' },
      ],
      [
        stack.get(`/heats/${competition.heatId}/results/release/preview`, organiser.token),
        409,
        'HEAT_NO_RESULTS',
        { heatName: '华南赛区' },
      ],
      [
        stack.patch(
          `/heats/${competition.heatId}/results/${project.id}`,
          { result: 'ADVANCED', reason: '复核' },
          organiser.token,
        ),
        409,
        'HEAT_NO_RESULTS',
        { heatName: '华南赛区' },
      ],
    ];
    for (const [answer, status, code, params] of cases) {
      const { status: got, body } = await answer;
      expect({ got, code: body.code }).toEqual({ got: status, code });
      if (params) expect(body.params).toEqual(params);
    }

    const tiers = await stack.put(
      `/heats/${final.body.id}/award-tiers`,
      { tiers: [{ name: '一等奖', count: 1 }] },
      organiser.token,
    );
    expect(tiers.status).toBe(200);
    const awards = await stack.post(`/heats/${final.body.id}/awards`, {}, organiser.token);
    expect({ status: awards.status, code: awards.body.code }).toEqual({
      status: 409,
      code: 'FINAL_ROUNDS_NOT_CLOSED',
    });
    expect(awards.body.params).toEqual({ heatName: '总决赛（江阴）' });
  });

  it('codes Fastify’s own refusals: malformed JSON, a body too large, a wrong content type', async () => {
    const malformed = await raw('POST', '/auth/login', '{"email": ', 'application/json');
    expect(malformed).toMatchObject({ status: 400, body: { code: 'MALFORMED_JSON' } });
    const large = await raw(
      'POST',
      '/auth/login',
      JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }),
      'application/json',
    );
    expect(large).toMatchObject({
      status: 413,
      body: { code: 'PAYLOAD_TOO_LARGE', params: { maxBytes: 1048576 } },
    });
    const media = await raw('POST', '/auth/login', '<email>a</email>', 'application/xml');
    expect(media).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const proto = await raw('POST', '/auth/login', '{"__proto__": {"x": 1}}', 'application/json');
    expect(proto.status).toBe(400);
    expect(proto.body.details).toMatchObject([
      { code: 'FIELD_FORBIDDEN_KEY', params: { key: '__proto__' } },
    ]);
  });

  it('refuses a lone UTF-16 surrogate with 400 naming the field on signup, login and forgot', async () => {
    const lone = 'li\ud800na';
    const answers = [
      [
        'email',
        await stack.post('/auth/signup', {
          email: `a${lone}@e2e.test`,
          password: PASSWORD,
          name: '李娜',
        }),
      ],
      [
        'name',
        await stack.post('/auth/signup', {
          email: uniqueEmail('lone'),
          password: PASSWORD,
          name: lone,
        }),
      ],
      [
        'password',
        await stack.post('/auth/signup', {
          email: uniqueEmail('lone'),
          password: `${PASSWORD}${lone}`,
          name: '李娜',
        }),
      ],
      ['password', await stack.post('/auth/login', { email: ADMIN.email, password: lone })],
      [
        'email',
        await stack.post('/auth/login', { email: `x${lone}@e2e.test`, password: PASSWORD }),
      ],
      ['email', await stack.post('/auth/password/forgot', { email: `x${lone}@e2e.test` })],
    ] as const;
    for (const [field, res] of answers) {
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(res.body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field, code: 'FIELD_INVALID_TEXT' })]),
      );
    }
    // A well-formed pair (an emoji) is text like any other.
    const emoji = await stack.post('/auth/signup', {
      email: uniqueEmail('emoji'),
      password: PASSWORD,
      name: '李娜 😀',
    });
    expect(emoji.status).toBe(201);
  });

  it('refuses prototype, hasOwnProperty and constructor keys instead of dropping them', async () => {
    for (const key of ['prototype', 'hasOwnProperty', 'constructor']) {
      const res = await raw(
        'POST',
        '/auth/login',
        `{"email": "a@e2e.test", "password": "${PASSWORD}", "${key}": 1}`,
        'application/json',
      );
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([
        expect.objectContaining({ field: key, code: 'FIELD_FORBIDDEN_KEY', params: { key } }),
      ]);
    }
  });

  it('answers 503, never 404, on an access-checked route while the database is away', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    expect((await stack.get(`/heats/${competition.heatId}/rounds`, organiser.token)).status).toBe(
      200,
    );
    await proxy.down();
    await terminateBackends(stack);
    try {
      const res = await stack.get(`/heats/${competition.heatId}/rounds`, organiser.token);
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
      });
    } finally {
      await proxy.up();
    }
  });

  it('declares every code once with a kind', () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(entry.kind).toEqual(expect.any(String));
    }
  });
});
