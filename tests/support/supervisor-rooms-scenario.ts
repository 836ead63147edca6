import { HeatFixture, eligibleHeat } from './judging-scenario';
import { twoRoomRound } from './rooms-scenario';
import { Stack, waitFor } from './stack';

export interface SupervisedRoomsFixture {
  heat: HeatFixture;
  roundId: string;
  roomA: { id: string; name: string };
  roomB: { id: string; name: string };
  supervisor: { id: string; email: string; password: string; token: string };
}

/**
 * An open roadshow round with two rooms (分会场), drawn and scored, and an
 * appointed supervisor: 一号厅 seats judge 0 on projects 0 and 1 (scored 70
 * and 80), 二号厅 judge 1 on projects 2 and 3 (95 and 90), so the round
 * ranks 二号厅's first and each room ranks its own from 1.
 */
export async function supervisedRooms(stack: Stack): Promise<SupervisedRoomsFixture> {
  const heat = await eligibleHeat(stack, 4, 2, false);
  const token = heat.organiser.token;
  const ok = async (what: string, res: Promise<{ status: number; body: any }>, status = 200) => {
    const r = await res;
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const { roundId, rooms } = await twoRoomRound(stack, heat);
  const [roomA, roomB] = rooms;
  await ok('open', stack.post(`/rounds/${roundId}/open`, {}, token));
  await ok('the draw', stack.post(`/rounds/${roundId}/pitch-order`, {}, token));

  const email = `supervisor-rooms-${Date.now()}@e2e.test`;
  const password = 'Roadshow-Watch-2026!';
  const user = await ok(
    'the supervisor',
    stack.post('/users', { email, name: '分会场监督员', roles: ['SUPERVISOR'], password }, token),
    201,
  );
  await ok(
    'appoint',
    stack.post(`/competitions/${heat.competition.id}/supervisors`, { userId: user.user.id }, token),
  );

  for (const [j, p, x] of [
    [0, 0, 70],
    [0, 1, 80],
    [1, 2, 95],
    [1, 3, 90],
  ])
    await ok(
      'a score',
      stack.put(
        `/rounds/${roundId}/projects/${heat.projectIds[p]}/score`,
        { scores: { TECH: x, BUSINESS: x, MARKET: x, TEAM: x }, submit: true },
        heat.judges[j].token,
      ),
    );
  await waitFor('the ranking to count every submit', async () => {
    const r = await stack.get(`/rounds/${roundId}/ranking`, token);
    return r.body.entries?.length === 4 && r.body.entries.every((e: any) => e.complete);
  });
  return {
    heat,
    roundId,
    roomA: { id: roomA.id, name: roomA.name },
    roomB: { id: roomB.id, name: roomB.name },
    supervisor: { id: user.user.id, email, password, token: await stack.login(email, password) },
  };
}

// Project n belongs to applicant n % 4 (eligibleHeat).
export const ownerOf = (heat: HeatFixture, p: number) =>
  heat.applicants[p % heat.applicants.length];

/**
 * 一号厅's sign-off: judge 0 signs the sheet, project 0's team confirms (无异议),
 * project 1's team objects and the organiser dismisses it. Returns the objection's id.
 */
export async function roomASignOff(
  stack: Stack,
  f: SupervisedRoomsFixture,
  signature: string,
  decision = { handling: '调阅评分记录，评委说明依据', reason: '评分依据充分，维持原成绩' },
) {
  const { heat, roundId } = f;
  const signed = await stack.post(
    `/rounds/${roundId}/my-sheet/signature`,
    { signature },
    heat.judges[0].token,
  );
  if (signed.status !== 200) throw new Error(`sign: ${signed.status}`);
  const result = (p: number) =>
    stack.get(`/rounds/${roundId}/projects/${heat.projectIds[p]}/result`, ownerOf(heat, p).token);
  await waitFor(
    '一号厅 revealed',
    async () => (await result(0)).body.state === 'OPEN' && (await result(1)).body.state === 'OPEN',
  );
  const confirmed = await stack.post(
    `/rounds/${roundId}/projects/${heat.projectIds[0]}/confirmation`,
    { signature },
    ownerOf(heat, 0).token,
  );
  if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status}`);
  const raised = await stack.post(
    `/rounds/${roundId}/projects/${heat.projectIds[1]}/objection`,
    { text: '评委对我们的市场数据理解有误，请复核。' },
    ownerOf(heat, 1).token,
  );
  if (raised.status !== 200) throw new Error(`object: ${raised.status}`);
  const objectionId = raised.body.objection.id as string;
  return {
    objectionId,
    decide: async () => {
      const decided = await stack.post(
        `/rounds/${roundId}/objections/${objectionId}/decision`,
        { decision: 'DISMISSED', ...decision },
        heat.organiser.token,
      );
      if (decided.status !== 200) throw new Error(`decide: ${decided.status}`);
    },
  };
}
