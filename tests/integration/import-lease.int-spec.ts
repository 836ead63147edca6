import { randomUUID } from 'node:crypto';
import { ImportsModule } from '../../apps/api/src/modules/imports/imports.module';
import { TestWorld, providerOf, quietLogger, sleep } from './support/harness';

// The import runner's lease on import_jobs (ImportRunner: claim with FOR
// UPDATE SKIP LOCKED and claimed_until, renew and release only while this
// runner holds it, finish only its own job, each row's outcome recorded once),
// several api processes each running one.

type Outcome = { status: 'CREATED' | 'UNCHANGED'; entityId: string | null };
interface JobRow {
  id: string;
}
// The runner's lease statements, as its loop calls them.
interface Runner {
  id: string;
  claim(): Promise<string | null>;
  renew(jobId: string): Promise<boolean>;
  release(jobId: string, afterMs?: number): Promise<void>;
  finish(job: JobRow): Promise<void>;
  record(job: JobRow, rowNumber: number, key: string, outcome: Outcome): Promise<void>;
}

let world: TestWorld;
let competitionId: string;
let organiserId: string;

// One api process's runner: its own pool. Its row effects (identity,
// registration) are not used by the lease statements and are left out.
function runner(env: Record<string, string> = {}): Runner {
  const ImportRunner = providerOf<Runner>(ImportsModule, 'ImportRunner');
  const config = world.config(env);
  return new ImportRunner(config, world.prisma(env), null, null, null, null, quietLogger());
}

async function pendingJobs(count: number, rows = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    await world.sql(
      `INSERT INTO import_jobs (id, competition_id, kind, file_name, file_sha256, format, total, created_by_id, created_at)
       VALUES ($1, $2, 'JUDGES', $3, md5($3), 'csv', $4, $5, now() - make_interval(secs => $6))`,
      [id, competitionId, `评委名单-${i}.csv`, rows, organiserId, count - i],
    );
    if (rows)
      await world.sql(
        `INSERT INTO import_rows (import_id, row_number, key, data)
         SELECT $1, n, 'judge' || n || '@int.test', '{}'::jsonb FROM generate_series(1, $2) n`,
        [id, rows],
      );
    ids.push(id);
  }
  return ids;
}

async function job(id: string) {
  const [row] = await world.sql(
    `SELECT status, claimed_by, claimed_until > now() AS leased, processed, created, unchanged
       FROM import_jobs WHERE id = $1`,
    [id],
  );
  return row;
}

beforeAll(async () => {
  world = await TestWorld.create();
  competitionId = randomUUID();
  organiserId = randomUUID();
});
afterAll(() => world?.close());

describe('import runners racing for jobs', () => {
  it('every job goes to exactly one of five runners claiming at once', async () => {
    const runners = Array.from({ length: 5 }, () => runner());
    await world.connected();
    const ids = await pendingJobs(12);
    const claimed = await Promise.all(
      runners.map(async (r) => {
        const mine: string[] = [];
        for (let jobId = await r.claim(); jobId; jobId = await r.claim()) mine.push(jobId);
        return mine;
      }),
    );
    const all = claimed.flat();
    expect(all.sort()).toEqual([...ids].sort());
    for (const [i, r] of runners.entries())
      for (const jobId of claimed[i]) {
        const j = await job(jobId);
        expect(j).toMatchObject({ status: 'RUNNING', claimed_by: r.id, leased: true });
      }
    // Shared, not one runner taking all.
    expect(claimed.filter((c) => c.length > 0).length).toBeGreaterThan(1);
    for (const [i, r] of runners.entries())
      for (const jobId of claimed[i]) await r.finish({ id: jobId });
  });

  it('an expired lease is taken over, and the old holder can no longer renew, release or finish', async () => {
    const a = runner({ IMPORT_LEASE_MS: '1000' });
    const b = runner({ IMPORT_LEASE_MS: '30000' });
    await world.connected();
    const [id] = await pendingJobs(1);
    expect(await a.claim()).toBe(id);
    // Leased by a: b finds nothing.
    expect(await b.claim()).toBeNull();
    // a stops renewing (its process hung or died); the lease runs out.
    await sleep(1100);
    expect(await b.claim()).toBe(id);
    expect(await job(id)).toMatchObject({ status: 'RUNNING', claimed_by: b.id, leased: true });
    expect(await a.renew(id)).toBe(false);
    expect(await b.renew(id)).toBe(true);
    // a's release (its pause after an error) leaves b's lease alone.
    await a.release(id);
    expect(await job(id)).toMatchObject({ claimed_by: b.id, leased: true });
    // Nor can a finish b's job.
    await a.finish({ id });
    expect((await job(id)).status).toBe('RUNNING');
    await b.finish({ id });
    expect(await job(id)).toMatchObject({ status: 'COMPLETED', claimed_by: null });
    const audit = await world.sql(
      `SELECT action FROM audit_log WHERE entity_type = 'import' AND entity_id = $1`,
      [id],
    );
    expect(audit.map((r) => r.action)).toEqual(['import.judges']);
  });

  it('a row done by both the old and the new holder is counted once', async () => {
    const a = runner();
    const b = runner();
    await world.connected();
    const ROWS = 30;
    const [id] = await pendingJobs(1, ROWS);
    // Both believe they hold the job (a's lease ran out mid-chunk) and record
    // every row of the chunk at the same moment, with different outcomes.
    await Promise.all(
      Array.from({ length: ROWS }, (_, i) => i + 1).flatMap((n) => [
        a.record({ id }, n, `judge${n}@int.test`, { status: 'CREATED', entityId: randomUUID() }),
        b.record({ id }, n, `judge${n}@int.test`, { status: 'UNCHANGED', entityId: randomUUID() }),
      ]),
    );
    const j = await job(id);
    expect(j.processed).toBe(ROWS);
    expect(j.created + j.unchanged).toBe(ROWS);
    const rows = await world.sql<{ status: string; n: string }>(
      `SELECT status, count(*) AS n FROM import_rows WHERE import_id = $1 GROUP BY status`,
      [id],
    );
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    expect(byStatus).toEqual(
      Object.fromEntries(
        [
          ['CREATED', j.created],
          ['UNCHANGED', j.unchanged],
        ].filter(([, n]) => n > 0),
      ),
    );
  });
});
