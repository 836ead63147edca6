import { ADMIN, Stack } from './support/stack';
import {
  createCompetition,
  createOrganiser,
  projectBody,
  signUpApplicant,
  uniqueEmail,
} from './support/scenario';

// A client that lost the answer to a create retries with the same
// Idempotency-Key: it gets the first answer again, never a second object.
describe('Idempotency-Key on creates', () => {
  const stack = new Stack();

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  async function post(route: string, body: unknown, token: string, key?: string) {
    const res = await fetch(`${stack.apiUrl}${route}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        ...(key && { 'idempotency-key': key }),
      },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  it('answers a retried project create with the first result, per user and per body', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const [alice, bob] = await Promise.all([
      signUpApplicant(stack, '李娜'),
      signUpApplicant(stack, '王强'),
    ]);
    const route = `/competitions/${competition.id}/projects`;
    const body = projectBody(competition.heatId, '柔性电子皮肤传感器');

    const first = await post(route, body, alice.token, 'create-project-1');
    expect(first.status).toBe(201);
    const again = await post(route, { ...body }, alice.token, 'create-project-1');
    expect(again).toEqual(first);
    const reordered = await post(
      route,
      Object.fromEntries(Object.entries(body).reverse()),
      alice.token,
      'create-project-1',
    );
    expect(reordered.body.id).toBe(first.body.id);

    const other = await post(
      route,
      { ...body, title: '另一个项目' },
      alice.token,
      'create-project-1',
    );
    expect(other.status).toBe(422);
    expect(other.body.details).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);

    // Keys are per user: Bob's same key is his own create.
    const bobs = await post(route, body, bob.token, 'create-project-1');
    expect(bobs.status).toBe(201);
    expect(bobs.body.id).not.toBe(first.body.id);

    // Two at once with one key: one project.
    const racing = await Promise.all(
      [0, 1, 2].map(() =>
        post(route, { ...body, title: '并发项目' }, alice.token, 'create-project-2'),
      ),
    );
    expect(racing.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const [{ n }] = await stack.sql(
      `SELECT count(*)::int AS n FROM projects WHERE owner_id = $1 AND title = '并发项目'`,
      [alice.id],
    );
    expect(n).toBe(1);

    // A failed create keeps nothing: fixed and sent again with the key, it runs.
    const invalid = await post(route, { ...body, title: '' }, alice.token, 'create-project-3');
    expect(invalid.status).toBe(400);
    const fixed = await post(
      route,
      { ...body, title: '修正后的项目' },
      alice.token,
      'create-project-3',
    );
    expect(fixed.status).toBe(201);

    expect((await post(route, body, alice.token, 'bad key with spaces')).status).toBe(400);
    const [{ total }] = await stack.sql(
      `SELECT count(*)::int AS total FROM projects WHERE owner_id = $1`,
      [alice.id],
    );
    expect(total).toBe(3);
  });

  it('answers a retried user create with the same user', async () => {
    const admin = await stack.login(ADMIN.email, ADMIN.password);
    const body = {
      email: uniqueEmail('judge'),
      name: '评委 张伟',
      roles: ['JUDGE'],
      password: 'Roadshow-Judge-2026!',
    };
    const first = await post('/users', body, admin, 'user-1');
    expect(first.status).toBe(201);
    const again = await post('/users', body, admin, 'user-1');
    expect(again).toEqual(first);
    const without = await post('/users', body, admin);
    expect(without.status).toBe(409); // no key: the usual duplicate-email answer
  });
});
