import { ADMIN, Stack } from './support/stack';
import { fromAddress } from './support/from-address';
import { createOrganiser, signUpApplicant, uniqueEmail } from './support/scenario';

const LIMITS = {
  RATE_LIMIT_MAX: '30',
  RATE_LIMIT_WINDOW_MS: '60000',
  AUTH_RATE_LIMIT_IP_MAX: '12',
  AUTH_RATE_LIMIT_IP_WINDOW_MS: '600000',
  AUTH_RATE_LIMIT_ACCOUNT_MAX: '5',
  AUTH_RATE_LIMIT_ACCOUNT_WINDOW_MS: '900000',
};

// Tight limits, counted in Redis. Each test plays its attacker from its own
// loopback address (127.0.0.x), so the tests do not share counters.
describe('rate limits', () => {
  const stack = new Stack({ env: LIMITS });
  const url = (route: string) => `${stack.apiUrl}${route}`;

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('stops a login brute force with 429 and Retry-After, per account, whatever the address', async () => {
    const victim = await signUpApplicant(stack);
    const statuses: number[] = [];
    let retryAfter: string | string[] | undefined;
    for (let i = 0; i < 8; i++) {
      const res = await fromAddress('127.0.0.11', url('/auth/login'), {
        method: 'POST',
        body: { email: victim.email, password: `wrong-guess-${i}` },
      });
      statuses.push(res.status);
      if (res.status === 429) {
        retryAfter = res.headers['retry-after'];
        expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      }
    }
    // The account's signup and first login counted too: 3 guesses, then 429.
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(900);
    // The right password, even from another address, waits out the window too.
    const right = await fromAddress('127.0.0.12', url('/auth/login'), {
      method: 'POST',
      body: { email: victim.email, password: 'Roadshow-Applicant-2026!' },
    });
    expect(right.status).toBe(429);
    // Another account is not locked by it.
    expect(
      (await stack.post('/auth/login', { email: ADMIN.email, password: ADMIN.password })).status,
    ).toBe(200);
  });

  it('limits signups and invitation-token guesses per IP', async () => {
    const signups: number[] = [];
    for (let i = 0; i < 14; i++) {
      const res = await fromAddress('127.0.0.13', url('/auth/signup'), {
        method: 'POST',
        body: { email: uniqueEmail('flood'), password: 'Roadshow-Applicant-2026!', name: '灌水' },
      });
      signups.push(res.status);
    }
    expect(signups.filter((s) => s === 201)).toHaveLength(12);
    expect(signups.slice(12)).toEqual([429, 429]);
    await stack.drained();
    const [{ n }] = await stack.sql(
      `SELECT count(*)::int AS n FROM notifications WHERE recipient LIKE 'flood.%'`,
    );
    expect(n).toBe(12);

    const guesses: number[] = [];
    for (let i = 0; i < 14; i++) {
      const res = await fromAddress('127.0.0.14', url('/auth/password'), {
        method: 'POST',
        body: { token: `guessed-token-${i}-${'x'.repeat(24)}`, password: 'Roadshow-Judge-2026!' },
      });
      guesses.push(res.status);
    }
    expect(guesses.slice(0, 12).every((s) => s === 404)).toBe(true);
    expect(guesses.slice(12)).toEqual([429, 429]);
  });

  it('limits new invitations per invited account, whatever the body says', async () => {
    const organiser = await createOrganiser(stack);
    const invite = async () => {
      const res = await stack.post(
        '/users',
        { email: uniqueEmail('pending'), name: '评委 待接受', roles: ['JUDGE'] },
        organiser.token,
      );
      return res.body.user.id as string;
    };
    const [judge, other] = [await invite(), await invite()];
    const resend = (id: string, body: unknown = {}) =>
      fromAddress('127.0.0.31', url(`/users/${id}/invitation`), {
        method: 'POST',
        body,
        token: organiser.token,
      });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await resend(judge)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    // Another address in the body is not another account: the path names it.
    expect((await resend(judge, { email: uniqueEmail('dodge') })).status).toBe(429);
    // Another judge's invitation is counted apart.
    expect((await resend(other)).status).toBe(201);
    await stack.drained();
    const [{ n }] = await stack.sql(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'user.invitation-resent' AND entity_id = $1`,
      [judge],
    );
    expect(n).toBe(5);
  });

  it('lets a judge score while a client floods from another address, or from the judge’s own NAT address', async () => {
    const organiser = await createOrganiser(stack);
    const email = uniqueEmail('judge');
    await stack.post(
      '/users',
      { email, name: '评委 赵敏', roles: ['JUDGE'], password: 'Roadshow-Judge-2026!' },
      organiser.token,
    );
    const judge = { token: await stack.login(email, 'Roadshow-Judge-2026!') };
    const flooder: number[] = [];
    const judgeOnOtherAddress: number[] = [];
    const judgeBehindSameNat: number[] = [];
    for (let i = 0; i < 48; i++) {
      const [f, a, b] = await Promise.all([
        fromAddress('127.0.0.21', url('/health')),
        i % 4 === 0
          ? fromAddress('127.0.0.22', url('/judge/assignments'), { token: judge.token })
          : null,
        i % 4 === 2
          ? fromAddress('127.0.0.21', url('/judge/assignments'), { token: judge.token })
          : null,
      ]);
      flooder.push(f.status);
      if (a) judgeOnOtherAddress.push(a.status);
      if (b) judgeBehindSameNat.push(b.status);
    }
    expect(flooder.filter((s) => s === 200)).toHaveLength(30);
    expect(flooder.filter((s) => s === 429)).toHaveLength(18);
    expect(judgeOnOtherAddress.every((s) => s === 200)).toBe(true);
    expect(judgeBehindSameNat.every((s) => s === 200)).toBe(true);
    expect(judgeOnOtherAddress.length + judgeBehindSameNat.length).toBe(24);
  });
});
