import { Stack, waitFor } from './support/stack';
import { createCompetition, createOrganiser } from './support/scenario';
import { upload } from './support/upload';

// An api process dies in the middle of a long import: the import resumes in
// the restarted process once the lease runs out, and every row takes effect
// exactly once (one account, one list entry, one invitation per judge).
describe('an import survives the death of its api process', () => {
  const stack = new Stack({ env: { IMPORT_LEASE_MS: '2000' } });

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('resumes after a SIGKILL and does nothing twice', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const n = 600;
    const tag = Date.now().toString(36);
    const emails = Array.from({ length: n }, (_, i) => `crash.${tag}.${i}@e2e.test`);
    const csv =
      '姓名,邮箱,单位\r\n' + emails.map((e, i) => `评委${i},${e},单位${i % 7}`).join('\r\n');
    const started = await upload(
      stack,
      `/competitions/${competition.id}/imports/judges`,
      'big.csv',
      csv,
      organiser.token,
    );
    expect(started.status).toBe(202);
    const id = started.body.id as string;

    const progressed = await waitFor(
      'the import to make progress',
      async () => {
        const job = (await stack.get(`/imports/${id}`, organiser.token)).body;
        return job.processed >= 30 ? job : null;
      },
      60000,
      20,
    );
    expect(progressed).toMatchObject({ status: 'RUNNING', total: n });
    await stack.killApi();
    const [midway] = await stack.sql<{ processed: number; status: string }>(
      `SELECT processed, status FROM import_jobs WHERE id = $1`,
      [id],
    );
    expect(midway.status).toBe('RUNNING');
    expect(midway.processed).toBeLessThan(n);

    await stack.restartApi();
    const job = await waitFor(
      'the import to complete after the restart',
      async () => {
        const j = (await stack.get(`/imports/${id}`, organiser.token)).body;
        return j.status === 'COMPLETED' ? j : null;
      },
      120000,
      200,
    );
    expect(job.processed).toBe(n);
    expect(job.failed).toBe(0);
    // Each judge is counted by its list entry (ADDED), new account or not. The rows in
    // flight at the crash (up to 4) are redone: each finds its account, and is counted
    // UNCHANGED if its list entry was written too.
    expect(job.added + job.unchanged).toBe(n);
    expect(job.unchanged).toBeLessThanOrEqual(4);

    const [counts] = await stack.sql<{
      users: number;
      roster: number;
      invited: number;
      distinct: number;
    }>(
      `SELECT (SELECT count(*)::int FROM users WHERE email = ANY($1)) AS users,
              (SELECT count(*)::int FROM competition_judges WHERE competition_id = $2) AS roster,
              (SELECT count(*)::int FROM outbox_events WHERE type = 'identity.user-invited'
                  AND payload->'user'->>'email' = ANY($1)) AS invited,
              (SELECT count(DISTINCT payload->'user'->>'email')::int FROM outbox_events
                WHERE type = 'identity.user-invited' AND payload->'user'->>'email' = ANY($1)) AS distinct`,
      [emails, competition.id],
    );
    expect(counts).toEqual({ users: n, roster: n, invited: n, distinct: n });
  });
});
