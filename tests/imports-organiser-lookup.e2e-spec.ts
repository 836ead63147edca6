import { Client } from 'pg';
import { Stack, waitFor } from './support/stack';
import { createCompetition, createOrganiser, uniqueEmail } from './support/scenario';

// The import runner loads the organiser who started an import before it works
// through the rows. When that load fails because the database dropped the
// connection (a restart, a failover), the rows must wait and be retried, not
// fail as "the importing account no longer exists".
describe('an import whose organiser cannot be loaded for a moment', () => {
  const stack = new Stack();

  const pendingReleases: (() => Promise<unknown>)[] = [];

  beforeAll(() => stack.start());
  afterEach(() => Promise.all(pendingReleases.splice(0).map((r) => r())));
  afterAll(() => stack.stop());

  // Backends of the product waiting for the users table (the test's lock).
  const waitingOnUsers = () =>
    stack.sql<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND wait_event_type = 'Lock' AND query ILIKE '%users%'`,
    );

  it('retries the rows after a dropped connection and fails none of them', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const n = 30;
    const emails = Array.from({ length: n }, (_, i) => uniqueEmail(`lookup${i}`));

    // Hold the users table, so the runner's load of the organiser waits
    // where the test can find it.
    const lock = new Client({ connectionString: stack.databaseUrl });
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query('LOCK TABLE users IN ACCESS EXCLUSIVE MODE');
    // Whatever happens below, the lock goes with the test (the next test needs users).
    const release = () => lock.end().catch(() => undefined);
    pendingReleases.push(release);

    // Staged as the upload stages it (import-staging.ts): the job and its
    // PENDING rows. (The upload itself reads users and would wait on the lock.)
    const [job] = await stack.sql<{ id: string }>(
      `INSERT INTO import_jobs (id, competition_id, kind, status, file_name, file_sha256, format,
                                total, created_by_id)
       VALUES (gen_random_uuid(), $1, 'JUDGES', 'PENDING', 'judges.csv', repeat('0', 64), 'CSV',
               $2, $3)
       RETURNING id`,
      [competition.id, n, organiser.id],
    );
    await stack.sql(
      `INSERT INTO import_rows (import_id, row_number, key, data, status)
       SELECT $1, i + 2, e, jsonb_build_object('name', '评委' || i, 'email', e,
                                                'affiliation', null, 'phone', null), 'PENDING'
         FROM unnest($2::text[]) WITH ORDINALITY AS t(e, i)`,
      [job.id, emails],
    );

    // The runner claims the job and waits for the organiser's row; the
    // database drops that connection.
    const waiting = await waitFor('the runner to wait for the users table', async () => {
      const rows = await waitingOnUsers();
      return rows.length ? rows.map((r) => r.pid) : null;
    });
    await stack.sql(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [waiting]);

    // It comes back for the same job (waiting on the lock again) and has
    // failed nothing meanwhile: before the fix every row was FAILED here and
    // the import shown COMPLETED.
    const settled = await waitFor(
      'the runner to retry, or to give up on the rows',
      async () => {
        const [j] = await stack.sql<{ status: string; failed: number }>(
          `SELECT status, failed FROM import_jobs WHERE id = $1`,
          [job.id],
        );
        if (j.status === 'COMPLETED' || j.failed > 0) return { retried: false, ...j };
        const again = (await waitingOnUsers()).filter((r) => !waiting.includes(r.pid));
        return again.length ? { retried: true, ...j } : null;
      },
      60000,
    );
    expect(settled).toMatchObject({ retried: true, failed: 0, status: 'RUNNING' });
    const pending = await stack.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM import_rows WHERE import_id = $1 AND status = 'PENDING'`,
      [job.id],
    );
    expect(pending[0].n).toBe(n);

    await lock.query('ROLLBACK');
    await release();
    const done = await waitFor(
      'the import to complete',
      async () => {
        const j = (await stack.get(`/imports/${job.id}`, organiser.token)).body;
        return j.status === 'COMPLETED' ? j : null;
      },
      60000,
    );
    expect(done).toMatchObject({ processed: n, failed: 0, errors: [] });
    expect(done.created + done.added).toBe(n);
  });

  it('fails the rows, saying why, when the organiser’s account is really gone', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const ghost = '00000000-0000-4000-8000-000000000000';
    const [job] = await stack.sql<{ id: string }>(
      `INSERT INTO import_jobs (id, competition_id, kind, status, file_name, file_sha256, format,
                                total, created_by_id)
       VALUES (gen_random_uuid(), $1, 'JUDGES', 'PENDING', 'judges.csv', repeat('0', 64), 'CSV',
               1, $2)
       RETURNING id`,
      [competition.id, ghost],
    );
    await stack.sql(
      `INSERT INTO import_rows (import_id, row_number, key, data, status)
       VALUES ($1, 2, $2, jsonb_build_object('name', '评委', 'email', $2::text,
                                             'affiliation', null, 'phone', null), 'PENDING')`,
      [job.id, uniqueEmail('ghost')],
    );
    const done = await waitFor('the import to complete', async () => {
      const j = (await stack.get(`/imports/${job.id}`, organiser.token)).body;
      return j.status === 'COMPLETED' ? j : null;
    });
    expect(done).toMatchObject({ processed: 1, failed: 1 });
    expect(done.errors[0].message).toContain('no longer exists');
  });
});
