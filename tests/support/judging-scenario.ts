import { Stack } from './stack';
import {
  Applicant,
  CompetitionFixture,
  Organiser,
  createCompetition,
  createOrganiser,
  projectBody,
  signUpApplicant,
  uniqueEmail,
} from './scenario';

export interface Judge {
  id: string;
  email: string;
  token: string;
  affiliation: string;
}

export interface HeatFixture {
  organiser: Organiser;
  competition: CompetitionFixture;
  applicants: Applicant[];
  projectIds: string[];
  organisations: Map<string, string>;
  judges: Judge[];
}

// A heat with `projects` ELIGIBLE projects and `judges` judges in the pool of
// neither round yet. Judge 0 works at the organisation of project 0 (同单位).
export async function eligibleHeat(
  stack: Stack,
  projects: number,
  judges: number,
  sameUnitJudge = true,
): Promise<HeatFixture> {
  const organiser = await createOrganiser(stack);
  const competition = await createCompetition(stack, organiser);
  const applicants = await Promise.all(
    Array.from({ length: 4 }, (_, i) => signUpApplicant(stack, `申请人${i}`)),
  );
  const projectIds: string[] = [];
  const organisations = new Map<string, string>();
  // Created one after another, so registration order (exports, lists) is title
  // order; submitted and reviewed eight at a time.
  for (let n = 0; n < projects; n++) {
    const owner = applicants[n % applicants.length];
    const org = `测试科技${n}有限公司`;
    const res = await stack.post(
      `/competitions/${competition.id}/projects`,
      projectBody(competition.heatId, `项目${String(n).padStart(2, '0')}`, org),
      owner.token,
    );
    organisations.set(res.body.id, org);
    projectIds.push(res.body.id as string);
  }
  for (let i = 0; i < projects; i += 8) {
    await Promise.all(
      projectIds.slice(i, i + 8).map(async (id, k) => {
        const owner = applicants[(i + k) % applicants.length];
        await stack.post(`/projects/${id}/submit`, {}, owner.token);
        await stack.post(`/projects/${id}/review`, { decision: 'ELIGIBLE' }, organiser.token);
      }),
    );
  }
  const judgeList: Judge[] = [];
  for (let j = 0; j < judges; j++) {
    const email = uniqueEmail(`judge${j}`);
    const affiliation =
      j === 0 && sameUnitJudge
        ? ` ${organisations.get(projectIds[0])!.toUpperCase()} `
        : `评审单位${j}`;
    const res = await stack.post(
      '/users',
      { email, name: `评委${j}`, roles: ['JUDGE'], affiliation, password: 'Roadshow-Judge-2026!' },
      organiser.token,
    );
    if (res.status !== 201) throw new Error(`judge: ${res.status} ${JSON.stringify(res.body)}`);
    judgeList.push({
      id: res.body.user.id,
      email,
      token: await stack.login(email, 'Roadshow-Judge-2026!'),
      affiliation,
    });
  }
  return { organiser, competition, applicants, projectIds, organisations, judges: judgeList };
}

// ---- An independent computation of API.md's scoring rules, for comparison. ----

export const WEIGHTS: Record<string, number> = {
  TECH: 0.3,
  BUSINESS: 0.25,
  MARKET: 0.25,
  TEAM: 0.2,
};

export function deterministicScores(
  judgeIndex: number,
  projectIndex: number,
): Record<string, number> {
  const base = (judgeIndex * 37 + projectIndex * 53) % 41;
  return {
    TECH: 55 + base,
    BUSINESS: 50 + ((base * 7) % 45),
    MARKET: 60 + ((base * 3) % 38),
    TEAM: 58 + ((base * 11) % 40),
  };
}

export const total = (s: Record<string, number>) =>
  Object.entries(WEIGHTS).reduce((sum, [code, w]) => sum + (w * s[code]) / 100, 0) * 100;

export const round2 = (x: number) =>
  (Math.sign(x) * Math.round(Number((Math.abs(x) * 100).toFixed(6)))) / 100;

export function expectedRanking(
  totals: { judgeId: string; projectId: string; total: number }[],
  method: 'MEAN' | 'TRIMMED_MEAN',
  trim = 1,
) {
  const byProject = new Map<string, number[]>();
  for (const t of totals)
    byProject.set(t.projectId, [...(byProject.get(t.projectId) ?? []), t.total]);
  const rows = [...byProject].map(([projectId, xs]) => {
    let kept = [...xs].sort((a, b) => a - b);
    if (method === 'TRIMMED_MEAN' && kept.length > 2 * trim)
      kept = kept.slice(trim, kept.length - trim);
    return {
      projectId,
      score: round2(kept.reduce((a, b) => a + b, 0) / kept.length),
      judgeCount: xs.length,
    };
  });
  rows.sort((a, b) => b.score - a.score || a.projectId.localeCompare(b.projectId));
  return rows.map((r, i) => ({ ...r, rank: rows.findIndex((x) => x.score === r.score) + 1, i }));
}
