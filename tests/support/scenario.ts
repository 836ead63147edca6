import { ADMIN, Stack } from './stack';

const day = 24 * 3600 * 1000;
let seq = 0;
export const uniqueEmail = (tag: string) => `${tag}.${Date.now().toString(36)}.${++seq}@e2e.test`;

export interface Organiser {
  token: string;
  id: string;
  email: string;
}

export async function createOrganiser(stack: Stack, name = '组委会 王磊'): Promise<Organiser> {
  const adminToken = await stack.login(ADMIN.email, ADMIN.password);
  const email = uniqueEmail('organiser');
  const res = await stack.post(
    '/users',
    { email, name, roles: ['ORGANISER'], password: 'Roadshow-Organiser-2026!' },
    adminToken,
  );
  if (res.status !== 201)
    throw new Error(`create organiser: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    token: await stack.login(email, 'Roadshow-Organiser-2026!'),
    id: res.body.user.id,
    email,
  };
}

export interface CompetitionFixture {
  id: string;
  heatId: string;
  rubricId: string;
}

export async function createCompetition(
  stack: Stack,
  organiser: Organiser,
  window: { opensAt?: Date; closesAt?: Date } = {},
): Promise<CompetitionFixture> {
  const now = Date.now();
  const competition = await stack.post(
    '/competitions',
    {
      name: '第四届中国江阴（高新区）创新创业大赛',
      tracks: [
        { code: 'LIFE_HEALTH', name: '生命健康' },
        { code: 'IOT', name: '物联网' },
        { code: 'BIG_DATA', name: '大数据' },
        { code: 'AI', name: '人工智能' },
      ],
      stages: [
        { code: 'HEAT', name: '分站赛', order: 1 },
        { code: 'SEMIFINAL', name: '半决赛', order: 2 },
        { code: 'FINAL', name: '决赛', order: 3 },
      ],
      registrationOpensAt: (window.opensAt ?? new Date(now - day)).toISOString(),
      registrationClosesAt: (window.closesAt ?? new Date(now + 30 * day)).toISOString(),
    },
    organiser.token,
  );
  if (competition.status !== 201)
    throw new Error(
      `create competition: ${competition.status} ${JSON.stringify(competition.body)}`,
    );
  const heat = await stack.post(
    `/competitions/${competition.body.id}/heats`,
    {
      stageCode: 'HEAT',
      name: '华南赛区',
      region: '华南',
      city: '深圳',
      venue: '江阴高新区深圳离岸孵化器',
      advanceQuota: 5,
    },
    organiser.token,
  );
  const rubric = await stack.post(
    `/competitions/${competition.body.id}/rubrics`,
    {
      name: '分站赛评分标准',
      criteria: [
        { code: 'TECH', name: '技术与产品', weight: 0.3, maxScore: 100 },
        { code: 'BUSINESS', name: '商业模式', weight: 0.25, maxScore: 100 },
        { code: 'MARKET', name: '行业与市场', weight: 0.25, maxScore: 100 },
        { code: 'TEAM', name: '团队', weight: 0.2, maxScore: 100 },
      ],
    },
    organiser.token,
  );
  return { id: competition.body.id, heatId: heat.body.id, rubricId: rubric.body.id };
}

export interface Applicant {
  token: string;
  id: string;
  email: string;
}

export async function signUpApplicant(
  stack: Stack,
  name = '李娜',
  locale = 'zh-CN',
): Promise<Applicant> {
  const email = uniqueEmail('applicant');
  const res = await stack.post('/auth/signup', {
    email,
    password: 'Roadshow-Applicant-2026!',
    name,
    locale,
  });
  if (res.status !== 201) throw new Error(`signup: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    token: await stack.login(email, 'Roadshow-Applicant-2026!'),
    id: res.body.user.id,
    email,
  };
}

export function projectBody(
  heatId: string,
  title = '柔性电子皮肤传感器',
  organisation = '深圳智感科技有限公司',
) {
  return {
    title,
    summary: '面向康复医疗的柔性压力传感阵列与数据平台。',
    trackCode: 'IOT',
    heatId,
    organisation: { name: organisation, city: '深圳', foundedAt: '2023-06-01' },
    team: [
      { name: '李娜', role: 'CEO', overseasReturnee: true },
      { name: '陈刚', role: 'CTO' },
    ],
    fundingStage: 'ANGEL',
  };
}

export async function registerProject(
  stack: Stack,
  applicant: Applicant,
  heatId: string,
  competitionId: string,
  title?: string,
  organisation?: string,
) {
  const res = await stack.post(
    `/competitions/${competitionId}/projects`,
    projectBody(heatId, title, organisation),
    applicant.token,
  );
  if (res.status !== 201)
    throw new Error(`register project: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; status: string };
}
