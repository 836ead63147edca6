// Scenario 7: a hall opens the big screen. 2,000 first loads of the screen
// (its page, then its live stream until the first frame) against one api
// process, beside the same number of loads of a static file served by the same
// process in the same run; the statements the api sent PostgreSQL for them
// are counted at the wire (statement-counter.ts).
import http from 'node:http';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { createJudges, judgeHeat, submittedProject } from '../tests/support/decisions-scenario';
import { openRoadshow } from '../tests/support/roadshow-scenario';
import { createCompetition, createOrganiser, signUpApplicant } from '../tests/support/scenario';
import { Stack } from '../tests/support/stack';
import { REPO_ROOT } from '../tests/support/env';
import {
  BENCH_ENV,
  ScenarioResult,
  log,
  ms,
  pct,
  perSec,
  ratio,
  runAtRate,
  runConcurrently,
} from './lib';
import { StatementCounter } from './statement-counter';

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

// Opens the screen's event stream and resolves with the first `screen` frame's
// status once it arrived; the connection is then closed, as a phone leaving.
function firstFrame(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        resolve(res.statusCode ?? 0);
        return;
      }
      let buffer = '';
      res.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        if (/^event: screen$/m.test(buffer) && buffer.includes('\n\n')) {
          req.destroy();
          resolve(200);
        }
      });
      res.on('error', () => undefined);
    });
    req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
  });
}

// A heat's advancement list under 公示 (three projects, one advancing), for
// the public page's crowd.
async function publishedList(stack: Stack): Promise<string> {
  const organiser = await createOrganiser(stack);
  const c = await createCompetition(stack, organiser);
  const semi = await stack.post(
    `/competitions/${c.id}/heats`,
    { stageCode: 'SEMIFINAL', name: '半决赛', city: '江阴' },
    organiser.token,
  );
  if (semi.status !== 201) throw new Error(`semi-final: ${semi.status}`);
  const marks = new Map<string, number>();
  for (const [i, mark] of [90, 80, 70].entries()) {
    const owner = await signUpApplicant(stack, `申请人${i}`);
    marks.set(await submittedProject(stack, c.id, c.heatId, owner, `项目${i}`), mark);
  }
  const review = await stack.post(
    `/competitions/${c.id}/eligibility`,
    { items: [...marks.keys()].map((projectId) => ({ projectId, decision: 'ELIGIBLE' })) },
    organiser.token,
  );
  if (review.status !== 200) throw new Error(`eligibility: ${review.status}`);
  await judgeHeat(
    stack,
    organiser,
    c.heatId,
    c.rubricId,
    await createJudges(stack, organiser, 2),
    marks,
  );
  const steps = [
    await stack.post(
      `/heats/${c.heatId}/advance`,
      { toHeatId: semi.body.id as string, count: 1 },
      organiser.token,
    ),
    await stack.post(`/heats/${c.heatId}/results/release`, {}, organiser.token),
  ];
  const failed = steps.find((r) => r.status !== 200);
  if (failed) throw new Error(`decision: ${failed.status} ${JSON.stringify(failed.body)}`);
  const publicity = await stack.post(`/heats/${c.heatId}/publicity`, {}, organiser.token);
  if (publicity.status !== 201) throw new Error(`publicity: ${publicity.status}`);
  return publicity.body.id as string;
}

// pacedSeconds: the span the paced run spreads the loads over ("2,000 visitors in a minute").
const IDLE_SECONDS = 5;

