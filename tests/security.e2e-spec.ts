import { ADMIN, E2E_JWT_SECRET, Stack, waitFor } from './support/stack';
import { decodeJwt, forgeJwt } from './support/jwt';
import { deterministicScores, eligibleHeat } from './support/judging-scenario';
import {
  createCompetition,
  createOrganiser,
  signUpApplicant,
  uniqueEmail,
} from './support/scenario';

// Holes found by trying the product as a hostile user would: formula cells in
// exports, forged tokens, secrets in the request log.
describe('integrity and abuse: exports, tokens, logs', () => {
  // TRUST_PROXY: the dashboard test plays a TLS-terminating proxy (X-Forwarded-Proto).
  const stack = new Stack({ env: { LOG_LEVEL: 'info', TRUST_PROXY: '1' } });

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('neutralises formula cells in every CSV export and answers export errors as JSON', async () => {
    const heat = await eligibleHeat(stack, 2, 1, false);
    const { organiser, competition, projectIds, applicants, judges } = heat;
    const evil = '=HYPERLINK("http://evil.example","点我")';
    const [{ owner_id }] = await stack.sql(`SELECT owner_id FROM projects WHERE id = $1`, [
      projectIds[0],
    ]);
    const owner = applicants.find((a) => a.id === owner_id)!;
    // The title is fixed before review; this project is re-registered with a formula title.
    const res = await stack.post(
      `/competitions/${competition.id}/projects`,
      {
        title: evil,
        summary: '公式注入测试',
        trackCode: 'IOT',
        heatId: competition.heatId,
        organisation: { name: '@SUM(A1:A9)', city: '深圳', foundedAt: '2023-06-01' },
        team: [{ name: '-3+4', role: '+1+2' }],
      },
      owner.token,
    );
    expect(res.status).toBe(201);
    await stack.post(`/projects/${res.body.id}/submit`, {}, owner.token);
    await stack.post(`/projects/${res.body.id}/review`, { decision: 'ELIGIBLE' }, organiser.token);
    const round = await stack.post(
      `/heats/${competition.heatId}/rounds`,
      { name: '路演', kind: 'ROADSHOW', rubricId: competition.rubricId, method: 'MEAN' },
      organiser.token,
    );
    const roundId = round.body.id as string;
    await stack.post(`/rounds/${roundId}/judges`, { judgeIds: [judges[0].id] }, organiser.token);
    await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: 1 }, organiser.token);
    await stack.post(`/rounds/${roundId}/open`, {}, organiser.token);
    for (const [i, projectId] of [...projectIds, res.body.id as string].entries()) {
      await stack.put(
        `/rounds/${roundId}/projects/${projectId}/score`,
        { scores: deterministicScores(0, i) },
        judges[0].token,
      );
      await stack.post(
        `/rounds/${roundId}/projects/${projectId}/score/submit`,
        {},
        judges[0].token,
      );
    }
    await stack.post(`/rounds/${roundId}/close`, {}, organiser.token);
    await waitFor(
      'the final ranking',
      async () => (await stack.get(`/rounds/${roundId}/ranking`, organiser.token)).body.final,
    );
    await stack.post(
      `/competitions/${competition.id}/signings`,
      { projectId: res.body.id, host: '+86 江阴高新区', enclave: '=1+1' },
      organiser.token,
    );

    const exports = [
      `/rounds/${roundId}/ranking.csv`,
      `/heats/${competition.heatId}/standings.csv`,
      `/competitions/${competition.id}/signings.csv`,
    ];
    for (const route of exports) {
      const csv = await stack.get<string>(route, organiser.token);
      expect([route, csv.status]).toEqual([route, 200]);
      const cells = csv.body.split(/\r\n/).flatMap((line) => line.split(','));
      expect(cells.filter((c) => /^"?[=+\-@\t\r]/.test(c) && !/^-?\d/.test(c))).toEqual([]);
    }
    const ranking = await stack.get<string>(exports[0], organiser.token);
    expect(ranking.body).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    const signings = await stack.get<string>(exports[2], organiser.token);
    expect(signings.body).toContain("'+86 江阴高新区");
    expect(signings.body).toContain("'=1+1");

    // A foreign organiser, a wrong id: JSON errors, not a broken download or a 500.
    const stranger = await createOrganiser(stack, '别的园区');
    for (const route of [...exports, `/heats/${competition.heatId}/standings.xlsx`]) {
      const res = await fetch(`${stack.apiUrl}${route}`, {
        headers: { authorization: `Bearer ${stranger.token}` },
      });
      expect([route, res.status]).toEqual([route, 404]);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(res.headers.get('content-disposition')).toBeNull();
      expect(await res.json()).toMatchObject({ statusCode: 404 });
    }
  });

  it('shows an organiser only the mails of its own competitions', async () => {
    const heat = await eligibleHeat(stack, 1, 1, false);
    const rival = await createOrganiser(stack, '别的园区');
    const theirs = await createCompetition(stack, rival);
    await stack.drained();
    const mine = await stack.get('/notifications', heat.organiser.token);
    expect(mine.status).toBe(200);
    const types = (mine.body.items as { type: string; competitionId: string }[]).map((n) => {
      expect(n.competitionId).toBe(heat.competition.id);
      return n.type;
    });
    // Eligibility mails go out only when the decisions are released.
    expect(types).toContain('PROJECT_SUBMITTED');
    // The rival sees none of them, not even by naming the competition or the recipient.
    const applicant = heat.applicants[0].email;
    expect(
      (await stack.get(`/notifications?recipient=${encodeURIComponent(applicant)}`, rival.token))
        .body.items,
    ).toEqual([]);
    expect(
      (await stack.get(`/notifications?competitionId=${heat.competition.id}`, rival.token)).status,
    ).toBe(404);
    expect(
      (await stack.get(`/notifications?competitionId=${theirs.id}`, rival.token)).body.items,
    ).toEqual([]);
    // An admin sees everything, account mails included.
    const admin = await stack.login(ADMIN.email, ADMIN.password);
    const all = await stack.get(`/notifications?recipient=${encodeURIComponent(applicant)}`, admin);
    expect(all.body.items.map((n: { type: string }) => n.type)).toContain('SIGNUP');
  });

  it('sends security headers, keeps token responses out of caches, and still serves the docs and dashboard', async () => {
    const base = stack.apiUrl.replace('/api/v1', '');
    const login = await fetch(`${stack.apiUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('cache-control')).toBe('no-store');
    const csp = login.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(login.headers.get('x-content-type-options')).toBe('nosniff');
    expect(login.headers.get('strict-transport-security')).toMatch(/max-age=/);
    const { accessToken } = (await login.json()) as { accessToken: string };

    // Both UIs load every script as a same-origin file, which the CSP allows;
    // an inline script (other than a JSON data block) would be blocked.
    for (const page of ['/api/docs', `/admin/queues?token=${accessToken}`]) {
      const res = await fetch(`${base}${page}`);
      expect([page, res.status]).toEqual([page, 200]);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      const html = await res.text();
      const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const attrs of scripts) {
        expect([page, /\bsrc=|type="application\/json"/.test(attrs)]).toEqual([page, true]);
        const src = /src=["']([^"']+)/.exec(attrs)?.[1];
        if (src) expect(src).not.toMatch(/^(https?:)?\/\//);
      }
    }
    expect((await fetch(`${base}/api/docs/swagger-ui-init.js`)).status).toBe(200);

    // The dashboard's cookie is Secure when the page is served over HTTPS.
    const plain = await fetch(`${base}/admin/queues?token=${accessToken}`);
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/);
    expect(plain.headers.get('cache-control')).toBe('no-store');
    const tls = await fetch(`${base}/admin/queues?token=${accessToken}`, {
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(tls.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict; Secure/);
  });

  it('keeps no raw invitation token at rest once the mail is sent, and refuses weak passwords', async () => {
    const organiser = await createOrganiser(stack);
    const email = uniqueEmail('invited');
    const created = await stack.post(
      '/users',
      { email, name: '评委 钱七', roles: ['JUDGE'] },
      organiser.token,
    );
    expect(created.status).toBe(201);
    const mail = await waitFor('the invitation mail', () => stack.smtp.to(email)[0]);
    const token = decodeURIComponent(/token=([^\s]+)/.exec(mail.text)![1]);
    expect(token.length).toBeGreaterThan(30);
    await stack.drained();
    const rows = await stack.sql(
      `SELECT (SELECT string_agg(body, '') FROM notifications WHERE recipient = $1) AS body,
              (SELECT string_agg(payload::text, '') FROM outbox_events WHERE type = 'identity.user-invited'
                 AND payload->'user'->>'email' = $1) AS payload`,
      [email],
    );
    expect(rows[0].body).toContain('set-password?token=');
    expect(rows[0].body).not.toContain(token);
    expect(rows[0].body).not.toContain(encodeURIComponent(token));
    expect(rows[0].payload).toContain(email);
    expect(rows[0].payload).not.toContain(token);
    const dump = await stack.sql(
      `SELECT count(*)::int AS n FROM outbox_events WHERE payload::text LIKE '%' || $1 || '%'`,
      [token],
    );
    expect(dump).toEqual([{ n: 0 }]);

    for (const weak of ['12345678', 'password', 'password12', '1234567890', 'qwertyuiop']) {
      const res = await stack.post('/auth/password', { token, password: weak });
      expect([weak, res.status]).toEqual([weak, 400]);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['password']);
    }
    const set = await stack.post('/auth/password', { token, password: 'Roadshow-Judge-2026!' });
    expect(set.status).toBe(200);
    expect(await stack.login(email, 'Roadshow-Judge-2026!')).toEqual(expect.any(String));

    const weakSignup = await stack.post('/auth/signup', {
      email: 'zhangwei@e2e.test',
      password: 'zhangwei2026',
      name: '张伟',
    });
    expect(weakSignup.status).toBe(400);
    expect(weakSignup.body.details[0]).toMatchObject({ field: 'password' });
    const weakCreate = await stack.post(
      '/users',
      { email: uniqueEmail('j'), name: 'x', roles: ['JUDGE'], password: 'password12' },
      organiser.token,
    );
    expect(weakCreate.status).toBe(400);
  });

  it('accepts only HS256 tokens that expire, signed with the secret', async () => {
    const applicant = await signUpApplicant(stack);
    const claims = decodeJwt(applicant.token);
    expect(claims.exp).toEqual(expect.any(Number));
    expect((await stack.get('/me', applicant.token)).status).toBe(200);
    const now = Math.floor(Date.now() / 1000);
    const forged = {
      none: forgeJwt(claims, E2E_JWT_SECRET, 'none'),
      otherAlgorithm: forgeJwt(claims, E2E_JWT_SECRET, 'HS384'),
      noExpiry: forgeJwt({ ...claims, exp: undefined }, E2E_JWT_SECRET),
      expired: forgeJwt({ ...claims, iat: now - 7200, exp: now - 3600 }, E2E_JWT_SECRET),
      otherSecret: forgeJwt(claims, 'not-the-secret-0123456789'),
    };
    for (const [what, token] of Object.entries(forged)) {
      expect([what, (await stack.get('/me', token)).status]).toEqual([what, 401]);
    }
  });

  it('keeps query tokens out of the request log', async () => {
    const applicant = await signUpApplicant(stack);
    const secrets = ['SECRET-ACCESS-1', 'SECRET-TICKET-2', 'SECRET-TOKEN-3', 'SECRET-RESET-4'];
    await stack.get(
      `/competitions?access_token=${secrets[0]}&ticket=${secrets[1]}&token=${secrets[2]}&reset_token=${secrets[3]}&page=7`,
      applicant.token,
    );
    await fetch(
      `${stack.apiUrl}/rounds/00000000-0000-4000-8000-000000000000/ranking/stream?access_token=${secrets[0]}`,
    );
    await fetch(`${stack.apiUrl.replace('/api/v1', '')}/admin/queues?token=${secrets[2]}`);
    await waitFor('the request lines in the log', () =>
      stack.output().includes('/ranking/stream?access_token=[REDACTED]'),
    );
    const log = stack.output();
    expect(log).toContain('ticket=[REDACTED]');
    expect(log).toContain('page=7');
    for (const secret of secrets) expect(log).not.toContain(secret);
    expect(log).not.toContain(applicant.token);
  });
});
