import { Stack } from './support/stack';
import {
  createCompetition,
  createOrganiser,
  type Organiser,
  registerProject,
  signUpApplicant,
} from './support/scenario';

// The small API additions the console stands on: deleting a competition made
// by mistake, an audit log that names who acted and on what, and a round
// that declares the pitch order it returns.
describe('console API: delete an empty competition, audit names, the round as declared', () => {
  const stack = new Stack();
  let organiser: Organiser;

  beforeAll(async () => {
    await stack.start();
    organiser = await createOrganiser(stack);
  });
  afterAll(() => stack.stop());

  it('deletes a competition nobody registered for, with its heats and rubric, and audits it', async () => {
    const competition = await createCompetition(stack, organiser);
    const gone = await stack.request(
      'DELETE',
      `/competitions/${competition.id}`,
      undefined,
      organiser.token,
    );
    expect(gone.status).toBe(200);
    expect(gone.body).toEqual({ id: competition.id, name: '第四届中国江阴（高新区）创新创业大赛' });
    expect((await stack.get(`/competitions/${competition.id}`, organiser.token)).status).toBe(404);
    const [{ heats }] = await stack.sql<{ heats: string }>(
      'SELECT count(*) AS heats FROM heats WHERE competition_id = $1',
      [competition.id],
    );
    expect(heats).toBe('0');
    const [audit] = await stack.sql<{ action: string; actor_id: string }>(
      'SELECT action, actor_id FROM audit_log WHERE entity_id = $1',
      [competition.id],
    );
    expect(audit).toEqual({ action: 'competition.deleted', actor_id: organiser.id });
  });

  it('refuses to delete a competition with a registration (409) and changes nothing', async () => {
    const competition = await createCompetition(stack, organiser);
    const applicant = await signUpApplicant(stack);
    await registerProject(stack, applicant, competition.heatId, competition.id);
    const refused = await stack.request(
      'DELETE',
      `/competitions/${competition.id}`,
      undefined,
      organiser.token,
    );
    expect(refused.status).toBe(409);
    expect((await stack.get(`/competitions/${competition.id}`, organiser.token)).status).toBe(200);
  });

  it("refuses another organiser's competition (404) and an applicant (403)", async () => {
    const competition = await createCompetition(stack, organiser);
    const other = await createOrganiser(stack, '组委会 李强');
    const applicant = await signUpApplicant(stack);
    const route = `/competitions/${competition.id}`;
    expect((await stack.request('DELETE', route, undefined, other.token)).status).toBe(404);
    expect((await stack.request('DELETE', route, undefined, applicant.token)).status).toBe(403);
    expect((await stack.get(route, organiser.token)).status).toBe(200);
  });

  it('names the actor and the object of each audit entry', async () => {
    const competition = await createCompetition(stack, organiser);
    const applicant = await signUpApplicant(stack);
    const project = await registerProject(
      stack,
      applicant,
      competition.heatId,
      competition.id,
      '固态锂电池隔膜',
    );
    await stack.post(`/projects/${project.id}/submit`, {}, applicant.token);
    const review = await stack.post(
      `/projects/${project.id}/review`,
      { decision: 'INELIGIBLE', reason: '不符合赛道要求' },
      organiser.token,
    );
    expect(review.status).toBe(200);
    const audit = await stack.get(`/competitions/${competition.id}/audit`, organiser.token);
    expect(audit.status).toBe(200);
    const reviewed = audit.body.items.find(
      (a: { action: string }) => a.action === 'project.reviewed',
    );
    expect(reviewed).toMatchObject({
      actorId: organiser.id,
      actorName: '组委会 王磊',
      entityType: 'project',
      entityName: '固态锂电池隔膜',
    });
  });

  it('returns a round with the pitch-order fields its schema declares', async () => {
    const competition = await createCompetition(stack, organiser);
    const created = await stack.post(
      `/heats/${competition.heatId}/rounds`,
      { name: '现场路演', kind: 'ROADSHOW', rubricId: competition.rubricId, method: 'MEAN' },
      organiser.token,
    );
    expect(created.status).toBe(201);
    const round = await stack.get(`/rounds/${created.body.id}`, organiser.token);
    expect(round.body).toMatchObject({
      pitchOrder: [],
      pitchSeed: null,
      pitchSeedHash: null,
      nextPitchSeedHash: null,
      nextPitchSeedCommittedAt: null,
      pitchOrderDrawnAt: null,
      nowPitchingProjectId: null,
    });
    const res = await fetch(stack.apiUrl.replace(/\/api\/v1$/, '/api/docs-json'));
    const doc = (await res.json()) as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    const declared = Object.keys(doc.components.schemas.RoundViewDto.properties);
    for (const key of [
      'pitchOrder',
      'pitchSeed',
      'pitchSeedHash',
      'nextPitchSeedHash',
      'nextPitchSeedCommittedAt',
      'pitchOrderDrawnAt',
      'nowPitchingProjectId',
    ])
      expect(declared).toContain(key);
    // The seed sealed for the next draw shows as its hash only, never itself.
    const sealed = await stack.post(
      `/rounds/${created.body.id}/pitch-order/commitment`,
      {},
      organiser.token,
    );
    const after = await stack.get(`/rounds/${created.body.id}`, organiser.token);
    expect(after.body).toMatchObject({
      pitchSeed: null,
      nextPitchSeedHash: sealed.body.seedHash,
      nextPitchSeedCommittedAt: sealed.body.committedAt,
    });
    expect(JSON.stringify(after.body)).not.toMatch(/pitchSeedNext/);
  });
});
