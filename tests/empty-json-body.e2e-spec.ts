import { Stack } from './support/stack';
import {
  createCompetition,
  createOrganiser,
  registerProject,
  signUpApplicant,
} from './support/scenario';

// Many HTTP clients send a bodiless POST with `content-type: application/json`
// and an empty body. The api reads that as no body, everywhere; a malformed
// body is still a 400, and a route that needs a body names the missing fields.
describe('an empty JSON body', () => {
  const stack = new Stack();

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('is no body: a project submits with content-type json and nothing sent', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const applicant = await signUpApplicant(stack);
    const project = await registerProject(stack, applicant, competition.heatId, competition.id);

    const submitted = await stack.request(
      'POST',
      `/projects/${project.id}/submit`,
      '',
      applicant.token,
    );
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('SUBMITTED');

    // Whitespace only is no body too.
    const again = await stack.request(
      'POST',
      `/projects/${project.id}/submit`,
      ' \r\n',
      applicant.token,
    );
    expect(again.status).toBe(409);
  });

  it('still answers 400 for malformed JSON, and a route that needs a body names its fields', async () => {
    const malformed = await stack.request('POST', '/auth/login', '{"email":');
    expect(malformed.status).toBe(400);

    const empty = await stack.request('POST', '/auth/login', '');
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('email');
  });
});
