import { eligibleHeat } from './support/judging-scenario';
import { Stack } from './support/stack';

// Online roadshow (issue 20): a team pitching online never scans the venue's
// check-in code, so its projects page lists its own meeting links
// (GET /my/meeting-links): its projects only, rounds not closed.
describe('a team’s own meeting links', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('lists the links of the caller’s projects in rounds not closed, and nobody else’s', async () => {
    // 4 projects, one per applicant (project n is applicant n's).
    const heat = await eligibleHeat(stack, 4, 1, false);
    const token = heat.organiser.token;
    const round = await stack.post(
      `/heats/${heat.competition.heatId}/rounds`,
      { name: '线上路演', kind: 'ROADSHOW', rubricId: heat.competition.rubricId, method: 'MEAN' },
      token,
    );
    const roundId = round.body.id as string;
    await stack.post(`/rounds/${roundId}/judges`, { judgeIds: [heat.judges[0].id] }, token);
    for (const p of [0, 1])
      expect(
        (
          await stack.put(
            `/rounds/${roundId}/assignments/${heat.projectIds[p]}/${heat.judges[0].id}`,
            {},
            token,
          )
        ).status,
      ).toBe(200);
    const link = (p: number, url: string) =>
      stack.put(`/rounds/${roundId}/projects/${heat.projectIds[p]}/meeting-link`, { url }, token);
    expect((await link(0, 'https://meeting.tencent.com/dm/Team0')).status).toBe(200);
    expect((await link(1, 'https://meeting.tencent.com/dm/Team1')).status).toBe(200);

    const [{ owner_id: owner0 }] = await stack.sql(`SELECT owner_id FROM projects WHERE id = $1`, [
      heat.projectIds[0],
    ]);
    const team = heat.applicants.find((a) => a.id === owner0)!;
    const mine = await stack.get('/my/meeting-links', team.token);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      {
        roundId,
        roundName: '线上路演',
        projectId: heat.projectIds[0],
        title: '项目00',
        url: 'https://meeting.tencent.com/dm/Team0',
      },
    ]);
    // An applicant without a link in any round: an empty list. A judge: refused.
    const [{ owner_id: owner1 }] = await stack.sql(`SELECT owner_id FROM projects WHERE id = $1`, [
      heat.projectIds[1],
    ]);
    const none = heat.applicants.find((a) => a.id !== owner0 && a.id !== owner1)!;
    expect((await stack.get('/my/meeting-links', none.token)).body.items).toEqual([]);
    expect((await stack.get('/my/meeting-links', heat.judges[0].token)).status).toBe(403);

    // A closed round's slots are over: its links leave the list.
    await stack.post(`/rounds/${roundId}/open`, {}, token);
    await stack.post(`/rounds/${roundId}/close`, { force: true, reason: '线上路演结束' }, token);
    const [{ status }] = await stack.sql(`SELECT status::text FROM rounds WHERE id = $1`, [
      roundId,
    ]);
    expect(status).toBe('CLOSED');
    expect((await stack.get('/my/meeting-links', team.token)).body.items).toEqual([]);
  });
});
