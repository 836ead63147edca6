import { HeatFixture } from './judging-scenario';
import { Stack } from './stack';

/**
 * A roadshow round (not yet open) of a 4-project, 2-judge heat split into two
 * rooms (分会场) with per-room quotas of 1: 一号厅 seats judge 0 on projects 0
 * and 1, 二号厅 judge 1 on projects 2 and 3. Each step must succeed.
 */
export async function twoRoomRound(
  stack: Stack,
  heat: HeatFixture,
): Promise<{ roundId: string; rooms: { id: string; name: string; screenPath: string }[] }> {
  const token = heat.organiser.token;
  const ok = async (what: string, res: Promise<{ status: number; body: any }>, status = 200) => {
    const r = await res;
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const created = await ok(
    'create the round',
    stack.post(
      `/heats/${heat.competition.heatId}/rounds`,
      { name: '分会场路演', kind: 'ROADSHOW', rubricId: heat.competition.rubricId, method: 'MEAN' },
      token,
    ),
    201,
  );
  const roundId = created.id as string;
  await ok(
    'the panel',
    stack.post(`/rounds/${roundId}/judges`, { judgeIds: heat.judges.map((j) => j.id) }, token),
  );
  for (const [p, j] of [
    [0, 0],
    [1, 0],
    [2, 1],
    [3, 1],
  ])
    await ok(
      'an assignment',
      stack.put(
        `/rounds/${roundId}/assignments/${heat.projectIds[p]}/${heat.judges[j].id}`,
        {},
        token,
      ),
    );
  const set = await ok(
    'the rooms',
    stack.put(
      `/rounds/${roundId}/rooms`,
      {
        rule: 'QUOTA',
        rooms: [
          {
            name: '一号厅',
            judgeIds: [heat.judges[0].id],
            projectIds: [heat.projectIds[0], heat.projectIds[1]],
            quota: 1,
          },
          {
            name: '二号厅',
            judgeIds: [heat.judges[1].id],
            projectIds: [heat.projectIds[2], heat.projectIds[3]],
            quota: 1,
          },
        ],
      },
      token,
    ),
  );
  return { roundId, rooms: set.rooms };
}
