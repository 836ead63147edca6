import { ADMIN, Stack, waitFor } from './support/stack';
import {
  createCompetition,
  createOrganiser,
  projectBody,
  signUpApplicant,
  uniqueEmail,
} from './support/scenario';

// Rights come from the account as it is now: an admin demotes or disables a
// user and that user's existing tokens stop working at its next request, on
// every api process (each keeps a cache, evicted through PostgreSQL NOTIFY).
describe('token revocation and user administration', () => {
  const stack = new Stack();
  let second: string; // the base URL of a second api process
  let admin: string;

  const on = async (base: string, method: string, route: string, token: string, body?: unknown) => {
    const res = await fetch(`${base}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
  const both = async (method: string, route: string, token: string, body?: unknown) => [
    (await on(stack.apiUrl, method, route, token, body)).status,
    (await on(second, method, route, token, body)).status,
  ];

  beforeAll(async () => {
    await stack.start();
    second = await stack.startExtraApi();
    admin = await stack.login(ADMIN.email, ADMIN.password);
  });
  afterAll(() => stack.stop());

  it('a demoted admin’s token stops working on every process at its next request', async () => {
    const email = uniqueEmail('admin2');
    const created = await stack.post(
      '/users',
      { email, name: '副管理员', roles: ['ADMIN'], password: 'Roadshow-Admin-2026!' },
      admin,
    );
    const demoted = await stack.login(email, 'Roadshow-Admin-2026!');
    // Both processes have now cached this user's access.
    expect(await both('GET', '/me', demoted)).toEqual([200, 200]);
    expect(await both('GET', '/users?role=ADMIN', demoted)).toEqual([200, 200]);

    const patched = await on(second, 'PATCH', `/users/${created.body.user.id}`, admin, {
      roles: ['APPLICANT'],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ roles: ['APPLICANT'], disabled: false });

    expect(await both('GET', '/me', demoted)).toEqual([401, 401]);
    const promote = {
      email: uniqueEmail('x'),
      name: 'x',
      roles: ['ADMIN'],
      password: 'Roadshow-Admin-2026!',
    };
    expect(await both('POST', '/users', demoted, promote)).toEqual([401, 401]);
    // Logged in again, it holds only its new role.
    const fresh = await stack.login(email, 'Roadshow-Admin-2026!');
    expect(await both('POST', '/users', fresh, promote)).toEqual([403, 403]);

    const [audit] = await stack.sql(
      `SELECT actor_id, data FROM audit_log WHERE action = 'user.access-changed' AND entity_id = $1`,
      [created.body.user.id],
    );
    expect(audit.data).toEqual({
      before: { roles: ['ADMIN'], disabled: false },
      after: { roles: ['APPLICANT'], disabled: false },
    });
  });

  it('a disabled applicant can neither use its token nor log in, and creates nothing', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const applicant = await signUpApplicant(stack);
    const route = `/competitions/${competition.id}/projects`;
    expect(await both('GET', '/me', applicant.token)).toEqual([200, 200]);

    expect(
      (await stack.patch(`/users/${applicant.id}`, { disabled: true }, admin)).body,
    ).toMatchObject({ disabled: true });
    expect(await both('POST', route, applicant.token, projectBody(competition.heatId))).toEqual([
      401, 401,
    ]);
    expect(
      (
        await stack.post('/auth/login', {
          email: applicant.email,
          password: 'Roadshow-Applicant-2026!',
        })
      ).status,
    ).toBe(401);
    const [{ n }] = await stack.sql(`SELECT count(*)::int AS n FROM projects WHERE owner_id = $1`, [
      applicant.id,
    ]);
    expect(n).toBe(0);

    // Enabled again: a new login works, the old token stays revoked.
    await stack.patch(`/users/${applicant.id}`, { disabled: false }, admin);
    const again = await stack.login(applicant.email, 'Roadshow-Applicant-2026!');
    expect(await both('GET', '/me', again)).toEqual([200, 200]);
    expect(await both('GET', '/me', applicant.token)).toEqual([401, 401]);
  });

  it('keeps an active admin, checks its input, and is for admins only', async () => {
    const organiser = await createOrganiser(stack);
    const [me] = await stack.sql(`SELECT id FROM users WHERE email = $1`, [ADMIN.email]);
    const others = await stack.sql(
      `SELECT id FROM users WHERE 'ADMIN' = ANY(roles) AND email <> $1`,
      [ADMIN.email],
    );
    for (const o of others) await stack.patch(`/users/${o.id}`, { disabled: true }, admin);
    const last = await stack.patch(`/users/${me.id}`, { roles: ['ORGANISER'] }, admin);
    expect(last.status).toBe(409);
    expect((await stack.patch(`/users/${me.id}`, { disabled: true }, admin)).status).toBe(409);
    expect((await stack.get('/me', admin)).status).toBe(200);

    expect((await stack.patch(`/users/${me.id}`, {}, admin)).status).toBe(400);
    const bad = await stack.patch(`/users/${me.id}`, { roles: ['KING'], disabled: 'yes' }, admin);
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(
      expect.arrayContaining(['disabled', 'roles']),
    );
    expect(
      (await stack.patch('/users/00000000-0000-4000-8000-000000000000', { disabled: true }, admin))
        .status,
    ).toBe(404);
    expect((await stack.patch(`/users/${me.id}`, { disabled: true }, organiser.token)).status).toBe(
      403,
    );
  });

  it('lists users: everyone for an admin, an organiser’s own judges for an organiser', async () => {
    const organiser = await createOrganiser(stack);
    const rival = await createOrganiser(stack, '别的园区');
    const judge = async (by: string, name: string) => {
      const email = uniqueEmail('judge');
      const res = await stack.post(
        '/users',
        { email, name, roles: ['JUDGE'], password: 'Roadshow-Judge-2026!' },
        by,
      );
      return res.body.user.id as string;
    };
    const mine = await judge(organiser.token, '我的评委');
    const theirs = await judge(rival.token, '别人的评委');
    const pooled = await judge(admin, '库里的评委');
    const competition = await createCompetition(stack, organiser);
    const round = await stack.post(
      `/heats/${competition.heatId}/rounds`,
      { name: '初评', kind: 'EXPERT_REVIEW', rubricId: competition.rubricId, method: 'MEAN' },
      organiser.token,
    );
    await stack.post(`/rounds/${round.body.id}/judges`, { judgeIds: [pooled] }, organiser.token);

    const seen = await stack.get('/users?pageSize=200', organiser.token);
    expect(seen.status).toBe(200);
    const ids = (seen.body.items as { id: string }[]).map((u) => u.id);
    expect(ids.sort()).toEqual([mine, pooled].sort());
    expect(ids).not.toContain(theirs);

    const all = await stack.get('/users?role=JUDGE&pageSize=200', admin);
    expect((all.body.items as { id: string }[]).map((u) => u.id)).toEqual(
      expect.arrayContaining([mine, theirs, pooled]),
    );
    const found = await stack.get(`/users?q=${encodeURIComponent('别人的')}`, admin);
    expect(found.body.items.map((u: { id: string }) => u.id)).toEqual([theirs]);
    const applicant = await signUpApplicant(stack);
    expect((await stack.get('/users', applicant.token)).status).toBe(403);
  });

  // Setting a password (a reset or an invitation) ends what came before it.
  const linksIn = (email: string) =>
    stack.smtp
      .to(email)
      .map((m) => /token=([^\s&]+)/.exec(m.text)?.[1])
      .filter((t): t is string => !!t)
      .map(decodeURIComponent);
  const nthLink = (email: string, n: number) =>
    waitFor(`${n} link mail(s) to ${email}`, () => {
      const all = linksIn(email);
      return all.length >= n && all[n - 1];
    });
  const setPassword = async (token: string, password: string) =>
    (await stack.post('/auth/password', { token, password })).status;

  it('a password reset ends every earlier session on every process, and every other link', async () => {
    const user = await signUpApplicant(stack);
    const stolen = await stack.login(user.email, 'Roadshow-Applicant-2026!');
    expect(await both('GET', '/me', stolen)).toEqual([200, 200]);
    // Two reset mails; the first link is used, the second stops working with it.
    for (const n of [1, 2]) {
      expect((await stack.post('/auth/password/forgot', { email: user.email })).status).toBe(202);
      await nthLink(user.email, n);
    }
    const [first, second] = linksIn(user.email);
    expect(await setPassword(first, 'Fresh-Roadshow-Pass-2026')).toBe(200);
    // The other process learns of the change by PostgreSQL NOTIFY as it
    // commits; on a loaded machine that can trail the answer by a moment.
    await waitFor('the stolen session refused on both processes', async () => {
      const statuses = await both('GET', '/me', stolen);
      return statuses.every((s) => s === 401);
    });
    expect(await setPassword(second, 'Thief-Roadshow-Pass-2026')).toBe(404);
    expect(
      (await stack.post('/auth/login', { email: user.email, password: 'Fresh-Roadshow-Pass-2026' }))
        .status,
    ).toBe(200);
    expect(
      (await stack.post('/auth/login', { email: user.email, password: 'Roadshow-Applicant-2026!' }))
        .status,
    ).toBe(401);
  });

  it('an invitation link stops working once a password is set, through a reset or the link itself', async () => {
    const organiser = await createOrganiser(stack);
    const email = uniqueEmail('invited');
    const created = await stack.post(
      '/users',
      { email, name: '评委 钱伟', roles: ['JUDGE'] },
      organiser.token,
    );
    expect(created.status).toBe(201);
    const invitation = await nthLink(email, 1);
    // The judge forgets the invitation and resets instead; the week-old link is then dead.
    expect((await stack.post('/auth/password/forgot', { email })).status).toBe(202);
    const reset = await nthLink(email, 2);
    expect(await setPassword(reset, 'Judge-Own-Choice-2026')).toBe(200);
    expect(await setPassword(invitation, 'Overwritten-By-Link-2026')).toBe(404);
    expect(
      (await stack.post('/auth/login', { email, password: 'Judge-Own-Choice-2026' })).status,
    ).toBe(200);
    const [row] = await stack.sql(
      `SELECT count(*)::int AS unused FROM invitations i JOIN users u ON u.id = i.user_id
        WHERE u.email = $1 AND i.used_at IS NULL AND i.expires_at > now()`,
      [email],
    );
    expect(row.unused).toBe(0);
  });

  it('mails no reset link to a disabled account, and answers it as any other address', async () => {
    const user = await signUpApplicant(stack);
    await stack.drained();
    const before = stack.smtp.to(user.email).length;
    expect(
      (await on(stack.apiUrl, 'PATCH', `/users/${user.id}`, admin, { disabled: true })).status,
    ).toBe(200);
    const disabled = await stack.post('/auth/password/forgot', { email: user.email });
    const unknown = await stack.post('/auth/password/forgot', { email: uniqueEmail('nobody') });
    expect(disabled).toEqual(unknown);
    expect(disabled.status).toBe(202);
    // The request is worked on after the answer: wait until its transaction is done.
    const active = await signUpApplicant(stack);
    expect((await stack.post('/auth/password/forgot', { email: active.email })).status).toBe(202);
    await nthLink(active.email, 1);
    await stack.drained();
    expect(stack.smtp.to(user.email)).toHaveLength(before);
    const [row] = await stack.sql(
      `SELECT count(*)::int AS n FROM invitations WHERE user_id = $1 AND purpose = 'RESET'`,
      [user.id],
    );
    expect(row.n).toBe(0);
  });
});
