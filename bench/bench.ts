// `npm run bench`: the roadshow burst. 9 judges × 30 projects score and submit
// at once through HTTP against the built api and worker (real PostgreSQL,
// Redis, SMTP on loopback). Each figure is printed beside a baseline measured
// in the same run on the same machine: a raw SQL insert loop of the same rows,
// and a bare BullMQ add→process round trip.
import { Queue, QueueEvents, Worker } from 'bullmq';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { bullConnectionFromUrl } from '../libs/messaging/src/redis';
import { BASE_REDIS_URL, runId } from '../tests/support/env';
import globalSetup from '../tests/support/global-setup';
import globalTeardown from '../tests/support/global-teardown';
import { deterministicScores, eligibleHeat } from '../tests/support/judging-scenario';
import { Stack } from '../tests/support/stack';

const JUDGES = 9;
const PROJECTS = 30;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x: number) => `${x.toFixed(1)} ms`;
const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

async function rawInsertBaseline(databaseUrl: string, rows: number): Promise<{ perSecond: number; p50: number; p99: number }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query(`CREATE TEMP TABLE bench_scores (round_id uuid, judge_id uuid, project_id uuid, scores jsonb, total float8, status text, submitted_at timestamptz)`);
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; i < rows; i++) {
    const t = performance.now();
    await db.query(
      `INSERT INTO bench_scores VALUES (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), $1::jsonb, $2, 'SUBMITTED', now())`,
      [JSON.stringify(deterministicScores(i % JUDGES, i)), 80],
    );
    latencies.push(performance.now() - t);
  }
  const elapsed = performance.now() - start;
  await db.end();
  return { perSecond: (rows / elapsed) * 1000, p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

async function bullRoundTripBaseline(runs: number): Promise<{ p50: number; p99: number }> {
  const prefix = `rs_${runId()}_bench_bull`;
  const connection = bullConnectionFromUrl(BASE_REDIS_URL);
  const queue = new Queue('bench', { connection, prefix });
  const events = new QueueEvents('bench', { connection, prefix });
  const worker = new Worker('bench', async (job) => job.data.n, { connection, prefix });
  await Promise.all([queue.waitUntilReady(), events.waitUntilReady(), worker.waitUntilReady()]);
  const latencies: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const job = await queue.add('ping', { n: i }, { jobId: `ping_${i}` });
    await job.waitUntilFinished(events);
    latencies.push(performance.now() - t);
  }
  await worker.close();
  await events.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

async function main(): Promise<void> {
  await globalSetup();
  const stack = new Stack({ env: { LOG_LEVEL: 'warn' } });
  try {
    log('starting api and worker');
    await stack.start();
    log(`seeding a heat of ${PROJECTS} projects and ${JUDGES} judges`);
    const heat = await eligibleHeat(stack, PROJECTS, JUDGES, false);
    const { organiser, competition, judges, projectIds } = heat;
    const round = await stack.post(
      `/heats/${competition.heatId}/rounds`,
      { name: '路演', kind: 'ROADSHOW', rubricId: competition.rubricId, method: 'TRIMMED_MEAN', trim: 1 },
      organiser.token,
    );
    const roundId = round.body.id as string;
    await stack.post(`/rounds/${roundId}/judges`, { judgeIds: judges.map((j) => j.id) }, organiser.token);
    const assigned = await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: JUDGES }, organiser.token);
    if (assigned.status !== 200) throw new Error(`assignment failed: ${JSON.stringify(assigned.body)}`);
    await stack.post(`/rounds/${roundId}/open`, {}, organiser.token);
    await stack.drained();

    // One judge scoring alone first: the latency of a submit with no contention.
    const idle: number[] = [];
    for (const projectId of projectIds.slice(0, 10)) {
      const t = performance.now();
      await stack.put(`/rounds/${roundId}/projects/${projectId}/score`, { scores: deterministicScores(0, 0) }, judges[0].token);
      idle.push(performance.now() - t);
    }
    log(`idle PUT latencies: ${idle.map((x) => x.toFixed(1)).join(', ')} ms`);
    log(`burst: ${JUDGES * PROJECTS} score + submit pairs at once`);
    const latencies: number[] = [];
    const burstStart = performance.now();
    let lastSubmit = 0;
    await Promise.all(
      judges.flatMap((judge, ji) =>
        projectIds.map(async (projectId, pi) => {
          const t = performance.now();
          const put = await stack.put(`/rounds/${roundId}/projects/${projectId}/score`, { scores: deterministicScores(ji, pi) }, judge.token);
          const submit = await stack.post(`/rounds/${roundId}/projects/${projectId}/score/submit`, {}, judge.token);
          if (put.status !== 200 || submit.status !== 200) throw new Error(`submit failed: ${put.status}/${submit.status}`);
          const now = performance.now();
          latencies.push(now - t);
          lastSubmit = Math.max(lastSubmit, now);
        }),
      ),
    );
    const burstSeconds = (lastSubmit - burstStart) / 1000;
    let rankingLag = NaN;
    for (;;) {
      const r = (await stack.get(`/rounds/${roundId}/ranking`, organiser.token)).body as { entries: { judgeCount: number }[] };
      if (r.entries.reduce((s, e) => s + e.judgeCount, 0) === JUDGES * PROJECTS) {
        rankingLag = performance.now() - lastSubmit;
        break;
      }
      await new Promise((res) => setTimeout(res, 5));
    }
    const [{ recomputes }] = await stack.sql(`SELECT count(*)::int AS recomputes FROM processed_events WHERE consumer = 'scoring'`);

    log('baselines');
    const raw = await rawInsertBaseline(stack.databaseUrl, JUDGES * PROJECTS);
    const bull = await bullRoundTripBaseline(50);

    const submitsPerSecond = (JUDGES * PROJECTS) / burstSeconds;
    const rows: [string, string, string, string][] = [
      ['submits per second (PUT + submit, 270 at once)', submitsPerSecond.toFixed(0), `raw SQL insert loop ${raw.perSecond.toFixed(0)}/s`, `${(submitsPerSecond / raw.perSecond).toFixed(2)}×`],
      ['submit latency p50', ms(pct(latencies, 50)), `raw insert p50 ${ms(raw.p50)}`, `${(pct(latencies, 50) / raw.p50).toFixed(1)}×`],
      ['submit latency p99', ms(pct(latencies, 99)), `raw insert p99 ${ms(raw.p99)}`, `${(pct(latencies, 99) / raw.p99).toFixed(1)}×`],
      ['last submit → ranking current', ms(rankingLag), `BullMQ add→process p50 ${ms(bull.p50)} (p99 ${ms(bull.p99)})`, `${(rankingLag / bull.p50).toFixed(1)}×`],
    ];
    console.log(`\nRoadshow burst: ${JUDGES} judges × ${PROJECTS} projects, ${recomputes} scoring events consumed, node ${process.version}\n`);
    console.log(['measure', 'value', 'baseline (same run)', 'ratio'].join(' | '));
    console.log(['---', '---', '---', '---'].join(' | '));
    for (const r of rows) console.log(r.join(' | '));
  } finally {
    await stack.stop();
    await globalTeardown();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
