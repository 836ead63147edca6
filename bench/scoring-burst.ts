// Scenarios 1 and 2: judges save and submit scores through HTTP (one
// `PUT …/score` with `submit: true` each) against N api processes, beside the
// same rows written by raw pg transactions at the same concurrency.
import { hash } from '@node-rs/argon2';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import { deterministicScores, expectedRanking, total } from '../tests/support/judging-scenario';
import { createCompetition, createOrganiser } from '../tests/support/scenario';
import { Stack } from '../tests/support/stack';
import { CpuProfile, cpuByStage, stageNote } from './cpu-stages';
import {
  BENCH_ENV,
  ScenarioResult,
  log,
  ms,
  pct,
  perSec,
  ratio,
  runConcurrently,
  sendJson,
  waitUntil,
} from './lib';

export interface BurstSize {
  judges: number;
  projects: number;
  perJudge: number; // projects each judge scores
  concurrency: number; // requests in flight
}

const JUDGE_PASSWORD = 'Roadshow-Judge-2026!';
const API_POOL_MAX = 20; // PgService's pool per api process

interface Pair {
  judge: { id: string; token: string };
  judgeIndex: number;
  projectId: string;
  projectIndex: number;
}

async function seedRound(stack: Stack, size: BurstSize) {
  const organiser = await createOrganiser(stack);
  const competition = await createCompetition(stack, organiser);
  const round = await stack.post(
    `/heats/${competition.heatId}/rounds`,
    { name: '评审', kind: 'EXPERT_REVIEW', rubricId: competition.rubricId, method: 'MEAN' },
    organiser.token,
  );
  if (round.status !== 201) throw new Error(`round: ${round.status} ${JSON.stringify(round.body)}`);
  const roundId = round.body.id as string;
  // Judges, projects and assignments straight into judging's tables: the
  // setup is not what is measured, and a thousand signups would be argon2.
  const passwordHash = await hash(JUDGE_PASSWORD);
  const judges = Array.from({ length: size.judges }, (_, i) => ({
    id: randomUUID(),
    email: `bench.judge${i}.${roundId.slice(0, 8)}@bench.test`,
    name: `评委${i}`,
  }));
  const projects = Array.from({ length: size.projects }, (_, i) => ({
    id: randomUUID(),
    title: `项目${String(i).padStart(5, '0')}`,
  }));
  await stack.sql(
    `INSERT INTO users (id, email, name, password_hash, roles, locale)
     SELECT id, email, name, $2, ARRAY['JUDGE']::"Role"[], 'zh-CN' FROM jsonb_to_recordset($1::jsonb) AS j(id uuid, email text, name text)`,
    [JSON.stringify(judges), passwordHash],
  );
  await stack.sql(
    `INSERT INTO round_judges (round_id, judge_id, name, email, locale)
     SELECT $2, id, name, email, 'zh-CN' FROM jsonb_to_recordset($1::jsonb) AS j(id uuid, email text, name text)`,
    [JSON.stringify(judges), roundId],
  );
  await stack.sql(
    `INSERT INTO round_projects (round_id, project_id, title, organisation_name)
     SELECT $2, id, title, title || '有限公司' FROM jsonb_to_recordset($1::jsonb) AS p(id uuid, title text)`,
    [JSON.stringify(projects), roundId],
  );
  // Judge j scores projects j·perJudge … j·perJudge+perJudge-1 (mod projects): even loads.
  const assignments: { judgeIndex: number; projectIndex: number }[] = [];
  for (let j = 0; j < size.judges; j++)
    for (let k = 0; k < size.perJudge; k++)
      assignments.push({ judgeIndex: j, projectIndex: (j * size.perJudge + k) % size.projects });
  await stack.sql(
    `INSERT INTO assignments (round_id, judge_id, project_id)
     SELECT $2, judge_id, project_id FROM jsonb_to_recordset($1::jsonb) AS a(judge_id uuid, project_id uuid)`,
    [
      JSON.stringify(
        assignments.map((a) => ({
          judge_id: judges[a.judgeIndex].id,
          project_id: projects[a.projectIndex].id,
        })),
      ),
      roundId,
    ],
  );
  const opened = await stack.post(`/rounds/${roundId}/open`, {}, organiser.token);
  if (opened.status !== 200) throw new Error(`open: ${opened.status}`);
  const tokens: string[] = new Array(size.judges);
  await runConcurrently(judges, 4, async (j, i) => {
    tokens[i] = await stack.login(j.email, JUDGE_PASSWORD);
  });
  const pairs: Pair[] = assignments.map((a) => ({
    judge: { id: judges[a.judgeIndex].id, token: tokens[a.judgeIndex] },
    judgeIndex: a.judgeIndex,
    projectId: projects[a.projectIndex].id,
    projectIndex: a.projectIndex,
  }));
  // Interleave judges so concurrent requests come from many judges, as in a room.
  pairs.sort((a, b) => a.projectIndex - b.projectIndex || a.judgeIndex - b.judgeIndex);
  return { organiser, roundId, pairs };
}

