import { ADMIN, Stack, waitFor } from './support/stack';
import { upload } from './support/upload';
import {
  AUTHZ_MATRIX,
  FIXTURE_FORM,
  FIXTURE_PDF,
  FIXTURE_SCORES,
  Fixture,
  MatrixEntry,
  ROLES,
  Role,
  projectBody,
} from './support/authz-table';
import { registeredRoutes } from './support/routes';
import {
  createCompetition,
  createOrganiser,
  signUpApplicant,
  uniqueEmail,
} from './support/scenario';

// Every route with an id, for every role and ownership, against the built
// api: the expected statuses live in tests/support/authz-table.ts, the routes
// come from the api's router, so a route nobody listed fails here.
describe('authorization matrix', () => {
  const stack = new Stack();
  const tokens = {} as Record<Exclude<Role, 'anon'>, string>;
  const judgeIds = {} as { assigned: string; confl: string; pool: string; out: string };
  let shared: Fixture;
  let organiserIds: { own: string; rival: string };

  const withId = registeredRoutes()
    .filter((r) => r.path.includes('/:'))
    .map((r) => `${r.method} ${r.path}`);

  async function fixture(withImport = false): Promise<Fixture> {
    const organiser = tokens.org;
    const competition = await createCompetition(stack, { token: organiser, id: '', email: '' });
    const must = async (res: Promise<{ status: number; body: any }>, what: string) => {
      const r = await res;
      if (r.status >= 300)
        throw new Error(`fixture ${what}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const project = await must(
      stack.post(
        `/competitions/${competition.id}/projects`,
        projectBody(competition.heatId),
        tokens.owner,
      ),
      'project',
    );
    // A form with a BP field, and the BP, stored before the round opens (a
    // judge sees the version current at the opening).
    await stack.sql(
      `INSERT INTO registration_forms (competition_id, definition, updated_by) VALUES ($1, $2, gen_random_uuid())`,
      [competition.id, JSON.stringify(FIXTURE_FORM)],
    );
    const file = await must(
      upload(stack, `/projects/${project.id}/files?field=bp`, 'bp.pdf', FIXTURE_PDF, tokens.owner),
      'file',
    );
    // A resumable upload under way (its chunks not sent yet).
    const resumable = await must(
      stack.post(
        `/projects/${project.id}/uploads`,
        { field: 'bp', name: 'bp.pdf', size: FIXTURE_PDF.length },
        tokens.owner,
      ),
      'upload',
    );
    await must(stack.post(`/projects/${project.id}/submit`, {}, tokens.owner), 'submit');
    await must(
      stack.post(`/projects/${project.id}/review`, { decision: 'ELIGIBLE' }, organiser),
      'review',
    );
    const round = await must(
      stack.post(
        `/heats/${competition.heatId}/rounds`,
        { name: '初评', kind: 'EXPERT_REVIEW', rubricId: competition.rubricId, method: 'MEAN' },
        organiser,
      ),
      'round',
    );
    await must(
      stack.post(
        `/rounds/${round.id}/judges`,
        { judgeIds: [judgeIds.assigned, judgeIds.confl, judgeIds.pool] },
        organiser,
      ),
      'pool',
    );
    await must(
      stack.post(
        `/rounds/${round.id}/conflicts`,
        { judgeId: judgeIds.confl, projectId: project.id, reason: '同门' },
        organiser,
      ),
      'conflict',
    );
    await must(
      stack.put(
        `/rounds/${round.id}/assignments/${project.id}/${judgeIds.assigned}`,
        {},
        organiser,
      ),
      'assign',
    );
    await must(stack.post(`/rounds/${round.id}/open`, {}, organiser), 'open');
    await must(
      stack.put(
        `/rounds/${round.id}/projects/${project.id}/score`,
        { scores: FIXTURE_SCORES, submit: true },
        tokens.judge,
      ),
      'score',
    );
    const signing = await must(
      stack.post(
        `/competitions/${competition.id}/signings`,
        { projectId: project.id, host: '江阴高新区' },
        organiser,
      ),
      'signing',
    );
    await must(stack.post(`/rounds/${round.id}/ranking/stream-ticket`, {}, organiser), 'ticket');
    const tickets = await must(
      stack.get(`/rounds/${round.id}/screen-tickets`, organiser),
      'tickets',
    );
    const user = await must(
      stack.post(
        '/users',
        { email: uniqueEmail('spare'), name: '备用评委', roles: ['JUDGE'] },
        tokens.admin,
      ),
      'user',
    );
    const notification = await waitFor('a mail of the competition', async () => {
      const [row] = await stack.sql(
        `SELECT id FROM notifications WHERE competition_id = $1 AND status <> 'PENDING' LIMIT 1`,
        [competition.id],
      );
      return row?.id as string | undefined;
    });
    const imported = withImport
      ? await must(
          upload(
            stack,
            `/competitions/${competition.id}/imports/judges`,
            'judges.csv',
            `姓名,邮箱,单位,电话\r\n孙悦,${uniqueEmail('imported')},江阴高新区管委会,0510-86861234\r\n`,
            organiser,
          ),
          'import',
        )
      : { id: '' };
    return {
      competition: competition.id,
      notification,
      import: imported.id,
      heat: competition.heatId,
      rubric: competition.rubricId,
      round: round.id,
      project: project.id,
      file: file.id,
      upload: resumable.id,
      signing: signing.id,
      screenTicket: tickets.items[0].id,
      user: user.user.id,
      organiser: organiserIds.own,
      spareOrganiser: organiserIds.rival,
      assignedJudge: judgeIds.assigned,
      poolJudge: judgeIds.pool,
      outJudge: judgeIds.out,
    };
  }

  async function call(route: string, entry: MatrixEntry, f: Fixture, role: Role): Promise<number> {
    const [method, template] = route.split(' ');
    const path = template.replace(/:(\w+)/g, (_, name: string) => f[entry.params[name]]);
    const token = role === 'anon' ? undefined : tokens[role];
    const url = `${path}${entry.query ? `?${entry.query}` : ''}`;
    if (entry.upload) {
      const form = new FormData();
      form.append('file', new Blob([Buffer.from(entry.upload.content)]), entry.upload.fileName);
      const res = await fetch(`${stack.apiUrl}${url}`, {
        method,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        body: form,
      });
      await res.arrayBuffer();
      return res.status;
    }
    if (!entry.stream) {
      const body = entry.body?.(f) ?? (method === 'GET' || method === 'DELETE' ? undefined : {});
      return (await stack.request(method, url, body, token)).status;
    }
    const abort = new AbortController();
    const res = await fetch(`${stack.apiUrl}${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: abort.signal,
    });
    abort.abort();
    return res.status;
  }

  beforeAll(async () => {
    await stack.start();
    tokens.admin = await stack.login(ADMIN.email, ADMIN.password);
    const organiser = await createOrganiser(stack);
    tokens.org = organiser.token;
    const rival = await createOrganiser(stack, '别的园区');
    tokens.otherOrg = rival.token;
    organiserIds = { own: organiser.id, rival: rival.id };
    await createCompetition(stack, rival); // it organises a competition, just not this one
    tokens.owner = (await signUpApplicant(stack, '项目负责人')).token;
    tokens.appl = (await signUpApplicant(stack, '别的申请人')).token;
    for (const [key, role] of [
      ['assigned', 'judge'],
      ['confl', 'conflJ'],
      ['out', 'outJudge'],
      ['pool', null],
    ] as const) {
      const email = uniqueEmail(`judge-${key}`);
      const res = await stack.post(
        '/users',
        { email, name: `评委 ${key}`, roles: ['JUDGE'], password: 'Roadshow-Judge-2026!' },
        tokens.admin,
      );
      judgeIds[key] = res.body.user.id;
      if (role) tokens[role] = await stack.login(email, 'Roadshow-Judge-2026!');
    }
    shared = await fixture(true);
  });
  afterAll(() => stack.stop());

  it('has one entry per route with an id, and no entry for a route that does not exist', () => {
    expect(withId.filter((r) => !(r in AUTHZ_MATRIX))).toEqual([]);
    expect(Object.keys(AUTHZ_MATRIX).filter((r) => !withId.includes(r))).toEqual([]);
  });

  it('answers every role on every route with an id as the table says', async () => {
    const wrong: string[] = [];
    let cells = 0;
    for (const [route, entry] of Object.entries(AUTHZ_MATRIX)) {
      if (!withId.includes(route)) continue;
      const mutating = !route.startsWith('GET ');
      for (const role of ROLES) {
        const expected = entry.expect[role];
        // A cell that may change the fixture gets its own; refusals share one.
        const own = mutating && expected >= 200 && expected < 300;
        const status = await call(route, entry, own ? await fixture() : shared, role);
        cells++;
        if (status !== expected) wrong.push(`${route} as ${role}: ${status}, expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(cells).toBe(withId.length * ROLES.length);
    console.log(
      `authorization matrix: ${withId.length} routes × ${ROLES.length} roles = ${cells} cells`,
    );
  });
});