export async function screenCrowd(
  loads: number,
  concurrency: number,
  pacedSeconds = 60,
): Promise<ScenarioResult[]> {
  const title = `Scenario 7: the big screen's first load, ${loads} visitors, ${concurrency} at once`;
  const counter = new StatementCounter();
  await counter.start();
  // Only the api goes through the counter: the worker's statements are not the crowd's.
  const stack = new Stack({
    env: BENCH_ENV,
    databaseVia: (url) => counter.url(url),
    workerDatabaseVia: (url) => url,
  });
  try {
    await stack.start();
    log(`${title}: seeding a roadshow with a project on stage`);
    const show = await openRoadshow(stack, 5, 5, 'TRIMMED_MEAN');
    const token = show.organiser.token;
    await stack.post(
      `/rounds/${show.roundId}/now-pitching`,
      { projectId: show.projectIds[0] },
      token,
    );
    const issued = await stack.post(`/rounds/${show.roundId}/ranking/stream-ticket`, {}, token);
    if (issued.status !== 201) throw new Error(`ticket: ${issued.status}`);
    const origin = stack.apiUrl.replace(/\/api\/v1$/, '');
    const pageUrl = `${origin}${issued.body.screenPath as string}`;
    const streamUrl = `${stack.apiUrl}/rounds/${show.roundId}/screen/stream?ticket=${encodeURIComponent(issued.body.ticket as string)}`;
    const asset = readdirSync(path.join(REPO_ROOT, 'dist/web/assets')).find((f) =>
      f.endsWith('.js'),
    );
    if (!asset) throw new Error('no built web asset: run npm run build');
    const staticUrl = `${origin}/assets/${asset}`;

    // Warm both paths once (the first read of a round fills the api's caches).
    await get(pageUrl);
    await firstFrame(streamUrl);
    await new Promise((r) => setTimeout(r, 500));

    log(`${title}: ${loads} static loads (baseline)`);
    const baseline = await runConcurrently(Array.from({ length: loads }), concurrency, async () => {
      if ((await get(staticUrl)) !== 200) throw new Error('static file refused');
    });

    log(`${title}: ${loads} screen loads`);
    // What the api sends PostgreSQL with nobody calling (its import runner
    // looks for work once a second): over a minute that is most of the count.
    const idleBefore = counter.statements;
    await new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000));
    const idlePerSecond = (counter.statements - idleBefore) / IDLE_SECONDS;
    const idle = `${idlePerSecond.toFixed(1)} a second idle before`;
    // A paced run's statements beyond the idle ones over its span.
    const beyondIdle = (statements: number, seconds: number) =>
      `${statements} (${Math.max(0, Math.round(statements - idlePerSecond * seconds))} beyond the idle ones)`;
    const cpuBefore = await stack.cpuSeconds();
    const before = counter.statements;
    const crowd = await runConcurrently(Array.from({ length: loads }), concurrency, async () => {
      if ((await get(pageUrl)) !== 200) throw new Error('screen page refused');
      const status = await firstFrame(streamUrl);
      if (status !== 200) throw new Error(`screen stream refused: ${status}`);
    });
    const statements = counter.statements - before;
    const cpuAfter = await stack.cpuSeconds();

    // The same visitors as they come to a hall: spread over a minute.
    log(`${title}: ${loads} screen loads spread over ${pacedSeconds} s`);
    const pacedBefore = counter.statements;
    const paced = await runAtRate(loads, pacedSeconds, async () => {
      if ((await get(pageUrl)) !== 200) throw new Error('screen page refused');
      const status = await firstFrame(streamUrl);
      if (status !== 200) throw new Error(`screen stream refused: ${status}`);
    });
    const pacedStatements = counter.statements - pacedBefore;
    const apiCpuMs = Object.keys(cpuAfter)
      .filter((k) => k.startsWith('api'))
      .reduce((sum, k) => sum + (cpuAfter[k] - (cpuBefore[k] ?? 0)) * 1000, 0);

    const screen: ScenarioResult = {
      title,
      rows: [
        [
          `first loads per second (page + stream to the first frame)`,
          perSec(loads / crowd.seconds),
          `static file, same process ${perSec(loads / baseline.seconds)}`,
          ratio(loads / crowd.seconds / (loads / baseline.seconds)),
        ],
        [
          'latency p50',
          ms(pct(crowd.latencies, 50)),
          `static p50 ${ms(pct(baseline.latencies, 50))}`,
          ratio(pct(crowd.latencies, 50) / pct(baseline.latencies, 50)),
        ],
        [
          'latency p99',
          ms(pct(crowd.latencies, 99)),
          `static p99 ${ms(pct(baseline.latencies, 99))}`,
          ratio(pct(crowd.latencies, 99) / pct(baseline.latencies, 99)),
          '≤ 100 ms',
        ],
        [
          `statements the api sent PostgreSQL for the ${loads} loads`,
          String(statements),
          idle,
          '',
          '≤ 10',
        ],
        [
          `the same ${loads} loads spread over ${pacedSeconds} s: latency p50 / p99`,
          `${ms(pct(paced.latencies, 50))} / ${ms(pct(paced.latencies, 99))}`,
          `static p99 at ${concurrency} at once ${ms(pct(baseline.latencies, 99))}`,
          '',
          'p99 ≤ 100 ms',
        ],
        [
          `statements for the ${loads} loads spread over ${pacedSeconds} s`,
          beyondIdle(pacedStatements, paced.seconds),
          idle,
          '',
          '≤ 10',
        ],
      ],
      memory: await stack.peakMemory(),
      notes: [
        `CPU of the api per first load: ${(apiCpuMs / loads).toFixed(2)} ms (page and stream).`,
      ],
    };

    // The public 公示 page: the same crowd on one published list.
    log(`${title}: the public 公示 page`);
    const publicityId = await publishedList(stack);
    const listUrl = `${stack.apiUrl}/public/publicities/${publicityId}`;
    await get(listUrl);
    const listCpuBefore = await stack.cpuSeconds();
    const listBefore = counter.statements;
    const listCrowd = await runConcurrently(
      Array.from({ length: loads }),
      concurrency,
      async () => {
        if ((await get(listUrl)) !== 200) throw new Error('public list refused');
      },
    );
    const listStatements = counter.statements - listBefore;
    const listCpuAfter = await stack.cpuSeconds();
    log(`${title}: ${loads} public page loads spread over ${pacedSeconds} s`);
    const listPacedBefore = counter.statements;
    const listPaced = await runAtRate(loads, pacedSeconds, async () => {
      if ((await get(listUrl)) !== 200) throw new Error('public list refused');
    });
    const listPacedStatements = counter.statements - listPacedBefore;
    const listCpuMs = Object.keys(listCpuAfter)
      .filter((k) => k.startsWith('api'))
      .reduce((sum, k) => sum + (listCpuAfter[k] - (listCpuBefore[k] ?? 0)) * 1000, 0);
    const list: ScenarioResult = {
      title: `Scenario 7: the public 公示 page, ${loads} visitors, ${concurrency} at once`,
      rows: [
        [
          'page loads per second',
          perSec(loads / listCrowd.seconds),
          `static file, same process ${perSec(loads / baseline.seconds)}`,
          ratio(loads / listCrowd.seconds / (loads / baseline.seconds)),
        ],
        [
          'latency p50',
          ms(pct(listCrowd.latencies, 50)),
          `static p50 ${ms(pct(baseline.latencies, 50))}`,
          ratio(pct(listCrowd.latencies, 50) / pct(baseline.latencies, 50)),
        ],
        [
          'latency p99',
          ms(pct(listCrowd.latencies, 99)),
          `static p99 ${ms(pct(baseline.latencies, 99))}`,
          ratio(pct(listCrowd.latencies, 99) / pct(baseline.latencies, 99)),
          '≤ 100 ms',
        ],
        [
          `statements the api sent PostgreSQL for the ${loads} loads`,
          String(listStatements),
          idle,
          '',
          '≤ 10',
        ],
        [
          `the same ${loads} loads spread over ${pacedSeconds} s: latency p50 / p99`,
          `${ms(pct(listPaced.latencies, 50))} / ${ms(pct(listPaced.latencies, 99))}`,
          `static p99 at ${concurrency} at once ${ms(pct(baseline.latencies, 99))}`,
          '',
          'p99 ≤ 100 ms',
        ],
        [
          `statements for the ${loads} loads spread over ${pacedSeconds} s`,
          beyondIdle(listPacedStatements, listPaced.seconds),
          idle,
          '',
          '≤ 10',
        ],
      ],
      memory: [],
      notes: [`CPU of the api per page load: ${(listCpuMs / loads).toFixed(2)} ms.`],
    };
    return [screen, list];
  } finally {
    await stack.stop();
    await counter.stop();
  }
}