const WARM_UP: BurstSize = { judges: 9, projects: 30, perJudge: 30, concurrency: 270 };
const WARM_UP_BURSTS = 4;

function sendScores(stack: Stack, roundId: string, pairs: Pair[], concurrency: number) {
  let next = 0;
  return runConcurrently(pairs, concurrency, async (p) => {
    // Spread over the api processes as the stack's own client does.
    const base = stack.apiUrls[next++ % stack.apiUrls.length];
    const res = await sendJson(
      'PUT',
      `${base}/rounds/${roundId}/projects/${p.projectId}/score`,
      { scores: deterministicScores(p.judgeIndex, p.projectIndex), submit: true },
      p.judge.token,
    );
    if (res.status !== 200) throw new Error(`save+submit: ${res.status} ${res.body}`);
  });
}

// The physical limit: the same rows (the score and its outbox event) written
// by raw pg, one transaction (one statement, one round trip) per pair, at the
// same concurrency through the same number of connections as the api has.
async function rawWrites(
  databaseUrl: string,
  pairs: Pair[],
  concurrency: number,
  connections: number,
) {
  const pool = new Pool({ connectionString: databaseUrl, max: connections });
  pool.on('error', () => undefined); // an idle client dropped by the server: the next query reconnects
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_scores (LIKE scores INCLUDING ALL)`);
  await pool.query(`CREATE TABLE IF NOT EXISTS bench_outbox (LIKE outbox_events INCLUDING ALL)`);
  await pool.query('TRUNCATE bench_scores, bench_outbox');
  const write = async (roundId: string, p: Pair) => {
    const scores = deterministicScores(p.judgeIndex, p.projectIndex);
    await pool.query(
      `WITH s AS (
         INSERT INTO bench_scores (id, round_id, judge_id, project_id, scores, comment, total, status, submitted_at, seq, updated_at)
         VALUES (gen_random_uuid(), $1, $2, $3, $4::jsonb, NULL, $5, 'SUBMITTED', now(), nextval('judging_change_seq'), now())
         ON CONFLICT (round_id, judge_id, project_id) DO NOTHING RETURNING seq)
       INSERT INTO bench_outbox (id, type, aggregate_id, payload)
       SELECT gen_random_uuid(), 'judging.scores-changed', $1, jsonb_build_object('roundId', $1::text, 'seq', s.seq::text, 'change', 'SUBMITTED', 'judgeId', $2::text, 'projectId', $3::text, 'xid', pg_current_xact_id()::text) FROM s`,
      [roundId, p.judge.id, p.projectId, JSON.stringify(scores), total(scores)],
    );
  };
  // The same warm-up as the api's: as many roadshow-sized bursts, on other rounds.
  for (let w = 0; w < WARM_UP_BURSTS; w++) {
    const warmRound = randomUUID();
    await runConcurrently(pairs.slice(0, WARM_UP.judges * WARM_UP.perJudge), concurrency, (p) =>
      write(warmRound, p),
    );
  }
  const roundId = randomUUID();
  const result = await runConcurrently(pairs, concurrency, (p) => write(roundId, p));
  await pool.query('DROP TABLE bench_scores, bench_outbox');
  await pool.end();
  return {
    perSecond: pairs.length / result.seconds,
    p50: pct(result.latencies, 50),
    p99: pct(result.latencies, 99),
  };
}

export interface BurstFigures {
  perSecond: number;
  result: ScenarioResult;
}

export async function scoringBurst(
  title: string,
  size: BurstSize,
  apiProcesses: number,
): Promise<BurstFigures> {
  // BENCH_API_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the api processes.
  const apiNodeArgs = process.env.BENCH_API_NODE_ARGS?.split(' ').filter(Boolean);
  const profileDir = await mkdtemp(path.join(os.tmpdir(), 'bench-profile-'));
  const stack = new Stack({
    apiProcesses,
    // The per-user request limit runs as in production (leased from Redis,
    // rate-limits.ts), set high enough that the organiser's seeding and the
    // burst never reach it; the credential limits stay off for the one
    // address every login here comes from.
    env: { ...BENCH_ENV, RATE_LIMIT_MAX: '1000000', CPU_PROFILE_DIR: profileDir },
    apiNodeArgs,
  });
  try {
    log(`${title}: starting ${apiProcesses} api + 1 worker`);
    await stack.start();
    // Warm-up: on a roadshow day the api has served logins, pages, every
    // judge's drafts (the judge page saves as the judge types) and earlier
    // heats before a burst, so its code is JIT-compiled. A few roadshow-sized
    // bursts on rounds of their own do that here (one was not enough: V8 had
    // not yet optimised the hot path, and the api spent 1.4 ms of CPU per
    // request instead of 0.8). The raw baseline below gets the same rows.
    for (let w = 0; w < WARM_UP_BURSTS; w++) {
      const warm = await seedRound(stack, WARM_UP);
      await sendScores(stack, warm.roundId, warm.pairs, WARM_UP.concurrency);
    }
    const { organiser, roundId, pairs } = await seedRound(stack, size);
    await stack.drained();
    log(`${title}: ${pairs.length} save+submit requests, ${size.concurrency} in flight`);
    const cpuBefore = await stack.cpuSeconds();
    const systemBefore = await stack.cpuSeconds('system');
    const clientBefore = process.cpuUsage();
    const burst = await sendScores(stack, roundId, pairs, size.concurrency);
    const client = process.cpuUsage(clientBefore);
    const cpuAfter = await stack.cpuSeconds();
    const systemAfter = await stack.cpuSeconds('system');
    const cpuMs = (prefix: string, after = cpuAfter, before = cpuBefore) =>
      Object.keys(after)
        .filter((k) => k.startsWith(prefix))
        .reduce((sum, k) => sum + (after[k] - (before[k] ?? 0)) * 1000, 0);
    const judged = async () =>
      (
        (await stack.get(`/rounds/${roundId}/ranking`, organiser.token)).body.entries as {
          judgeCount: number;
        }[]
      ).reduce((s, e) => s + e.judgeCount, 0);
    // The scoring events' backlog when the last answer went out: still in the
    // outbox, or relayed and not yet handled by the worker (the ranking's lag).
    const [backlog] = await stack.sql(
      `SELECT (SELECT count(*)::int FROM outbox_events
                WHERE type = 'judging.scores-changed' AND published_at IS NULL) AS unrelayed,
              (SELECT count(*)::int FROM outbox_events WHERE type = 'judging.scores-changed')
            - (SELECT count(*)::int FROM processed_events WHERE consumer = 'scoring') AS unhandled`,
    );
    const current = await waitUntil(
      'the ranking to cover every score',
      async () => (await judged()) === pairs.length,
    );
    const rankingLag = current - burst.lastDone;
    const ranking = (await stack.get(`/rounds/${roundId}/ranking`, organiser.token)).body;
    const expected = expectedRanking(
      pairs.map((p) => ({
        judgeId: p.judge.id,
        projectId: p.projectId,
        total: total(deterministicScores(p.judgeIndex, p.projectIndex)),
      })),
      'MEAN',
    );
    const exact =
      JSON.stringify(
        ranking.entries.map(
          (e: { rank: number; projectId: string; score: number; judgeCount: number }) => [
            e.rank,
            e.projectId,
            e.score,
            e.judgeCount,
          ],
        ),
      ) === JSON.stringify(expected.map((e) => [e.rank, e.projectId, e.score, e.judgeCount]));
    const [{ recomputes }] = await stack.sql(
      `SELECT count(*)::int AS recomputes FROM processed_events WHERE consumer = 'scoring'`,
    );
    const memory = await stack.peakMemory();
    // Where the api's CPU goes: the same burst again on a round of its own,
    // profiled from its first request to its last (the measured one is not:
    // sampling costs CPU).
    const stages = await profiledBurst(stack, size, profileDir, apiProcesses).catch(
      (error: unknown) => `The per-stage CPU split failed: ${String(error)}`,
    );
    // The baseline runs with the api and worker stopped: the same machine,
    // and PostgreSQL's connection limit is shared with them.
    await stack.stop();
    log(`${title}: baseline`);
    const raw = await rawWrites(
      stack.databaseUrl,
      pairs,
      size.concurrency,
      API_POOL_MAX * apiProcesses,
    );
    const perSecond = pairs.length / burst.seconds;
    return {
      perSecond,
      result: {
        title: `${title} — ${apiProcesses} api process${apiProcesses > 1 ? 'es' : ''}`,
        rows: [
          [
            `save+submit per second (${pairs.length}, ${size.concurrency} in flight)`,
            perSecond.toFixed(0),
            `raw pg transactions, same rows and concurrency ${perSec(raw.perSecond)}`,
            ratio(perSecond / raw.perSecond),
            '≥ 0.5×',
          ],
          [
            'latency p50',
            ms(pct(burst.latencies, 50)),
            `raw p50 ${ms(raw.p50)}`,
            ratio(pct(burst.latencies, 50) / raw.p50),
          ],
          [
            'latency p99',
            ms(pct(burst.latencies, 99)),
            `raw p99 ${ms(raw.p99)}`,
            ratio(pct(burst.latencies, 99) / raw.p99),
            '≤ 250 ms',
          ],
          [
            'last submit → ranking current',
            ms(rankingLag),
            `debounce 50 ms; ${recomputes} scoring events consumed; at the last answer ${backlog.unrelayed} still in the outbox, ${backlog.unhandled} not yet handled`,
            '',
            '≤ 300 ms',
          ],
          [
            'final ranking equals an independent recompute',
            exact ? 'yes' : 'NO',
            `${ranking.entries.length} projects`,
            '',
            'yes',
          ],
        ],
        memory,
        notes: [
          `CPU per save+submit during the burst (user+system): api ${(cpuMs('api') / pairs.length).toFixed(2)} ms (of which system ${(cpuMs('api', systemAfter, systemBefore) / pairs.length).toFixed(2)} ms), worker ${(cpuMs('worker') / pairs.length).toFixed(2)} ms, load generator ${((client.user + client.system) / 1000 / pairs.length).toFixed(2)} ms`,
          stages,
        ],
      },
    };
  } finally {
    await stack.stop();
    // BENCH_KEEP_PROFILES=1 keeps the profiles to read them frame by frame.
    if (process.env.BENCH_KEEP_PROFILES) log(`profiles kept in ${profileDir}`);
    else await rm(profileDir, { recursive: true, force: true });
  }
}

// Where the api's CPU goes: the same burst again on a round of its own,
// profiled from its first request to its last (the measured one is not:
// sampling costs CPU). Answers the bench's note.
async function profiledBurst(
  stack: Stack,
  size: BurstSize,
  profileDir: string,
  apiProcesses: number,
): Promise<string> {
  const profiled = await seedRound(stack, size);
  await stack.drained();
  stack.signalApis('SIGUSR2');
  await new Promise((r) => setTimeout(r, 300));
  try {
    await sendScores(stack, profiled.roundId, profiled.pairs, size.concurrency);
  } finally {
    stack.signalApis('SIGUSR2');
  }
  await waitUntil(
    'the api processes to write their profiles',
    async () => (await readdir(profileDir)).length === apiProcesses,
    30000,
    100,
  );
  const profiles = await Promise.all(
    (await readdir(profileDir)).map(
      async (f) => JSON.parse(await readFile(path.join(profileDir, f), 'utf8')) as CpuProfile,
    ),
  );
  return stageNote(cpuByStage(profiles), profiled.pairs.length, 'save+submit');
}
