import { ADMIN, Stack, waitFor } from './support/stack';
import {
  Organiser,
  createCompetition,
  createOrganiser,
  signUpApplicant,
  uniqueEmail,
} from './support/scenario';

// Where each invited judge stands (GET /users: PENDING, ACCEPTED, EXPIRED) and
// a new invitation for one that expired (POST /users/:id/invitation).
describe('invitations: their state and a new one', () => {
  const stack = new Stack();
  let organiser: Organiser;

  beforeAll(async () => {
    await stack.start();
    organiser = await createOrganiser(stack);
  });
  afterAll(() => stack.stop());

  const invite = async (name: string, by = organiser.token, password?: string) => {
    const email = uniqueEmail('invited');
    const res = await stack.post('/users', { email, name, roles: ['JUDGE'], password }, by);
    expect(res.status).toBe(201);
    return { id: res.body.user.id as string, email };
  };
  const listed = async (id: string, token = organiser.token) => {
    const res = await stack.get('/users?role=JUDGE&pageSize=200', token);
    expect(res.status).toBe(200);
    return (res.body.items as { id: string }[]).find((u) => u.id === id) as any;
  };
  const tokensIn = (email: string) =>
    stack.smtp.to(email).map((m) => decodeURIComponent(/token=([^\s&]+)/.exec(m.text)![1]));
  // The tokens of the first n invitation mails to the address, once they arrived.
  const tokens = (email: string, n: number) =>
    waitFor(`${n} invitation mail(s) to ${email}`, () => {
      const all = tokensIn(email);
      return all.length >= n && all;
    });

  it('lists a new judge as invited (pending), with when it was sent and when it runs out', async () => {
    const before = Date.now();
    const judge = await invite('评委 孙悦');
    const item = await listed(judge.id);
    expect(item).toMatchObject({ passwordSet: false, invitation: { status: 'PENDING' } });
    expect(Date.parse(item.invitation.sentAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(item.invitation.expiresAt) - Date.parse(item.invitation.sentAt)).toBe(
      7 * 24 * 3600 * 1000,
    );
    expect(item.invitation.acceptedAt).toBeNull();
    expect(item).not.toHaveProperty('passwordHash');
  });

  it('lists accepted once the judge sets a password, and no invitation for one created with a password', async () => {
    const judge = await invite('评委 周敏');
    const [token] = await tokens(judge.email, 1);
    expect(
      (await stack.post('/auth/password', { token, password: 'Roadshow-Judge-2026!' })).status,
    ).toBe(200);
    const item = await listed(judge.id);
    expect(item).toMatchObject({ passwordSet: true, invitation: { status: 'ACCEPTED' } });
    expect(item.invitation.acceptedAt).toEqual(expect.any(String));
    // An accepted invitation is not sent again: a forgotten password is reset instead.
    const again = await stack.post(`/users/${judge.id}/invitation`, {}, organiser.token);
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/already set its password/);

    const direct = await invite('评委 吴刚', organiser.token, 'Roadshow-Judge-2026!');
    expect(await listed(direct.id)).toMatchObject({ passwordSet: true, invitation: null });
  });

  it('lists an unused invitation past its time as expired; a new one works and the old link no longer does', async () => {
    const judge = await invite('评委 郑洁');
    const [oldToken] = await tokens(judge.email, 1);
    // Seven days pass.
    await stack.sql(
      `UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE user_id = $1`,
      [judge.id],
    );
    expect((await listed(judge.id)).invitation.status).toBe('EXPIRED');
    expect(
      (await stack.post('/auth/password', { token: oldToken, password: 'Roadshow-Judge-2026!' }))
        .status,
    ).toBe(404);

    const resent = await stack.post(`/users/${judge.id}/invitation`, {}, organiser.token);
    expect(resent.status).toBe(201);
    expect(resent.body).toMatchObject({
      id: judge.id,
      passwordSet: false,
      invitation: { status: 'PENDING', acceptedAt: null },
    });
    expect((await listed(judge.id)).invitation.status).toBe('PENDING');
    const [, newToken] = await tokens(judge.email, 2);
    expect(newToken).not.toBe(oldToken);
    expect(stack.smtp.to(judge.email)[1].subject).toBe(stack.smtp.to(judge.email)[0].subject);

    const [audit] = await stack.sql(
      `SELECT actor_id, data FROM audit_log WHERE action = 'user.invitation-resent' AND entity_id = $1`,
      [judge.id],
    );
    expect(audit).toMatchObject({ actor_id: organiser.id, data: { email: judge.email } });

    expect(
      (await stack.post('/auth/password', { token: newToken, password: 'Roadshow-Judge-2026!' }))
        .status,
    ).toBe(200);
    expect((await listed(judge.id)).invitation.status).toBe('ACCEPTED');
  });

  it('only the newest of several invitations works', async () => {
    const judge = await invite('评委 冯涛');
    // Each mail is awaited before the next request, so the mails arrive in order.
    for (const n of [1, 2]) {
      await tokens(judge.email, n);
      const res = await stack.post(`/users/${judge.id}/invitation`, {}, organiser.token);
      expect(res.status).toBe(201);
    }
    const [first, second, third] = await tokens(judge.email, 3);
    const use = async (token: string) =>
      (await stack.post('/auth/password', { token, password: 'Roadshow-Judge-2026!' })).status;
    expect([await use(first), await use(second), await use(third)]).toEqual([404, 404, 200]);
  });

  it('is for the organiser’s own judges: another organiser gets 404, a judge 403, a disabled account 409', async () => {
    const judge = await invite('评委 陈晨');
    const rival = await createOrganiser(stack, '别的园区');
    await createCompetition(stack, rival);
    expect((await stack.post(`/users/${judge.id}/invitation`, {}, rival.token)).status).toBe(404);
    expect(
      (
        await stack.post(
          '/users/00000000-0000-4000-8000-000000000000/invitation',
          {},
          organiser.token,
        )
      ).status,
    ).toBe(404);
    const bad = await stack.post('/users/not-a-uuid/invitation', {}, organiser.token);
    expect(bad.status).toBe(400);

    const admin = await stack.login(ADMIN.email, ADMIN.password);
    expect((await stack.patch(`/users/${judge.id}`, { disabled: true }, admin)).status).toBe(200);
    const disabled = await stack.post(`/users/${judge.id}/invitation`, {}, admin);
    expect(disabled.status).toBe(409);
    expect(disabled.body.message).toMatch(/disabled/);
  });

  it('does not tell an organiser whether an address already has an account', async () => {
    const applicant = await signUpApplicant(stack, '另一赛事的申报人');
    await stack.drained();
    const mailsBefore = stack.smtp.to(applicant.email).length;
    const [accountBefore] = await stack.sql(`SELECT * FROM users WHERE id = $1`, [applicant.id]);
    const fresh = uniqueEmail('fresh');
    const asked = (email: string) =>
      stack.post('/users', { email, name: '评委 待定', roles: ['JUDGE'] }, organiser.token);
    const [forNew, forExisting] = [await asked(fresh), await asked(applicant.email)];
    // The same status and shape, built from what was sent.
    expect(forExisting.status).toBe(forNew.status);
    expect(Object.keys(forExisting.body.user).sort()).toEqual(Object.keys(forNew.body.user).sort());
    const { id: _newId, email: _newEmail, ...newRest } = forNew.body.user;
    const { id: _oldId, email: _oldEmail, ...existingRest } = forExisting.body.user;
    expect(existingRest).toEqual(newRest);
    // Nothing of the existing account changed and it was sent nothing.
    const [accountAfter] = await stack.sql(`SELECT * FROM users WHERE id = $1`, [applicant.id]);
    expect(accountAfter).toEqual(accountBefore);
    await stack.drained();
    expect(stack.smtp.to(applicant.email)).toHaveLength(mailsBefore);
    const [{ n }] = await stack.sql(
      `SELECT count(*)::int AS n FROM invitations WHERE user_id = $1`,
      [applicant.id],
    );
    expect(n).toBe(0);
    // A pool refuses that id as it refuses an unknown one.
    const competition = await createCompetition(stack, organiser);
    const round = await stack.post(
      `/heats/${competition.heatId}/rounds`,
      { name: '初评', kind: 'EXPERT_REVIEW', rubricId: competition.rubricId, method: 'MEAN' },
      organiser.token,
    );
    const pool = (id: string) =>
      stack.post(`/rounds/${round.body.id}/judges`, { judgeIds: [id] }, organiser.token);
    const [existingInPool, unknownInPool] = [
      await pool(forExisting.body.user.id),
      await pool('00000000-0000-4000-8000-000000000000'),
    ];
    expect(existingInPool.status).toBe(unknownInPool.status);
    expect(existingInPool.body.details[0].message.replace(forExisting.body.user.id, 'ID')).toBe(
      unknownInPool.body.details[0].message.replace('00000000-0000-4000-8000-000000000000', 'ID'),
    );
    // An admin, who sees every account anyway, is told.
    const admin = await stack.login(ADMIN.email, ADMIN.password);
    const byAdmin = await stack.post(
      '/users',
      { email: applicant.email, name: '评委 待定', roles: ['JUDGE'] },
      admin,
    );
    expect(byAdmin.status).toBe(409);
  });
});
