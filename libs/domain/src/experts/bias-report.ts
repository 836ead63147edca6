import { roundHalfAwayFromZero } from '../judging/rounding';

// The judge-bias report (advisory; it never changes a result): the additive
// model total = project effect + judge effect, fitted by least squares over
// each connected component of the judge–project graph, judge effects summing
// to zero within a component. Judges or projects in different components
// cannot be compared, and the report says so.

export interface BiasObservation {
  judgeId: string;
  projectId: string;
  total: number;
}

export interface JudgeOffset {
  judgeId: string;
  component: number;
  scores: number;
  /** The judge's effect: how much above (+) or below (−) the panel it marks. */
  offset: number;
  /** Its standard error; null when the fit leaves no residual degrees of freedom. */
  standardError: number | null;
  /** |offset| > 2 standard errors. */
  flagged: boolean;
}

export interface ProjectEffect {
  projectId: string;
  component: number;
  judgeCount: number;
  rawMean: number;
  /** The project effect: its mean as if every judge of its component had marked it. */
  calibrated: number;
  spread: number;
  /** spread > the report's spread threshold. */
  spreadFlag: boolean;
  position: number | null;
}

export interface BiasReport {
  connected: boolean;
  components: { index: number; judgeIds: string[]; projectIds: string[] }[];
  judges: JudgeOffset[];
  projects: ProjectEffect[];
  residualDf: number;
  residualSd: number | null;
  /** Score against pitch position (roadshows): the least-squares slope and Pearson r. */
  orderEffect: {
    points: { position: number; projectId: string; rawMean: number }[];
    slope: number | null;
    correlation: number | null;
  } | null;
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const r4 = (x: number) => roundHalfAwayFromZero(x, 4);

/** Solves A x = b and returns A⁻¹ too (Gauss–Jordan, partial pivoting). */
function solveWithInverse(A: number[][], b: number[]): { x: number[]; inv: number[][] } {
  const n = A.length;
  const M = A.map((row, i) => [
    ...row,
    b[i],
    ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)),
  ]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(M[r][col]) > Math.abs(M[pivot][col])) pivot = r;
    if (Math.abs(M[pivot][col]) < 1e-12) throw new Error('singular normal equations');
    [M[col], M[pivot]] = [M[pivot], M[col]];
    const p = M[col][col];
    for (let k = 0; k < M[col].length; k++) M[col][k] /= p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = M[r][col];
      if (f !== 0) for (let k = 0; k < M[r].length; k++) M[r][k] -= f * M[col][k];
    }
  }
  return { x: M.map((row) => row[n]), inv: M.map((row) => row.slice(n + 1)) };
}

