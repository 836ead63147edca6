import { ADMIN, Stack, waitFor } from './support/stack';
import {
  createCompetition,
  createOrganiser,
  projectBody,
  registerProject,
  signUpApplicant,
  uniqueEmail,
} from './support/scenario';

// Registration end to end: real HTTP against the built api and worker, real
// PostgreSQL and Redis, and a loopback SMTP server that records every mail.
describe('registration, end to end', () => {
  const stack = new Stack();

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('takes an applicant from signup to an eligibility decision with exactly three emails', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const applicant = await signUpApplicant(stack, 'Li Na', 'en');

    const me = await stack.get('/me', applicant.token);
    expect(me.body).toMatchObject({
      email: applicant.email,
      roles: ['APPLICANT'],
      affiliation: null,
    });

    const project = await registerProject(stack, applicant, competition.heatId, competition.id);
    expect(project.status).toBe('DRAFT');

    const edited = await stack.patch(
      `/projects/${project.id}`,
      { title: '柔性电子皮肤 2.0' },
      applicant.token,
    );
    expect(edited.status).toBe(200);
    expect(edited.body.title).toBe('柔性电子皮肤 2.0');

    const submitted = await stack.post(`/projects/${project.id}/submit`, {}, applicant.token);
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('SUBMITTED');
    expect((await stack.post(`/projects/${project.id}/submit`, {}, applicant.token)).status).toBe(
      409,
    );
    expect(
      (await stack.patch(`/projects/${project.id}`, { title: 'late edit' }, applicant.token))
        .status,
    ).toBe(409);

    const listed = await stack.get(
      `/competitions/${competition.id}/projects?status=SUBMITTED&trackCode=IOT&page=1&pageSize=10`,
      organiser.token,
    );
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(1);
    expect(listed.body.items[0].id).toBe(project.id);
    expect(
      (await stack.get(`/competitions/${competition.id}/projects?status=DRAFT`, organiser.token))
        .body.total,
    ).toBe(0);

    const noReason = await stack.post(
      `/projects/${project.id}/review`,
      { decision: 'INELIGIBLE' },
      organiser.token,
    );
    expect(noReason.status).toBe(422);
    expect(noReason.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);

    const reviewed = await stack.post(
      `/projects/${project.id}/review`,
      { decision: 'ELIGIBLE' },
      organiser.token,
    );
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.status).toBe('ELIGIBLE');
    // Recorded, not mailed: the decision goes out with the release.
    expect(
      (await stack.post(`/competitions/${competition.id}/eligibility/release`, {}, organiser.token))
        .body.mails,
    ).toBe(1);

    await stack.drained();
    const mails = stack.smtp.to(applicant.email);
    expect(mails.map((m) => m.subject).sort()).toEqual([
      'Eligibility decision: 第四届中国江阴（高新区）创新创业大赛',
      'Project submitted: 柔性电子皮肤 2.0',
      'Welcome to the competition platform',
    ]);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(3);

    // The organiser sees the mails about its competition; the welcome mail
    // (an account mail, no competition) only an admin sees.
    const seenByOrganiser = await stack.get(
      `/notifications?recipient=${encodeURIComponent(applicant.email)}`,
      organiser.token,
    );
    expect(seenByOrganiser.body.items.map((n: { type: string }) => n.type).sort()).toEqual([
      'ELIGIBILITY_DECISION',
      'PROJECT_SUBMITTED',
    ]);
    const notifications = await stack.get(
      `/notifications?recipient=${encodeURIComponent(applicant.email)}`,
      await stack.login(ADMIN.email, ADMIN.password),
    );
    expect(notifications.body.items).toHaveLength(3);
    expect(
      notifications.body.items.every(
        (n: { status: string; attempts: number }) => n.status === 'SENT' && n.attempts === 1,
      ),
    ).toBe(true);
    expect((await stack.get('/notifications', applicant.token)).status).toBe(403);

    const [audit] = await stack.sql(
      `SELECT action, actor_id FROM audit_log WHERE entity_id = $1 AND action = 'project.reviewed'`,
      [project.id],
    );
    expect(audit).toEqual({ action: 'project.reviewed', actor_id: organiser.id });
  });

  it('refuses a submission after the deadline with 409 and changes nothing', async () => {
    const organiser = await createOrganiser(stack);
    const closed = await createCompetition(stack, organiser, {
      opensAt: new Date(Date.now() - 10 * 86400000),
      closesAt: new Date(Date.now() - 86400000),
    });
    const applicant = await signUpApplicant(stack);
    const project = await registerProject(stack, applicant, closed.heatId, closed.id);
    const late = await stack.post(`/projects/${project.id}/submit`, {}, applicant.token);
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/registration closed/);
    expect((await stack.get(`/projects/${project.id}`, applicant.token)).body.status).toBe('DRAFT');
    await stack.drained();
    expect(stack.smtp.to(applicant.email).map((m) => m.subject)).toEqual([
      '欢迎注册创新创业大赛平台',
    ]);
  });

  it("hides other people's objects: 404 for another applicant's project, 404 for another organiser's competition", async () => {
    const organiser = await createOrganiser(stack);
    const otherOrganiser = await createOrganiser(stack, '另一位组织者');
    const competition = await createCompetition(stack, organiser);
    const owner = await signUpApplicant(stack);
    const stranger = await signUpApplicant(stack, '王五');
    const project = await registerProject(stack, owner, competition.heatId, competition.id);

    expect((await stack.get(`/projects/${project.id}`, stranger.token)).status).toBe(404);
    expect(
      (await stack.patch(`/projects/${project.id}`, { title: 'mine now' }, stranger.token)).status,
    ).toBe(404);
    expect((await stack.post(`/projects/${project.id}/submit`, {}, stranger.token)).status).toBe(
      404,
    );
    expect((await stack.post(`/projects/${project.id}/withdraw`, {}, stranger.token)).status).toBe(
      404,
    );
    expect((await stack.get('/me/projects', stranger.token)).body.items).toEqual([]);

    expect(
      (await stack.get(`/competitions/${competition.id}/projects`, otherOrganiser.token)).status,
    ).toBe(404);
    expect(
      (
        await stack.post(
          `/projects/${project.id}/review`,
          { decision: 'ELIGIBLE' },
          otherOrganiser.token,
        )
      ).status,
    ).toBe(404);
    expect((await stack.get(`/projects/${project.id}`, otherOrganiser.token)).status).toBe(404);
    expect((await stack.get(`/projects/${project.id}`, organiser.token)).status).toBe(200);
    // The organiser may look but not act as the owner.
    const notOwner = await stack.post(`/projects/${project.id}/submit`, {}, organiser.token);
    expect({ status: notOwner.status, code: notOwner.body.code }).toEqual({
      status: 403,
      code: 'PROJECT_OWNER_ONLY',
    });

    expect((await stack.post('/competitions', {}, owner.token)).status).toBe(403);
    expect((await stack.get('/me')).status).toBe(401);
    expect((await stack.get('/me', 'not-a-token')).status).toBe(401);
  });

  it('answers malformed bodies with 400 naming the field, and a duplicate email with 409', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const applicant = await signUpApplicant(stack);

    const badSignup = await stack.post('/auth/signup', {
      email: 'not-an-email',
      password: 'short',
      name: '',
    });
    expect(badSignup.status).toBe(400);
    expect(badSignup.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'email',
      'name',
      'password',
    ]);

    const notJson = await stack.request('POST', '/auth/signup', '{"email": ');
    expect(notJson.status).toBe(400);

    const body = projectBody(competition.heatId);
    const badProject = await stack.post(
      `/competitions/${competition.id}/projects`,
      { ...body, organisation: { city: '深圳' }, team: [{ name: '李娜' }], extra: 1 },
      applicant.token,
    );
    expect(badProject.status).toBe(400);
    const fields = badProject.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['organisation.name', 'team.0.role', 'extra']));

    const unknownTrack = await stack.post(
      `/competitions/${competition.id}/projects`,
      { ...body, trackCode: 'SPACE' },
      applicant.token,
    );
    expect(unknownTrack.status).toBe(422);
    expect(unknownTrack.body.code).toBe('TRACK_UNKNOWN');
    expect(unknownTrack.body.details[0].field).toBe('trackCode');

    const badRubric = await stack.post(
      `/competitions/${competition.id}/rubrics`,
      {
        name: 'x',
        criteria: [
          { code: 'A', name: 'a', weight: 0.5, maxScore: 10 },
          { code: 'B', name: 'b', weight: 0.4, maxScore: 10 },
        ],
      },
      organiser.token,
    );
    expect(badRubric.status).toBe(422);
    expect(badRubric.body).toMatchObject({
      code: 'RUBRIC_INVALID',
      details: [{ field: 'criteria', code: 'RUBRIC_WEIGHTS_SUM', params: { sum: 0.9 } }],
    });

    expect((await stack.get('/projects/not-a-uuid', applicant.token)).status).toBe(400);
    expect(
      (await stack.get('/projects/00000000-0000-4000-8000-000000000000', applicant.token)).status,
    ).toBe(404);

    const duplicate = await stack.post('/auth/signup', {
      email: applicant.email.toUpperCase(),
      password: 'Roadshow-Another-2026!',
      name: 'dup',
    });
    expect(duplicate.status).toBe(409);
    const [{ count }] = await stack.sql(
      `SELECT count(*)::int AS count FROM users WHERE email = $1`,
      [applicant.email],
    );
    expect(count).toBe(1);
  });

  it('invites a judge by email with a one-time token', async () => {
    const organiser = await createOrganiser(stack);
    const email = uniqueEmail('judge');
    const created = await stack.post(
      '/users',
      { email, name: '评委 赵敏', roles: ['JUDGE'], affiliation: '江阴高新区科技局' },
      organiser.token,
    );
    expect(created.status).toBe(201);
    expect(
      (
        await stack.post(
          '/users',
          { email: uniqueEmail('x'), name: 'x', roles: ['ADMIN'] },
          organiser.token,
        )
      ).status,
    ).toBe(403);

    const mail = await waitFor('the invitation mail', () => stack.smtp.to(email)[0]);
    const token = /token=([^\s]+)/.exec(mail.text)?.[1];
    expect(token).toBeDefined();
    const set = await stack.post('/auth/password', {
      token: decodeURIComponent(token!),
      password: 'Roadshow-Judge-2026!',
    });
    expect(set.status).toBe(200);
    const judgeToken = await stack.login(email, 'Roadshow-Judge-2026!');
    expect((await stack.get('/me', judgeToken)).body).toMatchObject({
      roles: ['JUDGE'],
      affiliation: '江阴高新区科技局',
    });
    expect(
      (
        await stack.post('/auth/password', {
          token: decodeURIComponent(token!),
          password: 'Roadshow-Again-2026!',
        })
      ).status,
    ).toBe(404);
  });

  it('creates the first admin once from the environment and never overwrites it', async () => {
    const rows = await stack.sql(`SELECT roles FROM users WHERE email = $1`, [ADMIN.email]);
    expect(rows).toEqual([{ roles: '{ADMIN}' }]);
  });
});

