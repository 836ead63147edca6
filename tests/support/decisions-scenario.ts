import { Stack, waitFor } from './stack';
import { Applicant, Organiser, projectBody, uniqueEmail } from './scenario';

export const STRONG_PASSWORD = 'Roadshow-Judge-2026!';

export interface PanelJudge {
  id: string;
  email: string;
  token: string;
}

export async function createJudges(
  stack: Stack,
  organiser: Organiser,
  count: number,
): Promise<PanelJudge[]> {
  const judges: PanelJudge[] = [];
  for (let j = 0; j < count; j++) {
    const email = uniqueEmail(`judge${j}`);
    const res = await stack.post(
      '/users',
      {
        email,
        name: `评委${j}`,
        roles: ['JUDGE'],
        affiliation: `评审单位${j}`,
        password: STRONG_PASSWORD,
      },
      organiser.token,
    );
    if (res.status !== 201) throw new Error(`judge: ${res.status} ${JSON.stringify(res.body)}`);
    judges.push({ id: res.body.user.id, email, token: await stack.login(email, STRONG_PASSWORD) });
  }
  return judges;
}

// Registers and submits a project (no decision yet).
export async function submittedProject(
  stack: Stack,
  competitionId: string,
  heatId: string,
  owner: Applicant,
  title: string,
): Promise<string> {
  const res = await stack.post(
    `/competitions/${competitionId}/projects`,
    projectBody(heatId, title, `${title}科技有限公司`),
    owner.token,
  );
  if (res.status !== 201) throw new Error(`project: ${res.status} ${JSON.stringify(res.body)}`);
  await stack.post(`/projects/${res.body.id}/submit`, {}, owner.token);
  return res.body.id as string;
}

export async function createRound(
  stack: Stack,
  organiser: Organiser,
  heatId: string,
  body: Record<string, unknown>,
): Promise<string> {
  const res = await stack.post(
    `/heats/${heatId}/rounds`,
    { name: '路演', kind: 'ROADSHOW', method: 'MEAN', ...body },
    organiser.token,
  );
  if (res.status !== 201) throw new Error(`round: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

// One round in the heat, every judge scoring every project with the same mark
// on every criterion (so the project's score is its mark), closed, settled.
export async function judgeHeat(
  stack: Stack,
  organiser: Organiser,
  heatId: string,
  rubricId: string,
  judges: PanelJudge[],
  marks: Map<string, number>,
): Promise<string> {
  const round = await createRound(stack, organiser, heatId, { rubricId });
  await stack.post(
    `/rounds/${round}/judges`,
    { judgeIds: judges.map((j) => j.id) },
    organiser.token,
  );
  const assigned = await stack.post(
    `/rounds/${round}/assignments`,
    { judgesPerProject: judges.length },
    organiser.token,
  );
  if (assigned.status !== 200) throw new Error(`assign: ${JSON.stringify(assigned.body)}`);
  await stack.post(`/rounds/${round}/open`, {}, organiser.token);
  for (const j of judges)
    for (const [projectId, mark] of marks) {
      const scores = { TECH: mark, BUSINESS: mark, MARKET: mark, TEAM: mark };
      await stack.put(`/rounds/${round}/projects/${projectId}/score`, { scores }, j.token);
      await stack.post(`/rounds/${round}/projects/${projectId}/score/submit`, {}, j.token);
    }
  const closed = await stack.post(`/rounds/${round}/close`, {}, organiser.token);
  if (closed.status !== 200) throw new Error(`close: ${JSON.stringify(closed.body)}`);
  await waitFor(
    'settled standings',
    async () => (await stack.get(`/heats/${heatId}/standings`, organiser.token)).body.final,
  );
  return round;
}
