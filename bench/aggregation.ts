// Scenario 5: the pure ranking functions (libs/domain) on 10k and 1M scores,
// beside a plain loop that only sums the same numbers.
import { performance } from 'node:perf_hooks';
import { AggregationMethod, SubmittedTotal, computeRanking } from '../libs/domain/src';
import { ScenarioResult, ms, ratio } from './lib';

function totals(projects: number, judgesPerProject: number): SubmittedTotal[] {
  const out: SubmittedTotal[] = [];
  const judges = Math.max(judgesPerProject, Math.round(projects / 10));
  for (let p = 0; p < projects; p++)
    for (let k = 0; k < judgesPerProject; k++)
      out.push({
        judgeId: `J${(p * judgesPerProject + k) % judges}`,
        projectId: `P${String(p).padStart(7, '0')}`,
        total: ((p * 7919 + k * 104729) % 10000) / 100,
      });
  return out;
}

const best = (runs: number, fn: () => void) => {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
};

export function aggregation(sizes: { scores: number; goalMs: number }[]): ScenarioResult {
  const rows: ScenarioResult['rows'] = [];
  for (const { scores, goalMs } of sizes) {
    const judgesPerProject = scores >= 100000 ? 100 : 10;
    const data = totals(Math.round(scores / judgesPerProject), judgesPerProject);
    let sink = 0;
    const loop = best(5, () => {
      let s = 0;
      for (const t of data) s += t.total;
      sink += s;
    });
    for (const method of ['MEAN', 'TRIMMED_MEAN', 'ZSCORE'] as AggregationMethod[]) {
      const runs = scores >= 100000 ? 3 : 10;
      const took = best(runs, () => {
        sink += computeRanking(method, data, 2).length;
      });
      rows.push([
        `${method} on ${scores.toLocaleString('en')} scores (${judgesPerProject} judges per project)`,
        ms(took),
        `summing loop ${ms(loop)}`,
        ratio(took / loop),
        `≤ ${goalMs.toLocaleString('en')} ms`,
      ]);
    }
    if (sink === 42) console.log(''); // keeps the loops from being optimised away
  }
  return {
    title: 'Scenario 5: aggregation (pure ranking functions, best of several runs)',
    rows,
    memory: [],
    notes: [],
  };
}
