import { ADMIN, Stack } from './support/stack';
import { fromAddress } from './support/from-address';
import { createOrganiser, signUpApplicant, uniqueEmail } from './support/scenario';

const LIMITS = {
  RATE_LIMIT_MAX: '30',
  RATE_LIMIT_WINDOW_MS: '60000',
  AUTH_RATE_LIMIT_IP_MAX: '20',
  AUTH_RATE_LIMIT_IP_WINDOW_MS: '600000',
  AUTH_RATE_LIMIT_ACCOUNT_MAX: '5',
  AUTH_RATE_LIMIT_ACCOUNT_WINDOW_MS: '900000',
  LOGIN_FAILURES_MAX: '3',
  LOGIN_FAILURES_ACCOUNT_MAX: '6',
  LOGIN_FAILURES_WINDOW_MS: '900000',
  PASSWORD_RESET_MAX: '3',
  PASSWORD_RESET_WINDOW_MS: '3600000',
};
const RIGHT = 'Roadshow-Applicant-2026!';

// Tight limits, counted in Redis. Each test plays its attacker from its own
// loopback address (127.0.0.x), so the tests do not share counters.
describe('rate limits', () => {
  const stack = new Stack({ env: LIMITS });
  const url = (route: string) => `${stack.apiUrl}${route}`;

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  const login = (address: string, email: string, password: string) =>
    fromAddress(address, url('/auth/login'), { method: 'POST', body: { email, password } });
  const statusesOf = async (n: number, attempt: (i: number) => Promise<{ status: number }>) => {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) statuses.push((await attempt(i)).status);
    return statuses;
  };

  it('stops a guesser at one address with 429 and Retry-After, while the owner elsewhere logs in', async () => {
    const victim = await signUpApplicant(stack);
    let retryAfter: string | string[] | undefined;
    const statuses = await statusesOf(6, async (i) => {
      const res = await login('127.0.0.11', victim.email, `wrong-guess-${i}`);
      if (res.status === 429) {
        retryAfter = res.headers['retry-after'];
        expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
      }
      return res;
    });
    // Three failures from this address, then 429 (the signup did not count).
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(900);
    // The guesser's address waits out the window, even with the right password…
    expect((await login('127.0.0.11', victim.email, RIGHT)).status).toBe(429);
    // …but the account is not locked: its owner, at another address, logs in.
    expect((await login('127.0.0.12', victim.email, RIGHT)).status).toBe(200);
    // Another account is not touched by it, from the guesser's address either.
    expect((await login('127.0.0.11', ADMIN.email, ADMIN.password)).status).toBe(200);
  });

  it('counts only failed logins: a user who logs in again and again is never refused, and a success clears its slips', async () => {
    const user = await signUpApplicant(stack);
    expect(await statusesOf(8, () => login('127.0.0.15', user.email, RIGHT))).toEqual(
      Array(8).fill(200),
    );
    // Two typos, a success, two more typos: never three failures in a row to count.
    const mixed = await statusesOf(5, (i) =>
      login('127.0.0.18', user.email, i === 2 ? RIGHT : `typo-${i}`),
    );
    expect(mixed).toEqual([401, 401, 200, 401, 401]);
    expect((await login('127.0.0.18', user.email, RIGHT)).status).toBe(200);
  });

  it('caps guesses at one account across addresses, refusing only addresses that failed on it', async () => {
    const victim = await signUpApplicant(stack);
    // Six addresses fail once each: the account's cap.
    const spread = await statusesOf(6, (i) =>
      login(`127.0.0.4${i}`, victim.email, `spread-guess-${i}`),
    );
    expect(spread).toEqual(Array(6).fill(401));
    // An address that failed on the account is now refused, the right password too…
    expect((await login('127.0.0.40', victim.email, 'spread-guess-again')).status).toBe(429);
    expect((await login('127.0.0.41', victim.email, RIGHT)).status).toBe(429);
    // …a new address gets one try and no second…
    expect((await login('127.0.0.47', victim.email, 'fresh-guess-1')).status).toBe(401);
    expect((await login('127.0.0.47', victim.email, 'fresh-guess-2')).status).toBe(429);
    // …and the owner, at an address that has not failed, logs in.
    expect((await login('127.0.0.48', victim.email, RIGHT)).status).toBe(200);
  });

  it('keeps password-reset requests in their own bucket: they never hold up a login', async () => {
    const victim = await signUpApplicant(stack);
    const forgot = await statusesOf(5, () =>
      fromAddress('127.0.0.16', url('/auth/password/forgot'), {
        method: 'POST',
        body: { email: victim.email },
      }),
    );
    expect(forgot).toEqual([202, 202, 202, 429, 429]);
    // An unknown address is limited the same way: the limit tells nothing.
    const unknown = uniqueEmail('nobody');
    const forUnknown = await statusesOf(4, () =>
      fromAddress('127.0.0.16', url('/auth/password/forgot'), {
        method: 'POST',
        body: { email: unknown },
      }),
    );
    expect(forUnknown).toEqual([202, 202, 202, 429]);
    expect((await login('127.0.0.16', victim.email, RIGHT)).status).toBe(200);
    expect((await login('127.0.0.17', victim.email, RIGHT)).status).toBe(200);
  });

  it('limits signups and invitation-token guesses per IP', async () => {
    const signups: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await fromAddress('127.0.0.13', url('/auth/signup'), {
        method: 'POST',
        body: { email: uniqueEmail('flood'), password: 'Roadshow-Applicant-2026!', name: '灌水' },
      });
      signups.push(res.status);
    }
    expect(signups.filter((s) => s === 201)).toHaveLength(20);
    expect(signups.slice(20)).toEqual([429, 429]);
    await stack.drained();
    const [{ n }] = await stack.sql(
      `SELECT count(*)::int AS n FROM notifications WHERE recipient LIKE 'flood.%'`,
    );
    expect(n).toBe(20);

    const guesses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await fromAddress('127.0.0.14', url('/auth/password'), {
        method: 'POST',
        body: { token: `guessed-token-${i}-${'x'.repeat(24)}`, password: 'Roadshow-Judge-2026!' },
      });
      guesses.push(res.status);
    }
    expect(guesses.slice(0, 20).every((s) => s === 404)).toBe(true);
    expect(guesses.slice(20)).toEqual([429, 429]);
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