describe('bad input and operations surfaces', () => {
  const stack = new Stack();

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('never answers 500 to malformed input, and changes nothing', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const applicant = await signUpApplicant(stack);
    const project = await registerProject(stack, applicant, competition.heatId, competition.id);
    const stranger = await createOrganiser(stack, '别的园区');
    const adminToken = await stack.login(ADMIN.email, ADMIN.password);
    const before = await stack.sql(
      `SELECT (SELECT count(*) FROM outbox_events) AS events, (SELECT count(*) FROM competitions) AS competitions,
              (SELECT count(*) FROM heats) AS heats, (SELECT count(*) FROM users) AS users,
              (SELECT max(updated_at) FROM projects) AS projects`,
    );
    const o = organiser.token;
    const cases: [string, string, unknown, string][] = [
      [
        'POST',
        `/competitions/${competition.id}/projects`,
        {
          ...projectBody(competition.heatId),
          organisation: { name: 'x', foundedAt: '2026-02-30' },
        },
        applicant.token,
      ],
      [
        'POST',
        `/competitions/${competition.id}/projects`,
        { ...projectBody(competition.heatId), heatId: 'nope' },
        applicant.token,
      ],
      ['POST', `/competitions/${competition.id}/projects`, [], applicant.token],
      ['POST', `/competitions/${competition.id}/projects`, 'null', applicant.token],
      ['PATCH', `/projects/${project.id}`, { team: 'everyone' }, applicant.token],
      ['POST', `/projects/${project.id}/review`, { decision: 'MAYBE' }, o],
      ['GET', `/competitions/${competition.id}/projects?page=abc&pageSize=1000`, undefined, o],
      ['GET', `/competitions/${competition.id}/projects?status=LOST`, undefined, o],
      [
        'POST',
        '/competitions',
        {
          name: 'x',
          tracks: [{ code: 'lower', name: 'x' }],
          stages: [],
          registrationOpensAt: 'soon',
          registrationClosesAt: 'later',
        },
        o,
      ],
      ['POST', `/competitions/${competition.id}/heats`, { stageCode: 'NOPE', name: 'x' }, o],
      [
        'POST',
        `/competitions/${competition.id}/signings`,
        { projectId: project.id, host: 'x', landingDeadline: '2026-02-30' },
        o,
      ],
      [
        'POST',
        `/competitions/${competition.id}/signings`,
        { projectId: project.id, host: 'x', investmentAmount: -5 },
        o,
      ],
      [
        'POST',
        `/heats/${competition.heatId}/rounds`,
        { name: 'r', kind: 'PITCH', rubricId: competition.rubricId, method: 'MEDIAN' },
        o,
      ],
      [
        'POST',
        `/heats/${competition.heatId}/rounds`,
        {
          name: 'r',
          kind: 'ROADSHOW',
          rubricId: competition.rubricId,
          method: 'MEAN',
          trim: 0,
          weight: -1,
        },
        o,
      ],
      [
        'POST',
        `/heats/${competition.heatId}/advance`,
        { count: -1, exclude: [{ projectId: project.id }] },
        o,
      ],
      ['POST', `/users`, { email: 'x@y.cn', name: 'x', roles: ['KING'] }, o],
      ['POST', '/auth/login', { email: 'nobody@e2e.test' }, ''],
      ['POST', '/auth/password', { token: 'x'.repeat(30), password: 'Roadshow-Judge-2026!' }, ''],
    ];
    for (const [method, route, body, token] of cases) {
      const res = await stack.request(method, route, body, token || undefined);
      expect([route, res.status >= 400 && res.status < 500]).toEqual([route, true]);
      expect(res.body).toMatchObject({
        statusCode: res.status,
        error: expect.any(String),
        message: expect.any(String),
      });
    }

    // Inputs that once gave 500: each is a 4xx that names the field at fault.
    const nul = 'a\u0000b';
    const deep = '{"a":'.repeat(10000) + '1' + '}'.repeat(10000);
    const huge = 2 ** 31;
    const competitionBody = {
      name: '大赛',
      tracks: [{ code: 'AI', name: '人工智能' }],
      stages: [{ code: 'HEAT', name: '分站赛', order: 1 }],
      registrationOpensAt: '2026-01-01T00:00:00Z',
      registrationClosesAt: '2026-12-31T00:00:00Z',
    };
    const named: [string, string, unknown, string, string][] = [
      // NUL bytes, which PostgreSQL refuses in text, anywhere in a body or query
      [
        'POST',
        '/auth/signup',
        { email: uniqueEmail('nul'), password: 'Roadshow-Applicant-2026!', name: nul },
        '',
        'name',
      ],
      ['PATCH', `/projects/${project.id}`, { title: nul }, applicant.token, 'title'],
      [
        'PATCH',
        `/projects/${project.id}`,
        { team: [{ name: nul, role: 'CEO' }] },
        applicant.token,
        'team.0.name',
      ],
      [
        'POST',
        `/competitions/${competition.id}/projects`,
        { ...projectBody(competition.heatId), summary: nul },
        applicant.token,
        'summary',
      ],
      ['POST', '/competitions', { ...competitionBody, name: nul }, o, 'name'],
      [
        'POST',
        `/competitions/${competition.id}/heats`,
        { stageCode: 'HEAT', name: '赛区', venue: nul },
        o,
        'venue',
      ],
      ['POST', '/auth/login', { email: 'a@b.cn', password: nul }, '', 'password'],
      ['GET', `/competitions/${competition.id}/projects?trackCode=%00`, undefined, o, 'trackCode'],
      ['GET', `/notifications?recipient=a%00b`, undefined, o, 'recipient'],
      // null where a value is required
      ['PATCH', `/projects/${project.id}`, { title: null }, applicant.token, 'title'],
      ['PATCH', `/projects/${project.id}`, { summary: null }, applicant.token, 'summary'],
      ['PATCH', `/projects/${project.id}`, { organisation: null }, applicant.token, 'organisation'],
      ['PATCH', `/projects/${project.id}`, { team: null }, applicant.token, 'team'],
      ['PATCH', `/projects/${project.id}`, { trackCode: null }, applicant.token, 'trackCode'],
      ['PATCH', `/users/${organiser.id}`, { roles: null }, adminToken, 'roles'],
      // an array where an object belongs
      [
        'POST',
        `/competitions/${competition.id}/projects`,
        { ...projectBody(competition.heatId), organisation: [] },
        applicant.token,
        'organisation',
      ],
      ['PATCH', `/projects/${project.id}`, { organisation: [] }, applicant.token, 'organisation'],
      ['PATCH', `/projects/${project.id}`, { team: [[]] }, applicant.token, 'team.0'],
      // numbers out of range
      ['GET', `/competitions/${competition.id}/projects?page=1e300`, undefined, o, 'page'],
      ['GET', `/competitions/${competition.id}/projects?page=${huge}`, undefined, o, 'page'],
      [
        'POST',
        '/competitions',
        { ...competitionBody, stages: [{ code: 'HEAT', name: '分站赛', order: huge }] },
        o,
        'stages.0.order',
      ],
      [
        'POST',
        `/competitions/${competition.id}/heats`,
        { stageCode: 'HEAT', name: '赛区', advanceQuota: huge },
        o,
        'advanceQuota',
      ],
      [
        'POST',
        `/rounds/${project.id}/assignments`,
        { judgesPerProject: huge },
        o,
        'judgesPerProject',
      ],
      ['GET', `/heats/${competition.heatId}/advance/preview?count=${huge}`, undefined, o, 'count'],
      // JSON nested 10,000 deep
      ['POST', `/competitions/${competition.id}/projects`, deep, applicant.token, 'body'],
      ['PATCH', `/projects/${project.id}`, `{"organisation":${deep}}`, applicant.token, 'body'],
    ];
    const unnamed: string[] = [];
    for (const [method, route, body, token, field] of named) {
      const res = await stack.request(method, route, body, token || undefined);
      const fields = ((res.body?.details ?? []) as { field: string }[]).map((d) => d.field);
      const namesField = fields.includes(field) || String(res.body?.message).includes(field);
      if (res.status < 400 || res.status >= 500 || !namesField)
        unnamed.push(
          `${method} ${route.slice(0, 60)} [${field}] → ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`,
        );
    }
    expect(unnamed).toEqual([]);
    // Exports: a foreign organiser, an unknown id, a malformed id.
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const route of [
      `/heats/${competition.heatId}/standings.csv`,
      `/heats/${competition.heatId}/standings.xlsx`,
      `/competitions/${competition.id}/signings.csv`,
      `/competitions/${competition.id}/signings.xlsx`,
      `/rounds/${unknown}/ranking.csv`,
      `/heats/${unknown}/standings.xlsx`,
      `/competitions/not-a-uuid/signings.csv`,
    ]) {
      const res = await stack.get(
        route,
        route.includes(unknown) || route.includes('not-a') ? o : stranger.token,
      );
      expect([route, res.status]).toEqual([route, route.includes('not-a') ? 400 : 404]);
      expect(res.body).toMatchObject({ statusCode: res.status });
    }
    expect(
      await stack.sql(
        `SELECT (SELECT count(*) FROM outbox_events) AS events, (SELECT count(*) FROM competitions) AS competitions,
                (SELECT count(*) FROM heats) AS heats, (SELECT count(*) FROM users) AS users,
                (SELECT max(updated_at) FROM projects) AS projects`,
      ),
    ).toEqual(before);
    expect((await stack.get(`/projects/${project.id}`, applicant.token)).body).toMatchObject({
      status: 'DRAFT',
      title: '柔性电子皮肤传感器',
    });
  });

  it('keeps the queue dashboard for admins and reports health', async () => {
    const base = stack.apiUrl.replace('/api/v1', '');
    expect((await fetch(`${base}/admin/queues`)).status).toBe(401);
    const applicant = await signUpApplicant(stack);
    expect((await fetch(`${base}/admin/queues?token=${applicant.token}`)).status).toBe(403);
    const admin = await stack.login(ADMIN.email, ADMIN.password);
    const page = await fetch(`${base}/admin/queues?token=${admin}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).toMatch(/HttpOnly/);
    expect((await stack.get('/health')).body).toEqual({
      status: 'ok',
      db: 'up',
      redis: 'up',
      degraded: [],
      alerts: [],
    });
    const docs = await fetch(`${base}/api/docs-json`);
    expect(Object.keys(((await docs.json()) as { paths: object }).paths)).toEqual(
      expect.arrayContaining(['/api/v1/rounds/{id}/ranking', '/api/v1/heats/{id}/advance']),
    );
  });
});
