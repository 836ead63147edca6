import { loadConfig } from '../libs/config/src/app-config';
import { fromAddress } from './support/from-address';
import { Stack } from './support/stack';
import { uniqueEmail } from './support/scenario';

// The api as docker-compose runs it: behind one proxy (TRUST_PROXY=1), with
// the shipped credential limits (the defaults, read from the config itself).
// The test plays the proxy: it connects from 127.0.0.61 and names the client
// in X-Forwarded-For, the last entry being the address the proxy saw.
const defaults = loadConfig({
  DATABASE_URL: 'postgresql://x@127.0.0.1/x',
  REDIS_URL: 'redis://127.0.0.1',
  JWT_SECRET: 'a-secret-of-sixteen+',
});
const PROXY = '127.0.0.61';

jest.setTimeout(600000);

describe('rate limits behind the compose proxy', () => {
  const stack = new Stack({
    env: {
      TRUST_PROXY: '1',
      AUTH_RATE_LIMIT_IP_MAX: String(defaults.AUTH_RATE_LIMIT_IP_MAX),
      AUTH_RATE_LIMIT_IP_WINDOW_MS: String(defaults.AUTH_RATE_LIMIT_IP_WINDOW_MS),
      LOGIN_FAILURES_MAX: String(defaults.LOGIN_FAILURES_MAX),
      LOGIN_FAILURES_ACCOUNT_MAX: String(defaults.LOGIN_FAILURES_ACCOUNT_MAX),
      LOGIN_FAILURES_WINDOW_MS: String(defaults.LOGIN_FAILURES_WINDOW_MS),
    },
  });
  const url = (route: string) => `${stack.apiUrl}${route}`;
  const viaProxy = (forwardedFor: string, route: string, body: unknown) =>
    fromAddress(PROXY, url(route), {
      method: 'POST',
      body,
      headers: { 'x-forwarded-for': forwardedFor },
    });

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('lets a registration rush of 300 signups from one campus address through, and still refuses a flood from it', async () => {
    // The shipped limit admits 300 signups and their first logins within its window.
    expect(defaults.AUTH_RATE_LIMIT_IP_WINDOW_MS).toBeLessThanOrEqual(3600000);
    expect(defaults.AUTH_RATE_LIMIT_IP_MAX).toBeGreaterThanOrEqual(600);
    const campus = '10.8.0.1';
    // A rush comes all at once: eight at a time.
    const signups = await inParallel(300, 8, (i) =>
      viaProxy(campus, '/auth/signup', {
        email: uniqueEmail('rush'),
        password: 'Roadshow-Applicant-2026!',
        name: `报名者 ${i}`,
      }),
    );
    expect(count(signups, 201)).toBe(300);
    // A flood from the same address: the rest of the limit answers, then 429.
    // (Malformed logins: each counts, none costs a password hash.)
    const rest = defaults.AUTH_RATE_LIMIT_IP_MAX - 300;
    const flood = await inParallel(rest + 5, 8, () =>
      viaProxy(campus, '/auth/login', { email: 'not-an-address' }),
    );
    expect(count(flood, 400)).toBe(rest);
    expect(count(flood, 429)).toBe(5);
    // Another client behind the same proxy has its own bucket.
    const other = await viaProxy('10.9.0.2', '/auth/login', { email: 'not-an-address' });
    expect(other.status).toBe(400);
  });

  it('keys on the address the proxy saw, not on an X-Forwarded-For the client forged', async () => {
    const email = uniqueEmail('guessed');
    const signup = await viaProxy('10.8.0.76', '/auth/signup', {
      email,
      password: 'Roadshow-Applicant-2026!',
      name: '被猜者',
    });
    expect(signup.status).toBe(201);
    const client = '10.8.0.77';
    const statuses: number[] = [];
    // Wrong passwords for one account, counted per (account, address). The
    // client prepends a new forged address each time; the proxy appends the real one.
    for (let i = 0; i < defaults.LOGIN_FAILURES_MAX + 2; i++) {
      const res = await viaProxy(`203.0.113.${i}, ${client}`, '/auth/login', {
        email,
        password: `forged-guess-${i}`,
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(defaults.LOGIN_FAILURES_MAX).fill(401), 429, 429]);
    // A forged address alone (what a client sends straight to the api port) is
    // the client's own address to the proxy too: still the same bucket.
    const forged = await viaProxy(client, '/auth/login', { email, password: 'another-guess' });
    expect(forged.status).toBe(429);
  });
});

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

// `n` requests, `width` at a time; their statuses.
async function inParallel(
  n: number,
  width: number,
  send: (i: number) => Promise<{ status: number }>,
): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) statuses.push((await send(next++)).status);
    }),
  );
  return statuses;
}
