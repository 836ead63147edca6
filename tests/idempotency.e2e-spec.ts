import { databaseProxy } from './support/faults';
import { ADMIN, Stack } from './support/stack';
import {
  createCompetition,
  createOrganiser,
  projectBody,
  registerProject,
  signUpApplicant,
  uniqueEmail,
} from './support/scenario';

// The project create's INSERT, as the api sends it to PostgreSQL.
const PROJECT_INSERT = /INSERT INTO "public"\."projects"/;

// A client that lost the answer to a create retries with the same
// Idempotency-Key: it gets the first answer again, never a second object.
// The database is reached through a proxy that can lose the reply to a COMMIT.
describe('Idempotency-Key on creates', () => {
  const proxy = databaseProxy();
  let stack: Stack;

  beforeAll(async () => {
    await proxy.start();
    stack = new Stack({ databaseVia: (url) => proxy.url(url) });
    await stack.start();
  });
  afterAll(async () => {
    await stack.stop();
    await proxy.stop();
  });

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
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(other.body.details).toEqual([
      { field: 'Idempotency-Key', code: 'IDEMPOTENCY_KEY_REUSED', message: expect.any(String) },
    ]);

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
    for (const r of racing.filter((r) => r.status === 409))
      expect([
        'IDEMPOTENCY_KEY_IN_FLIGHT',
        'IDEMPOTENCY_KEY_RACE',
        'IDEMPOTENCY_KEY_TAKEN_OVER',
      ]).toContain(r.body.code);
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

    const badKey = await post(route, body, alice.token, 'bad key with spaces');
    expect({ status: badKey.status, code: badKey.body.code }).toEqual({
      status: 400,
      code: 'IDEMPOTENCY_KEY_INVALID',
    });
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

  async function projectsTitled(title: string) {
    return stack.sql<{ id: string }>(`SELECT id FROM projects WHERE title = $1`, [title]);
  }

  it('answers a retry with the first project when the connection was lost on its COMMIT', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const alice = await signUpApplicant(stack);
    const route = `/competitions/${competition.id}/projects`;
    const body = projectBody(competition.heatId, '连接断在提交之后的项目');

    // The project and its key commit; the api never hears back: 503.
    const lost = proxy.loseCommitReply(PROJECT_INSERT, 'drop');
    const first = await post(route, body, alice.token, 'lost-commit-1');
    await lost;
    expect(first.status).toBe(503);
    const committed = await projectsTitled(body.title);
    expect(committed).toHaveLength(1);

    const retry = await post(route, body, alice.token, 'lost-commit-1');
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(committed[0].id);
    expect(await projectsTitled(body.title)).toHaveLength(1);
  });

  it('answers a retry with the first project when the api died between commit and answer', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const alice = await signUpApplicant(stack);
    const route = `/competitions/${competition.id}/projects`;
    const body = projectBody(competition.heatId, '提交之后进程被杀的项目');

    const held = proxy.loseCommitReply(PROJECT_INSERT, 'hold');
    const first = post(route, body, alice.token, 'killed-1').catch(() => null);
    await held; // committed; the api waits for a reply that never comes
    await stack.killApi();
    expect(await first).toBeNull(); // no answer at all
    await stack.restartApi();
    const committed = await projectsTitled(body.title);
    expect(committed).toHaveLength(1);
    // As if the 60 s lock had run out before the client retried.
    await stack.sql(
      `UPDATE idempotency_keys SET locked_until = now() - interval '1 second' WHERE key = 'killed-1'`,
    );

    const retry = await post(route, body, alice.token, 'killed-1');
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(committed[0].id);
    expect(await projectsTitled(body.title)).toHaveLength(1);
  });

  it('replays a signing only while the caller still manages the competition', async () => {
    const creator = await createOrganiser(stack);
    const competition = await createCompetition(stack, creator);
    const coOrganiser = await createOrganiser(stack, '组委会 赵敏');
    const added = await stack.post(
      `/competitions/${competition.id}/organisers`,
      { userId: coOrganiser.id },
      creator.token,
    );
    expect(added.status).toBeLessThan(300);
    const applicant = await signUpApplicant(stack);
    const project = await registerProject(stack, applicant, competition.heatId, competition.id);
    const route = `/competitions/${competition.id}/signings`;
    const body = { projectId: project.id, host: '江阴高新区' };

    const first = await post(route, body, coOrganiser.token, 'signing-1');
    expect(first.status).toBe(201);
    expect(await post(route, body, coOrganiser.token, 'signing-1')).toEqual(first);

    const removed = await fetch(
      `${stack.apiUrl}/competitions/${competition.id}/organisers/${coOrganiser.id}`,
      { method: 'DELETE', headers: { authorization: `Bearer ${creator.token}` } },
    );
    expect(removed.status).toBe(200);
    const replay = await post(route, body, coOrganiser.token, 'signing-1');
    expect(replay.status).toBe(404);
    expect(JSON.stringify(replay.body)).not.toContain(first.body.id);
    const [{ n }] = await stack.sql(
      `SELECT count(*)::int AS n FROM signings WHERE project_id = $1`,
      [project.id],
    );
    expect(n).toBe(1);
  });
});
