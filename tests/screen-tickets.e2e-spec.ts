import { RoadshowFixture, openRoadshow } from './support/roadshow-scenario';
import { createOrganiser } from './support/scenario';
import { readEvents } from './support/sse';
import { Stack, waitFor } from './support/stack';

// Screen tickets name a stored row: organisers list and revoke them, and a
// ticket stops working (and its open screens close) once its issuer may no
// longer manage the round. Before: a removed co-organiser's screen link kept
// working and renewing, and nothing could end it.
describe('big-screen tickets: listed, revoked, ended with their issuer’s access', () => {
  let stack: Stack;
  let show: RoadshowFixture;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    show = await openRoadshow(stack, 2, 2);
  });
  afterAll(() => stack?.stop());

  const screenUrl = (ticket: string) =>
    `${stack.apiUrl}/rounds/${show.roundId}/screen/stream?ticket=${encodeURIComponent(ticket)}`;
  const stage = (projectId: string) =>
    stack.post(`/rounds/${show.roundId}/now-pitching`, { projectId }, show.organiser.token);

  it('ends the screens of a co-organiser who was removed from the competition', async () => {
    const creator = show.organiser.token;
    const co = await createOrganiser(stack, '组委会 赵敏');
    const added = await stack.post(
      `/competitions/${show.competition.id}/organisers`,
      { userId: co.id },
      creator,
    );
    expect(added.status).toBeLessThan(300);
    const issued = await stack.post(`/rounds/${show.roundId}/ranking/stream-ticket`, {}, co.token);
    expect(issued.status).toBe(201);
    const screen = readEvents(screenUrl(issued.body.ticket));
    expect(await screen.opened).toBe(200);
    await waitFor('the first frame', () => screen.events.some((e) => e.type === 'screen'));

    const listed = await stack.get(`/rounds/${show.roundId}/screen-tickets`, creator);
    expect(listed.status).toBe(200);
    const mine = listed.body.items.find((t: any) => t.issuedBy.id === co.id);
    expect(mine).toMatchObject({ status: 'ACTIVE', issuedBy: { name: '组委会 赵敏' } });

    const removed = await fetch(
      `${stack.apiUrl}/competitions/${show.competition.id}/organisers/${co.id}`,
      { method: 'DELETE', headers: { authorization: `Bearer ${creator}` } },
    );
    expect(removed.status).toBe(200);
    // The round wakes its screens (a project on stage): the ticket is checked and ends.
    expect((await stage(show.projectIds[0])).status).toBe(200);
    await waitFor('the screen to be told its ticket ended', () =>
      screen.events.some((e) => e.type === 'ticket-ended'),
    );
    expect(screen.events.find((e) => e.type === 'ticket-ended')!.data).toEqual({
      reason: 'ISSUER_LOST_ACCESS',
    });
    await waitFor('the stream to close', () => screen.ended());
    expect(screen.events.filter((e) => e.type === 'ticket')).toEqual([]);

    // Neither the ticket nor any renewal opens a screen again.
    expect((await fetch(screenUrl(issued.body.ticket))).status).toBe(401);
    const after = await stack.get(`/rounds/${show.roundId}/screen-tickets`, creator);
    expect(after.body.items.find((t: any) => t.id === mine.id)).toMatchObject({
      status: 'ISSUER_LOST_ACCESS',
    });
    screen.close();
  });

  it('lets an organiser revoke a ticket: its screens close at once, audited', async () => {
    const token = show.organiser.token;
    const [a, b] = await Promise.all(
      [0, 1].map(() => stack.post(`/rounds/${show.roundId}/ranking/stream-ticket`, {}, token)),
    );
    const screenA = readEvents(screenUrl(a.body.ticket));
    const screenB = readEvents(screenUrl(b.body.ticket));
    expect([await screenA.opened, await screenB.opened]).toEqual([200, 200]);
    await waitFor('both first frames', () =>
      [screenA, screenB].every((s) => s.events.some((e) => e.type === 'screen')),
    );
    const listed = await stack.get(`/rounds/${show.roundId}/screen-tickets`, token);
    const active = listed.body.items.filter((t: any) => t.status === 'ACTIVE');
    expect(active).toHaveLength(2);
    // Which row is ticket A: the one whose revocation ends screen A.
    const target = active[0].id as string;

    const other = await createOrganiser(stack, '外赛区 组委会');
    expect(
      (await stack.post(`/rounds/${show.roundId}/screen-tickets/${target}/revoke`, {}, other.token))
        .status,
    ).toBe(404);
    const revoked = await stack.post(
      `/rounds/${show.roundId}/screen-tickets/${target}/revoke`,
      {},
      token,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: target, status: 'REVOKED' });
    expect(revoked.body.revokedBy.id).toBe(show.organiser.id);
    const again = await stack.post(
      `/rounds/${show.roundId}/screen-tickets/${target}/revoke`,
      {},
      token,
    );
    expect(again.body).toEqual(revoked.body);

    const closed = await waitFor('one screen to close', () =>
      [screenA, screenB].find((s) => s.events.some((e) => e.type === 'ticket-ended')),
    );
    const open = closed === screenA ? screenB : screenA;
    expect(closed.events.find((e) => e.type === 'ticket-ended')!.data).toEqual({
      reason: 'REVOKED',
    });
    await waitFor('the revoked stream to close', () => closed.ended());
    // The other ticket's screen keeps showing the round.
    expect((await stage(show.projectIds[1])).status).toBe(200);
    await waitFor('the open screen to show the next project on stage', () =>
      open.events.some((e) => e.data.nowPitching?.projectId === show.projectIds[1]),
    );
    expect(open.events.some((e) => e.type === 'ticket-ended')).toBe(false);
    const revokedTicket = closed === screenA ? a.body.ticket : b.body.ticket;
    const liveTicket = closed === screenA ? b.body.ticket : a.body.ticket;
    expect((await fetch(screenUrl(revokedTicket))).status).toBe(401);
    const reopened = readEvents(screenUrl(liveTicket));
    expect(await reopened.opened).toBe(200);
    reopened.close();
    open.close();

    const audit = await stack.sql(
      `SELECT action, actor_id, data FROM audit_log
        WHERE entity_id = $1 AND action = 'round.screen-ticket-revoked'`,
      [show.roundId],
    );
    expect(audit).toEqual([
      expect.objectContaining({
        actor_id: show.organiser.id,
        data: expect.objectContaining({ ticketId: target }),
      }),
    ]);
  });
});
