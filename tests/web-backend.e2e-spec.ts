import { createHash } from 'node:crypto';
import { drawPitchOrder } from '../libs/domain/src/judging/pitch-order';
import { deterministicScores, round2, total } from './support/judging-scenario';
import { RoadshowFixture, openRoadshow } from './support/roadshow-scenario';
import { createOrganiser, uniqueEmail } from './support/scenario';
import { readEvents } from './support/sse';
import { Stack, waitFor } from './support/stack';

describe('backend of the web client: judge views, password reset, pitch order, big screen', () => {
  let stack: Stack;
  let show: RoadshowFixture;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    show = await openRoadshow(stack, 3, 3);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("gives a judge the round with its rubric and the judge's own progress", async () => {
    const judge = show.judges[1];
    const list = await stack.get('/judge/rounds', judge.token);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: show.roundId,
        status: 'OPEN',
        method: 'MEAN',
        progress: { assigned: 3, submitted: 0 },
      }),
    ]);

    const round = await stack.get(`/judge/rounds/${show.roundId}`, judge.token);
    expect(round.status).toBe(200);
    expect(round.body.criteria).toEqual([
      { code: 'TECH', name: '技术与产品', weight: 0.3, maxScore: 100 },
      { code: 'BUSINESS', name: '商业模式', weight: 0.25, maxScore: 100 },
      { code: 'MARKET', name: '行业与市场', weight: 0.25, maxScore: 100 },
      { code: 'TEAM', name: '团队', weight: 0.2, maxScore: 100 },
    ]);
    expect(round.body.projects).toHaveLength(3);

    const p = show.projectIds[0];
    const scores = deterministicScores(1, 0);
    await stack.put(`/rounds/${show.roundId}/projects/${p}/score`, { scores }, judge.token);
    await stack.post(`/rounds/${show.roundId}/projects/${p}/score/submit`, {}, judge.token);
    const after = await stack.get(`/judge/rounds/${show.roundId}`, judge.token);
    expect(after.body.progress).toEqual({ assigned: 3, submitted: 1 });
    expect(after.body.projects.find((x: any) => x.projectId === p)).toMatchObject({
      scoreStatus: 'SUBMITTED',
      total: total(scores),
    });
  });

  it("shows a judge an assigned project's materials, never the team's contacts; others get 404", async () => {
    const judge = show.judges[2];
    const p = show.projectIds[1];
    const view = await stack.get(`/judge/rounds/${show.roundId}/projects/${p}`, judge.token);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      id: p,
      title: '项目01',
      trackCode: 'IOT',
      trackName: '物联网',
      organisation: { name: show.organisations.get(p), city: '深圳' },
      fundingStage: 'ANGEL',
      teamSize: 2,
      myScore: null,
    });
    const text = JSON.stringify(view.body);
    expect(text).not.toMatch(/@|reviewReason|ownerId|team"/);

    const stranger = await createOrganiser(stack, '另一位组委会');
    expect(
      (await stack.get(`/judge/rounds/${show.roundId}/projects/${p}`, stranger.token)).status,
    ).toBe(403);
    const outsider = await stack.post(
      '/users',
      {
        email: uniqueEmail('judge-x'),
        name: '局外评委',
        roles: ['JUDGE'],
        password: 'Roadshow-Judge-2026!',
      },
      show.organiser.token,
    );
    const outsiderToken = await stack.login(outsider.body.user.email, 'Roadshow-Judge-2026!');
    expect((await stack.get(`/judge/rounds/${show.roundId}`, outsiderToken)).status).toBe(404);
    expect(
      (await stack.get(`/judge/rounds/${show.roundId}/projects/${p}`, outsiderToken)).status,
    ).toBe(404);
    expect((await stack.get(`/judge/rounds/not-a-uuid`, judge.token)).status).toBe(400);
  });

  it('mails a one-time reset link for a known address, and answers unknown ones the same', async () => {
    const judge = show.judges[0];
    const known = await stack.post('/auth/password/forgot', { email: judge.email.toUpperCase() });
    const unknown = await stack.post('/auth/password/forgot', { email: uniqueEmail('nobody') });
    expect(known.status).toBe(202);
    expect(unknown).toEqual(known);
    expect((await stack.post('/auth/password/forgot', { email: 'not-an-email' })).status).toBe(400);

    await stack.drained();
    const mail = stack.smtp.mails.find(
      (m) => m.to.includes(judge.email) && /重设/.test(m.subject ?? ''),
    );
    expect(mail).toBeDefined();
    const link = /(http\S+\/set-password\?token=\S+)/.exec(mail!.text)![1];
    // PUBLIC_URL (the stack's api), where the client's set-password page is.
    expect(new URL(link).origin).toBe(new URL(stack.apiUrl).origin);
    expect(new URL(link).pathname).toBe('/set-password');
    const token = decodeURIComponent(new URL(link).searchParams.get('token')!);

    const set = await stack.post('/auth/password', { token, password: 'Roadshow-Reset-2026!' });
    expect(set.status).toBe(200);
    // The new password ended the judge's earlier sessions: later tests use the new one.
    expect((await stack.get('/me', judge.token)).status).toBe(401);
    judge.token = await stack.login(judge.email, 'Roadshow-Reset-2026!');
    expect(judge.token).toBeTruthy();
    expect(
      (await stack.post('/auth/password', { token, password: 'Another-Pass-2026!' })).status,
    ).toBe(404);
  });

  // Commit-reveal: the server generates the seed and shows its SHA-256 before
  // the draw; the draw reveals the seed, from which anyone recomputes the order.
  it('draws the pitch order from a server seed committed before the draw, and redraws only with a reason', async () => {
    const token = show.organiser.token;
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    const route = `/rounds/${show.roundId}/pitch-order`;

    // The organiser cannot choose the lot.
    const chosen = await stack.post(route, { seed: 'jiangyin-2026' }, token);
    expect(chosen.status).toBe(400);
    expect(chosen.body.details).toEqual([expect.objectContaining({ field: 'seed' })]);
    expect((await stack.get(`${route}/commitment`, token)).status).toBe(404);

    const committed = await stack.post(`${route}/commitment`, {}, token);
    expect(committed.status).toBe(200);
    expect(committed.body.seedHash).toMatch(/^[0-9a-f]{64}$/);
    // Asking again answers the same commitment: no re-rolling before the draw.
    expect((await stack.post(`${route}/commitment`, {}, token)).body).toEqual(committed.body);
    expect((await stack.get(`${route}/commitment`, token)).body).toEqual(committed.body);

    const drawn = await stack.post(route, {}, token);
    expect(drawn.status).toBe(200);
    expect(sha256(drawn.body.seed)).toBe(committed.body.seedHash);
    expect(drawn.body.seedHash).toBe(committed.body.seedHash);
    expect(drawn.body.seedCommittedAt).toBe(committed.body.committedAt);
    expect(drawn.body.order.map((s: any) => s.projectId)).toEqual(
      drawPitchOrder(show.projectIds, drawn.body.seed),
    );
    expect(drawn.body.order.map((s: any) => s.position)).toEqual([1, 2, 3]);
    // The redraw's seed is committed with the draw.
    expect((await stack.get(`${route}/commitment`, token)).body.seedHash).toBe(
      drawn.body.nextSeedHash,
    );

    const again = await stack.post(route, {}, token);
    expect(again.status).toBe(422);
    expect(again.body.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    const redraw = await stack.post(route, { reason: '一位评委迟到，重新抽签' }, token);
    expect(redraw.status).toBe(200);
    expect(redraw.body.seed).not.toBe(drawn.body.seed);
    expect(sha256(redraw.body.seed)).toBe(drawn.body.nextSeedHash);
    expect(redraw.body.order.map((s: any) => s.projectId)).toEqual(
      drawPitchOrder(show.projectIds, redraw.body.seed),
    );

    const audit = await stack.sql(
      `SELECT action, reason, data FROM audit_log WHERE entity_id = $1 ORDER BY at`,
      [show.roundId],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'round.pitch-seed-committed',
      'round.pitch-order-drawn',
      'round.pitch-order-redrawn',
    ]);
    expect(audit[0].data).toEqual({
      seedHash: committed.body.seedHash,
      committedAt: committed.body.committedAt,
    });
    expect(audit[2]).toMatchObject({ reason: '一位评委迟到，重新抽签' });
    expect(audit[2].data).toMatchObject({
      seed: redraw.body.seed,
      seedHash: drawn.body.nextSeedHash,
      previousSeed: drawn.body.seed,
    });

    const judgeView = await stack.get(`/judge/rounds/${show.roundId}`, show.judges[1].token);
    expect(judgeView.body.projects.map((p: any) => p.projectId)).toEqual(
      redraw.body.order.map((s: any) => s.projectId),
    );
    expect((await stack.post(route, {}, show.judges[0].token)).status).toBe(403);
    expect((await stack.post(`${route}/commitment`, {}, show.judges[0].token)).status).toBe(403);
  });

  it('opens the big screen with a ticket that is no login, and pushes the score once all judges submit', async () => {
    const token = show.organiser.token;
    const issued = await stack.post(`/rounds/${show.roundId}/ranking/stream-ticket`, {}, token);
    expect(issued.status).toBe(201);
    const ticket = issued.body.ticket as string;
    expect(issued.body.screenPath).toBe(`/screen/rounds/${show.roundId}?ticket=${ticket}`);

    // Useless as a login, useless for another round, and no token opens the screen.
    expect((await stack.get('/me', ticket)).status).toBe(401);
    expect((await stack.get(`/rounds/${show.roundId}/ranking`, ticket)).status).toBe(401);
    const otherRound = crypto.randomUUID();
    expect((await stack.get(`/rounds/${otherRound}/screen/stream?ticket=${ticket}`)).status).toBe(
      401,
    );
    expect((await stack.get(`/rounds/${show.roundId}/screen/stream?ticket=${token}`)).status).toBe(
      401,
    );
    expect((await stack.get(`/rounds/${show.roundId}/screen/stream`)).status).toBe(401);
    expect(
      (await stack.post(`/rounds/${show.roundId}/ranking/stream-ticket`, {}, show.judges[0].token))
        .status,
    ).toBe(403);

    const p = show.projectIds[2];
    expect(
      (
        await stack.post(
          `/rounds/${show.roundId}/now-pitching`,
          { projectId: crypto.randomUUID() },
          token,
        )
      ).status,
    ).toBe(422);
    const screen = readEvents(
      `${stack.apiUrl}/rounds/${show.roundId}/screen/stream?ticket=${ticket}`,
    );
    expect(await screen.opened).toBe(200);
    await waitFor('the first frame', () => screen.events.some((e) => e.type === 'screen'));
    expect(screen.events[0].data).toMatchObject({
      roundId: show.roundId,
      status: 'OPEN',
      nowPitching: null,
    });

    expect(
      (await stack.post(`/rounds/${show.roundId}/now-pitching`, { projectId: p }, token)).status,
    ).toBe(200);
    await waitFor('a frame with the project on stage', () =>
      screen.events.some((e) => e.data.nowPitching?.projectId === p),
    );

    const totals: number[] = [];
    for (const [j, judge] of show.judges.entries()) {
      const scores = deterministicScores(j, 2);
      totals.push(total(scores));
      const res = await stack.put(
        `/rounds/${show.roundId}/projects/${p}/score`,
        { scores },
        judge.token,
      );
      expect(res.status).toBe(200);
      await stack.post(`/rounds/${show.roundId}/projects/${p}/score/submit`, {}, judge.token);
      await waitFor(`a frame counting ${j + 1} submitted`, () =>
        screen.events.some((e) => e.data.nowPitching?.submitted === j + 1),
      );
    }
    const expected = round2(totals.reduce((a, b) => a + b, 0) / totals.length);
    await waitFor('the complete score on screen', () =>
      screen.events.some((e) => e.data.nowPitching?.score === expected),
    );
    // No frame ever showed a score before every judge had submitted.
    for (const e of screen.events.filter((x) => x.type === 'screen' && x.data.nowPitching))
      if (e.data.nowPitching.submitted < 3) expect(e.data.nowPitching.score).toBeNull();
    const last = screen.events.filter((e) => e.type === 'screen').at(-1)!.data;
    expect(last.ranking.find((r: any) => r.projectId === p)).toMatchObject({
      score: expected,
      judgeCount: 3,
    });
    screen.close();
  });
});
