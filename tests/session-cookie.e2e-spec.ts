import { ADMIN, Stack } from './support/stack';
import { uniqueEmail } from './support/scenario';

// The web client's session: an HttpOnly, SameSite=Strict cookie set by login
// when asked with X-Requested-With, taken by the api beside bearer tokens;
// a change sent with only the cookie needs that header too (CSRF).
describe('the web session cookie', () => {
  // One proxy in front, so X-Forwarded-Proto can say the visitor came over HTTPS.
  const stack = new Stack({ env: { TRUST_PROXY: '1' } });
  const WEB = { 'x-requested-with': 'roadshow-web' };

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  const send = async (
    method: string,
    route: string,
    init: { body?: unknown; headers?: Record<string, string> } = {},
  ) => {
    const res = await fetch(`${stack.apiUrl}${route}`, {
      method,
      headers: {
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
        ...init.headers,
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return {
      status: res.status,
      cookie: res.headers.get('set-cookie'),
      body: text ? JSON.parse(text) : null,
    };
  };
  const loginAsAdmin = (headers: Record<string, string>) =>
    send('POST', '/auth/login', { body: ADMIN, headers });
  const sessionOf = (setCookie: string | null) => /^(rs_session=[^;]+)/.exec(setCookie ?? '')![1];

  it('is set by a login from the web client only, HttpOnly and SameSite=Strict, Secure over HTTPS', async () => {
    const apiClient = await loginAsAdmin({});
    expect(apiClient.status).toBe(200);
    expect(apiClient.cookie).toBeNull();
    expect(apiClient.body.accessToken).toEqual(expect.any(String));

    const web = await loginAsAdmin(WEB);
    expect(web.status).toBe(200);
    const attributes = web.cookie!.split(';').map((a) => a.trim());
    expect(attributes).toEqual(
      expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/api/v1']),
    );
    expect(attributes).not.toContain('Secure');
    const maxAge = Number(/Max-Age=(\d+)/.exec(web.cookie!)![1]);
    expect(maxAge).toBeGreaterThan(11 * 3600);
    expect(maxAge).toBeLessThanOrEqual(12 * 3600);

    const overHttps = await loginAsAdmin({ ...WEB, 'x-forwarded-proto': 'https' });
    expect(overHttps.cookie).toMatch(/; Secure/);
  });

  it('authenticates reads by the cookie alone, and changes only with the header', async () => {
    const cookie = sessionOf((await loginAsAdmin(WEB)).cookie);
    const me = await send('GET', '/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(ADMIN.email);

    const judge = { email: uniqueEmail('csrf'), name: '评委 跨站', roles: ['JUDGE'] };
    // What a forged cross-site form or a simple cross-site fetch could send: refused, nothing made.
    const forged = await send('POST', '/users', { body: judge, headers: { cookie } });
    expect(forged.status).toBe(403);
    expect(forged.body.message).toMatch(/x-requested-with/);
    expect(await stack.sql(`SELECT id FROM users WHERE email = $1`, [judge.email])).toHaveLength(0);

    const fromWeb = await send('POST', '/users', { body: judge, headers: { cookie, ...WEB } });
    expect(fromWeb.status).toBe(201);
  });

  it('does not fall back to the cookie when a bearer token is sent and refused', async () => {
    const cookie = sessionOf((await loginAsAdmin(WEB)).cookie);
    const res = await send('GET', '/me', { headers: { cookie, authorization: 'Bearer nonsense' } });
    expect(res.status).toBe(401);
  });

  it('is cleared by logging out, and revoked with the account like a bearer token', async () => {
    const email = uniqueEmail('web');
    const admin = await stack.login(ADMIN.email, ADMIN.password);
    const created = await stack.post(
      '/users',
      { email, name: '评委 网页', roles: ['JUDGE'], password: 'Roadshow-Judge-2026!' },
      admin,
    );
    const login = await send('POST', '/auth/login', {
      body: { email, password: 'Roadshow-Judge-2026!' },
      headers: WEB,
    });
    const cookie = sessionOf(login.cookie);
    expect((await send('GET', '/me', { headers: { cookie } })).status).toBe(200);

    const out = await send('POST', '/auth/logout', { headers: { cookie, ...WEB } });
    expect(out.status).toBe(204);
    expect(out.cookie).toMatch(
      /^rs_session=; Max-Age=0; Path=\/api\/v1; HttpOnly; SameSite=Strict/,
    );

    // A cookie kept from before is refused once the account is disabled.
    expect(
      (await stack.patch(`/users/${created.body.user.id}`, { disabled: true }, admin)).status,
    ).toBe(200);
    expect((await send('GET', '/me', { headers: { cookie } })).status).toBe(401);
  });
});
