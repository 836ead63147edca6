import { Stack, waitFor } from './stack';
import {
  Organiser,
  createCompetition,
  createOrganiser,
  projectBody,
  signUpApplicant,
  uniqueEmail,
} from './scenario';

const L = (zh: string, en: string) => ({ zh, en });

//                             name   group      unit        mark (= score)
export const RULED_HEAT: [string, string, string, number][] = [
  ['C1', 'company', '丁公司', 92],
  ['T1', 'team', '甲大学', 90],
  ['T2', 'team', '甲大学', 88],
  ['T3', 'team', '甲大学', 85],
  ['T4', 'team', '乙大学', 80],
  ['T5', 'team', '丙孵化器', 80],
  ['C2', 'company', '戊公司', 70],
  ['C3', 'company', '甲大学', 60],
];

export interface RuledHeat {
  organiser: Organiser;
  competitionId: string;
  heatId: string;
  semi: string;
  ids: Map<string, string>;
}

// A closed heat of eight projects in two groups (团队组, 企业组) whose scores
// are RULED_HEAT's marks (one judge, the same mark on every criterion), and a
// semi-final heat to advance into. Projects are titled 项目<name>.
export async function ruledHeat(stack: Stack): Promise<RuledHeat> {
  const organiser = await createOrganiser(stack);
  const c = await createCompetition(stack, organiser);
  const competitionId = c.id;
  const heatId = c.heatId;
  const semi = (
    await stack.post(
      `/competitions/${competitionId}/heats`,
      { stageCode: 'SEMIFINAL', name: '半决赛', city: '江阴', advanceQuota: 3 },
      organiser.token,
    )
  ).body.id as string;
  const form = await stack.put(
    `/competitions/${competitionId}/registration-form`,
    {
      groups: [
        { key: 'team', label: L('团队组', 'Team group') },
        { key: 'company', label: L('企业组', 'Company group') },
      ],
      fields: [],
    },
    organiser.token,
  );
  if (form.status !== 200) throw new Error(`form: ${form.status}`);
  const owner = await signUpApplicant(stack, '申请人');
  const ids = new Map<string, string>();
  for (const [n, group, unit] of RULED_HEAT) {
    const res = await stack.post(
      `/competitions/${competitionId}/projects`,
      projectBody(heatId, `项目${n}`, unit),
      owner.token,
    );
    if (res.status !== 201) throw new Error(`project: ${res.status}`);
    ids.set(n, res.body.id);
    // The group as the form would record it (a shortcut past the answers).
    await stack.sql('UPDATE projects SET group_key = $1 WHERE id = $2', [group, res.body.id]);
    await stack.post(`/projects/${res.body.id}/submit`, {}, owner.token);
    const review = await stack.post(
      `/projects/${res.body.id}/review`,
      { decision: 'ELIGIBLE' },
      organiser.token,
    );
    if (review.status !== 200) throw new Error(`review: ${review.status}`);
  }
  const email = uniqueEmail('judge');
  const judge = await stack.post(
    '/users',
    { email, name: '评委甲', roles: ['JUDGE'], password: 'Roadshow-Judge-2026!' },
    organiser.token,
  );
  const judgeToken = await stack.login(email, 'Roadshow-Judge-2026!');
  const round = (
    await stack.post(
      `/heats/${heatId}/rounds`,
      { name: '路演', kind: 'ROADSHOW', rubricId: c.rubricId, method: 'MEAN' },
      organiser.token,
    )
  ).body.id;
  await stack.post(`/rounds/${round}/judges`, { judgeIds: [judge.body.user.id] }, organiser.token);
  await stack.post(`/rounds/${round}/assignments`, { judgesPerProject: 1 }, organiser.token);
  await stack.post(`/rounds/${round}/open`, {}, organiser.token);
  for (const [n, , , mark] of RULED_HEAT) {
    const scores = { TECH: mark, BUSINESS: mark, MARKET: mark, TEAM: mark };
    const put = await stack.put(
      `/rounds/${round}/projects/${ids.get(n)}/score`,
      { scores },
      judgeToken,
    );
    if (put.status !== 200) throw new Error(`score: ${put.status}`);
    await stack.post(`/rounds/${round}/projects/${ids.get(n)}/score/submit`, {}, judgeToken);
  }
  await stack.post(`/rounds/${round}/close`, {}, organiser.token);
  await waitFor(
    'settled standings',
    async () => (await stack.get(`/heats/${heatId}/standings`, organiser.token)).body.final,
  );
  return { organiser, competitionId, heatId, semi, ids };
}
