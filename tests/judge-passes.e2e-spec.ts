import { createHash } from 'node:crypto';
import { zonedParts } from '@app/domain';
import { openRoadshow, RoadshowFixture } from './support/roadshow-scenario';
import { Stack } from './support/stack';

// Judges without passwords on the roadshow day (issue 20): a one-time QR per
// judge signs that judge in on one phone, until the day's end in the
// competition's time zone, onto the round's judge page; a second phone, an
// expired or a revoked QR is refused, and the session it signed ends with it.

/** A phone: a browser's cookie jar and the web client's header. */
class Phone {
  private readonly cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async request(method: string, path: string, body?: unknown) {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        'x-requested-with': 'XMLHttpRequest',
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(this.cookies.size && {
          cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (/Max-Age=0/.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    return {
      status: res.status,
      body: text ? JSON.parse(text) : null,
      setCookies: res.headers.getSetCookie(),
    };
  }
  setCookie(name: string, value: string) {
    this.cookies.set(name, value);
  }
  has(name: string) {
    return this.cookies.has(name);
  }
}

describe('one-time judge QR codes for the roadshow day', () => {
  let stack: Stack;
  let show: RoadshowFixture;
  let org: string;
  let issued: any;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    show = await openRoadshow(stack, 3, 3);
    org = show.organiser.token;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const url = (path = '') => `/rounds/${show.roundId}/judge-passes${path}`;
  const passOf = (judgeId: string) => issued.passes.find((p: any) => p.judgeId === judgeId);

  it("issues one QR per judge of the round, ending at midnight in the competition's zone", async () => {
    const res = await stack.post(url(), {}, org);
    expect(res.status).toBe(201);
    issued = res.body;
    expect(issued.passes).toHaveLength(3);
    expect(new Set(issued.passes.map((p: any) => p.judgeId))).toEqual(
      new Set(show.judges.map((j) => j.id)),
    );
    for (const p of issued.passes) {
      expect(p.path).toBe(`/pass#${p.token}`);
      expect(p.judgeName).toBeTruthy();
    }
    const competition = await stack.get(`/competitions/${show.competition.id}`, org);
    expect(issued.timeZone).toBe(competition.body.timeZone);
    const end = new Date(issued.expiresAt);
    const ahead = end.getTime() - Date.now();
    expect(ahead).toBeGreaterThan(0);
    expect(ahead).toBeLessThanOrEqual(24 * 3600e3);
    expect(zonedParts(end, issued.timeZone)).toMatchObject({ hour: 0, minute: 0, second: 0 });

    // Stored hashed: no row holds a token, and each hash is the token's SHA-256.
    const rows = await stack.sql(`SELECT * FROM sign_in_passes WHERE scope_id = $1`, [
      show.roundId,
    ]);
    expect(rows).toHaveLength(3);
    for (const p of issued.passes) {
      const row = rows.find((r) => r.id === p.passId)!;
      expect(row.token_hash).toBe(createHash('sha256').update(p.token).digest('hex'));
      expect(JSON.stringify(rows)).not.toContain(p.token);
    }
    // Only organisers: a judge of the round is refused.
    expect((await stack.post(url(), {}, show.judges[0].token)).status).toBe(403);
    expect((await stack.get(url(), show.judges[0].token)).status).toBe(403);
    // Only the round's judges.
    const outsider = await stack.post(url(), { judgeIds: [show.applicants[0].id] }, org);
    expect(outsider.status).toBe(422);
    expect(outsider.body.code).toBe('SIGN_IN_PASS_NOT_A_JUDGE');
  });

  it('signs a judge in on the first phone, onto the round, with the usual rights', async () => {
    const judge = show.judges[0];
    const phone = new Phone(stack.apiUrl);
    const signIn = await phone.request('POST', '/auth/pass', { token: passOf(judge.id).token });
    expect(signIn.status).toBe(200);
    expect(signIn.body.landingPath).toBe(`/judge/rounds/${show.roundId}`);
    expect(signIn.body.user).toMatchObject({ id: judge.id, roles: ['JUDGE'] });
    expect(new Date(signIn.body.expiresAt).getTime()).toBeLessThanOrEqual(
      new Date(issued.expiresAt).getTime(),
    );
    // The session cookie (HttpOnly) and the device cookie, kept to the pass route.
    const session = signIn.setCookies.find((c: string) => c.startsWith('rs_session='))!;
    expect(session).toMatch(/HttpOnly; SameSite=Strict/);
    const device = signIn.setCookies.find((c: string) => c.startsWith('rs_device='))!;
    expect(device).toMatch(/Path=\/api\/v1\/auth\/pass; HttpOnly; SameSite=Strict/);

    const me = await phone.request('GET', '/me');
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(judge.id);
    // The judge's round page and the timer: the judge's usual access.
    expect((await phone.request('GET', `/judge/rounds/${show.roundId}`)).status).toBe(200);
    expect((await phone.request('GET', `/rounds/${show.roundId}/timer`)).status).toBe(200);
    // And no more: the organisers' routes refuse it.
    expect((await phone.request('GET', `/rounds/${show.roundId}/check-ins`)).status).toBe(403);

    // The same phone again (a reload, the QR scanned twice): still fine.
    const again = await phone.request('POST', '/auth/pass', { token: passOf(judge.id).token });
    expect(again.status).toBe(200);

    const list = await stack.get(url(), org);
    const row = list.body.passes.find((p: any) => p.passId === passOf(judge.id).passId);
    expect(row).toMatchObject({ status: 'BOUND', judgeName: passOf(judge.id).judgeName });
    expect(row.boundAt).toBeTruthy();
    expect(JSON.stringify(list.body)).not.toContain(passOf(judge.id).token);
  });

  it('refuses the QR on a second phone, and an unknown token', async () => {
    const judge = show.judges[0];
    const other = new Phone(stack.apiUrl);
    const second = await other.request('POST', '/auth/pass', { token: passOf(judge.id).token });
    expect(second.status).toBe(403);
    expect(second.body.code).toBe('SIGN_IN_PASS_BOUND_ELSEWHERE');
    expect(other.has('rs_session')).toBe(false);
    // A made-up device secret does no better.
    other.setCookie('rs_device', 'forged-device-secret-0123456789');
    const forged = await other.request('POST', '/auth/pass', { token: passOf(judge.id).token });
    expect(forged.status).toBe(403);
    expect(forged.body.code).toBe('SIGN_IN_PASS_BOUND_ELSEWHERE');

    const unknown = await other.request('POST', '/auth/pass', { token: 'x'.repeat(43) });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('SIGN_IN_PASS_INVALID');
  });

  it('an expired QR is refused, and the session it signed ends with its day', async () => {
    const judge = show.judges[1];
    const phone = new Phone(stack.apiUrl);
    expect(
      (await phone.request('POST', '/auth/pass', { token: passOf(judge.id).token })).status,
    ).toBe(200);
    expect((await phone.request('GET', '/me')).status).toBe(200);
    await stack.sql(
      `UPDATE sign_in_passes SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [passOf(judge.id).passId],
    );
    const me = await phone.request('GET', '/me');
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('SESSION_REVOKED');
    const again = await phone.request('POST', '/auth/pass', { token: passOf(judge.id).token });
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('SIGN_IN_PASS_EXPIRED');
    const list = await stack.get(url(), org);
    expect(list.body.passes.find((p: any) => p.judgeId === judge.id).status).toBe('EXPIRED');
  });

  it('a revoked QR is refused and its phone is signed out at once (audited); the password session is not touched', async () => {
    const judge = show.judges[0];
    const phone = new Phone(stack.apiUrl);
    // The bound phone: its device cookie comes from a fresh sign-in is impossible
    // (bound), so re-bind a fresh pass for this judge first.
    const reissued = await stack.post(url(), { judgeIds: [judge.id] }, org);
    expect(reissued.status).toBe(201);
    const fresh = reissued.body.passes[0];
    // The bound pass stays (its phone keeps working); only unused ones are replaced.
    const before = await stack.get(url(), org);
    expect(before.body.passes.find((p: any) => p.passId === passOf(judge.id).passId).status).toBe(
      'BOUND',
    );
    expect((await phone.request('POST', '/auth/pass', { token: fresh.token })).status).toBe(200);
    expect((await phone.request('GET', '/me')).status).toBe(200);

    const revoked = await stack.post(url(`/${fresh.passId}/revoke`), {}, org);
    expect(revoked.status).toBe(200);
    expect(revoked.body.passes.find((p: any) => p.passId === fresh.passId).status).toBe('REVOKED');

    const me = await phone.request('GET', '/me');
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('SESSION_REVOKED');
    const again = await phone.request('POST', '/auth/pass', { token: fresh.token });
    expect(again.status).toBe(403);
    expect(again.body.code).toBe('SIGN_IN_PASS_REVOKED');
    // The judge's own password session is another session: untouched.
    expect((await stack.get('/me', judge.token)).status).toBe(200);

    // Another competition's organiser cannot see or revoke it.
    const audit = await stack.get(`/competitions/${show.competition.id}/audit`, org);
    const rows = (audit.body.items ?? audit.body).filter((e: any) =>
      ['round.judge-pass-revoked', 'round.judge-passes-issued'].includes(e.action),
    );
    expect(rows.map((r: any) => r.action)).toEqual(
      expect.arrayContaining(['round.judge-pass-revoked', 'round.judge-passes-issued']),
    );
    expect(JSON.stringify(audit.body)).not.toContain(fresh.token);
    // Unknown pass of the round: 404.
    const unknown = await stack.post(url(`/${show.roundId}/revoke`), {}, org);
    expect(unknown.status).toBe(404);
  });

  it('never logs a token', async () => {
    const output = stack.output();
    for (const p of issued.passes) expect(output).not.toContain(p.token);
  });
});
