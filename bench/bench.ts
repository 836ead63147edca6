// `npm run bench`: the peaks of a national season on this machine, each
// figure beside a baseline measured in the same run (see docs/scale.md).
//   npm run bench                       every scenario, full size
//   npm run bench -- --only=1,5         some scenarios
//   npm run bench -- --quick            small sizes, for a quick look
//   npm run bench -- --api=1            scenarios 1 and 2 with 1 api process only (default 1,2)
//   npm run bench -- --scale=0.2        sizes of scenarios 2–4 times 0.2
//   npm run bench -- --workers=1,2      scenarios 3 and 4 with 1, then 2 worker processes (default 1)
//   npm run bench -- --smtp-delay=50    the SMTP sink answers each message after 50 ms (default 0)
//   npm run bench -- --uploads=100      scenario 6 with 100 applicants uploading (default 200)
//   npm run bench -- --crowd=500        scenario 7 with 500 visitors opening the big screen (default 2000)
import os from 'node:os';
import globalSetup from '../tests/support/global-setup';
import globalTeardown from '../tests/support/global-teardown';
import { aggregation } from './aggregation';
import { ScenarioResult, log, printResult, ratio } from './lib';
import { registrationRush, startRushStack } from './registration-rush';
import { resultsRelease } from './results-release';
import { scoringBurst } from './scoring-burst';
import { screenCrowd } from './screen-crowd';
import { uploadRush } from './upload-rush';

function args() {
  const get = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const quick = process.argv.includes('--quick');
  const scale = Number(get('scale') ?? (quick ? 0.1 : 1));
  return {
    only: new Set((get('only') ?? '1,2,3,4,5,6,7').split(',').map(Number)),
    crowd: Number(get('crowd') ?? (quick ? 200 : 2000)),
    uploads: Number(get('uploads') ?? (quick ? 20 : 200)),
    apis: (get('api') ?? '1,2').split(',').map(Number),
    workers: (get('workers') ?? '1').split(',').map(Number),
    smtpDelayMs: Number(get('smtp-delay') ?? 0),
    scale,
    quick,
  };
}

let failed = false;

// A scenario that fails is reported and the others still run; the exit code says so.
async function attempt(what: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    failed = true;
    console.log(`\n**${what} failed:** ${error instanceof Error ? error.message : String(error)}`);
    console.error(error);
  }
}

async function main(): Promise<void> {
  const { only, apis, workers, smtpDelayMs, scale, quick, uploads, crowd } = args();
  const n = (x: number) => Math.max(10, Math.round(x * scale));
  console.log(
    `# npm run bench ${process.argv.slice(2).join(' ')}\n\n${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; api, worker, PostgreSQL, Redis, SMTP sink and load generator all on this machine.`,
  );
  const results: ScenarioResult[] = [];
  await globalSetup();
  try {
    const bursts: [number, string, Parameters<typeof scoringBurst>[1]][] = [
      [
        1,
        'Scenario 1: roadshow burst, 9 judges × 30 projects, all at once',
        { judges: 9, projects: 30, perJudge: 30, concurrency: 270 },
      ],
      [
        2,
        `Scenario 2: online expert review, ${n(1000)} judges × 10 projects`,
        { judges: n(1000), projects: n(1000), perJudge: 10, concurrency: Math.min(n(1000), 200) },
      ],
    ];
    for (const [id, title, size] of bursts) {
      if (!only.has(id)) continue;
      const perSecond: number[] = [];
      for (const api of apis) {
        await attempt(`scenario ${id} with ${api} api`, async () => {
          const r = await scoringBurst(title, size, api);
          perSecond.push(r.perSecond);
          results.push(r.result);
          printResult(r.result);
        });
      }
      if (perSecond.length === apis.length && apis.length > 1)
        console.log(
          `\nScaling (scenario ${id}): ${apis.map((a, i) => `${a} api ${perSecond[i].toFixed(0)}/s`).join(', ')}; ratio ${ratio(perSecond[perSecond.length - 1] / perSecond[0])}`,
        );
    }
    if (only.has(3) || only.has(4)) {
      // Scenario 4 releases results to the applicants of scenario 3.
      for (const workerProcesses of workers) {
        await attempt(`scenarios 3 and 4 with ${workerProcesses} worker(s)`, async () => {
          const { stack, sink } = await startRushStack(workerProcesses, smtpDelayMs);
          try {
            log(
              `scenarios 3 and 4: ${workerProcesses} worker process(es), SMTP sink delay ${smtpDelayMs} ms`,
            );
            const { result, ctx } = await registrationRush(stack, sink, n(5000));
            if (only.has(3)) {
              results.push(result);
              printResult(result);
            }
            if (only.has(4)) {
              const r = await resultsRelease(ctx);
              r.title += ` (${workerProcesses} worker process${workerProcesses > 1 ? 'es' : ''}, SMTP reply after ${smtpDelayMs} ms)`;
              results.push(r);
              printResult(r);
            }
          } finally {
            await stack.stop();
            await sink.stop();
          }
        });
      }
    }
    if (only.has(5)) {
      const r = aggregation(
        quick
          ? [
              { scores: 10000, goalMs: 50 },
              { scores: 100000, goalMs: 300 },
            ]
          : [
              { scores: 10000, goalMs: 50 },
              { scores: 1000000, goalMs: 3000 },
            ],
      );
      results.push(r);
      printResult(r);
    }
    if (only.has(6)) {
      await attempt('scenario 6', async () => {
        const r = await uploadRush(uploads);
        results.push(r);
        printResult(r);
      });
    }
    if (only.has(7)) {
      await attempt('scenario 7', async () => {
        for (const r of await screenCrowd(crowd, 100, quick ? 6 : 60)) {
          results.push(r);
          printResult(r);
        }
      });
    }
  } finally {
    await globalTeardown();
  }
  log(`done: ${results.length} tables`);
}

main().then(
  () => process.exit(failed ? 1 : 0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