export function biasReport(
  observations: readonly BiasObservation[],
  options: { spreadThreshold?: number; positions?: ReadonlyMap<string, number> } = {},
): BiasReport {
  const spreadThreshold = options.spreadThreshold ?? 15;
  const obs = [...observations].sort(
    (a, b) => byText(a.judgeId, b.judgeId) || byText(a.projectId, b.projectId),
  );
  // Components by union–find over "j:" and "p:" nodes.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const o of obs) {
    for (const n of [`j:${o.judgeId}`, `p:${o.projectId}`]) if (!parent.has(n)) parent.set(n, n);
    const a = find(`j:${o.judgeId}`);
    const b = find(`p:${o.projectId}`);
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const groups = new Map<string, BiasObservation[]>();
  for (const o of obs) {
    const root = find(`j:${o.judgeId}`);
    groups.set(root, [...(groups.get(root) ?? []), o]);
  }
  // Components numbered by their smallest judge id.
  const comps = [...groups.values()]
    .map((os) => ({
      obs: os,
      judgeIds: [...new Set(os.map((o) => o.judgeId))].sort(byText),
      projectIds: [...new Set(os.map((o) => o.projectId))].sort(byText),
    }))
    .sort((a, b) => byText(a.judgeIds[0], b.judgeIds[0]));

  const judges: JudgeOffset[] = [];
  const projects: ProjectEffect[] = [];
  let rss = 0;
  let df = 0;
  const fits: {
    inv: number[][];
    J: number;
    P: number;
    judgeIds: string[];
    index: number;
    x: number[];
  }[] = [];
  comps.forEach((c, index) => {
    const P = c.projectIds.length;
    const J = c.judgeIds.length;
    const m = P + J - 1; // project effects, then J − 1 judge effects (the last is −Σ others)
    const pIdx = new Map(c.projectIds.map((id, i) => [id, i]));
    const jIdx = new Map(c.judgeIds.map((id, i) => [id, i]));
    const row = (o: BiasObservation) => {
      const x = new Array<number>(m).fill(0);
      x[pIdx.get(o.projectId)!] = 1;
      const j = jIdx.get(o.judgeId)!;
      if (j < J - 1) x[P + j] = 1;
      else for (let k = 0; k < J - 1; k++) x[P + k] = -1;
      return x;
    };
    const XtX = Array.from({ length: m }, () => new Array<number>(m).fill(0));
    const Xty = new Array<number>(m).fill(0);
    for (const o of c.obs) {
      const x = row(o);
      for (let i = 0; i < m; i++) {
        if (x[i] === 0) continue;
        Xty[i] += x[i] * o.total;
        for (let k = 0; k < m; k++) XtX[i][k] += x[i] * x[k];
      }
    }
    const { x, inv } = solveWithInverse(XtX, Xty);
    for (const o of c.obs) {
      const xr = row(o);
      const fitted = xr.reduce((s, v, i) => s + v * x[i], 0);
      rss += (o.total - fitted) ** 2;
    }
    df += c.obs.length - m;
    fits.push({ inv, J, P, judgeIds: c.judgeIds, index, x });
    for (const [pid, i] of pIdx) {
      const ts = c.obs.filter((o) => o.projectId === pid).map((o) => o.total);
      const spread = Math.max(...ts) - Math.min(...ts);
      projects.push({
        projectId: pid,
        component: index,
        judgeCount: ts.length,
        rawMean: r4(ts.reduce((a, b) => a + b, 0) / ts.length),
        calibrated: r4(x[i]),
        spread: r4(spread),
        spreadFlag: spread > spreadThreshold,
        position: options.positions?.get(pid) ?? null,
      });
    }
  });
  const sigma2 = df > 0 ? rss / df : null;
  for (const f of fits) {
    const judgeBlock = (a: number, b: number) => f.inv[f.P + a][f.P + b];
    f.judgeIds.forEach((judgeId, j) => {
      let offset: number;
      let variance: number;
      if (j < f.J - 1) {
        offset = f.x[f.P + j];
        variance = judgeBlock(j, j);
      } else {
        offset = 0;
        variance = 0;
        for (let a = 0; a < f.J - 1; a++) {
          offset -= f.x[f.P + a];
          for (let b = 0; b < f.J - 1; b++) variance += judgeBlock(a, b);
        }
      }
      const se = sigma2 === null || f.J === 1 ? null : Math.sqrt(Math.max(0, sigma2 * variance));
      judges.push({
        judgeId,
        component: f.index,
        scores: comps[f.index].obs.filter((o) => o.judgeId === judgeId).length,
        offset: r4(offset) + 0, // no −0
        standardError: se === null ? null : r4(se),
        flagged: se !== null && se > 0 && Math.abs(offset) > 2 * se,
      });
    });
  }
  let orderEffect: BiasReport['orderEffect'] = null;
  if (options.positions && options.positions.size) {
    const points = projects
      .filter((p) => p.position !== null)
      .map((p) => ({ position: p.position!, projectId: p.projectId, rawMean: p.rawMean }))
      .sort((a, b) => a.position - b.position);
    let slope: number | null = null;
    let correlation: number | null = null;
    if (points.length >= 2) {
      const mx = points.reduce((s, p) => s + p.position, 0) / points.length;
      const my = points.reduce((s, p) => s + p.rawMean, 0) / points.length;
      const sxx = points.reduce((s, p) => s + (p.position - mx) ** 2, 0);
      const syy = points.reduce((s, p) => s + (p.rawMean - my) ** 2, 0);
      const sxy = points.reduce((s, p) => s + (p.position - mx) * (p.rawMean - my), 0);
      slope = sxx > 0 ? r4(sxy / sxx) : null;
      correlation = sxx > 0 && syy > 0 ? r4(sxy / Math.sqrt(sxx * syy)) : null;
    }
    orderEffect = { points, slope, correlation };
  }
  return {
    connected: comps.length <= 1,
    components: comps.map((c, index) => ({
      index,
      judgeIds: c.judgeIds,
      projectIds: c.projectIds,
    })),
    judges,
    projects,
    residualDf: df,
    residualSd: sigma2 === null ? null : r4(Math.sqrt(sigma2)),
    orderEffect,
  };
}
