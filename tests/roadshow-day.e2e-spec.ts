import { deterministicScores, round2, total } from './support/judging-scenario';
import { RoadshowFixture, openRoadshow } from './support/roadshow-scenario';
import { readEvents } from './support/sse';
import { Stack, waitFor } from './support/stack';

// The roadshow day (issue 20): the pitch timer from the server's clock, and
// 亮分 — never before the last submit, the highest and lowest struck by the
// round's method, automatically or on the host's click.
describe('the roadshow day: timer and reveal', () => {
  let stack: Stack;
  let show: RoadshowFixture;
  let token: string;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    show = await openRoadshow(stack, 3, 5, 'TRIMMED_MEAN');
    token = show.organiser.token;
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const url = (path: string) => `/rounds/${show.roundId}${path}`;
  const screen = async () => {
    const issued = await stack.post(url('/ranking/stream-ticket'), {}, token);
    const reader = readEvents(
      `${stack.apiUrl}${url('/screen/stream')}?ticket=${issued.body.ticket}`,
    );
    expect(await reader.opened).toBe(200);
    await waitFor('the first frame', () => reader.events.some((e) => e.type === 'screen'));
    return reader;
  };
  const lastFrame = (reader: { events: { type: string; data: any }[] }) =>
    [...reader.events].reverse().find((e) => e.type === 'screen')!.data;
  // Distinct totals per judge (judge j, project k), so the struck ones are known.
  const scoresOf = (judge: number, project: number) => deterministicScores(judge, project + 1);
  const submit = async (judge: number, project: number) => {
    const scores = scoresOf(judge, project);
    const projectId = show.projectIds[project];
    const put = await stack.put(
      url(`/projects/${projectId}/score`),
      { scores, submit: true },
      show.judges[judge].token,
    );
    expect(put.status).toBe(200);
    return total(scores);
  };

  it('refuses timer actions with nothing on stage and out of order, naming the phase', async () => {
    const none = await stack.post(url('/timer'), { action: 'START_PITCH' }, token);
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('NO_PROJECT_ON_STAGE');

    const bad = await stack.post(url('/timer'), { action: 'JUMP' }, token);
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => d.field)).toContain('action');
    const zero = await stack.post(url('/timer'), { action: 'EXTEND_QA', minutes: 0 }, token);
    expect(zero.status).toBe(400);
    expect(zero.body.details.map((d: any) => d.field)).toContain('minutes');

    const p = show.projectIds[0];
    expect((await stack.post(url('/now-pitching'), { projectId: p }, token)).status).toBe(200);
    const early = await stack.post(url('/timer'), { action: 'START_QA' }, token);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'TIMER_ACTION_NOT_ALLOWED',
      params: { action: 'START_QA', phase: 'READY', paused: false },
    });
    expect(early.body.params.projectTitle).toBeTruthy();
  });

  it('runs a pitch by the server clock: the same deadline on two screens, a logged extension', async () => {
    const settings = await stack.put(
      url('/roadshow-settings'),
      {
        pitchMinutes: 5,
        qaMinutes: 5,
        warningSeconds: 60,
        revealMode: 'AUTO',
        judgeLabels: 'NUMBER',
      },
      token,
    );
    expect(settings.status).toBe(200);
    const started = await stack.post(url('/timer'), { action: 'START_PITCH' }, token);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ phase: 'PITCH', paused: false, level: 'NORMAL' });
    expect(started.body.limitMs).toBe(300_000);
    expect(started.body.remainingMs).toBeLessThanOrEqual(300_000);

    // Two screens opened at different moments end the phase at the same instant.
    const a = await screen();
    await new Promise((r) => setTimeout(r, 300));
    const b = await screen();
    const deadline = (f: any) => f.timer.serverNow + f.timer.remainingMs;
    const drift = Math.abs(deadline(lastFrame(a)) - deadline(lastFrame(b)));
    console.log(`timer drift between two screens opened 300 ms apart: ${drift} ms`);
    expect(drift).toBe(0);

    // Paused: Q&A cannot start; resumed: it can; extended by 2 minutes.
    expect((await stack.post(url('/timer'), { action: 'PAUSE' }, token)).status).toBe(200);
    const whilePaused = await stack.post(url('/timer'), { action: 'START_QA' }, token);
    expect(whilePaused.body).toMatchObject({
      code: 'TIMER_ACTION_NOT_ALLOWED',
      params: { phase: 'PITCH', paused: true },
    });
    expect((await stack.post(url('/timer'), { action: 'RESUME' }, token)).status).toBe(200);
    expect((await stack.post(url('/timer'), { action: 'START_QA' }, token)).body.phase).toBe('QA');
    const extended = await stack.post(url('/timer'), { action: 'EXTEND_QA', minutes: 2 }, token);
    expect(extended.body).toMatchObject({ phase: 'QA', limitMs: 420_000, qaExtensionMinutes: 2 });
    await waitFor('the screens to show the extension', () =>
      [a, b].every((s) => lastFrame(s).timer?.limitMs === 420_000),
    );
    const tooLong = await stack.post(url('/timer'), { action: 'EXTEND_QA', minutes: 29 }, token);
    expect(tooLong.status).toBe(422);
    expect(tooLong.body).toMatchObject({
      code: 'TIMER_EXTENSION_INVALID',
      params: { maxMinutes: 28 },
    });
    expect((await stack.post(url('/timer'), { action: 'END' }, token)).body.phase).toBe('ENDED');
    a.close();
    b.close();

    const log = await stack.get(url('/timing-log'), token);
    expect(log.status).toBe(200);
    const [entry] = log.body.projects;
    expect(entry.projectId).toBe(show.projectIds[0]);
    expect(entry.phases.map((p: any) => [p.phase, p.limitMs, p.extensionMinutes])).toEqual([
      ['PITCH', 300_000, 0],
      ['QA', 420_000, 2],
    ]);
    expect(entry.phases[0].pausedMs).toBeGreaterThanOrEqual(0);
    const audit = await stack.get(`/competitions/${show.competition.id}/audit`, token);
    const actions = (audit.body.items ?? audit.body).map((e: any) => e.action);
    expect(actions).toContain('round.qa-extended');

    // The round's judges see the timer on their phones; nobody else does.
    expect((await stack.get(url('/timer'), show.judges[0].token)).body.phase).toBe('ENDED');
    expect((await stack.get(url('/timer'), show.applicants[0].token)).status).toBe(403);
  });

  it('reveals automatically only at the last submit, with the highest and lowest struck', async () => {
    const p = 0;
    const reader = await screen();
    const totals: number[] = [];
    for (let j = 0; j < 4; j++) totals.push(await submit(j, p));
    // Four of five: who has submitted, never a score.
    await waitFor(
      'the screen to count 4 submits',
      () => lastFrame(reader).nowPitching?.submitted === 4,
    );
    for (const e of reader.events.filter((x) => x.type === 'screen')) {
      expect(e.data.nowPitching?.reveal ?? null).toBeNull();
      expect(e.data.nowPitching?.score ?? null).toBeNull();
      expect(e.data.ranking).toEqual([]);
    }
    const before = Date.now();
    totals.push(await submit(4, p));
    await waitFor('the reveal', () => lastFrame(reader).nowPitching?.reveal != null, 15000, 20);
    console.log(
      `reveal reached the screen ${Date.now() - before} ms after the last submit was sent`,
    );
    const card = lastFrame(reader).nowPitching.reveal;
    reader.close();

    const sorted = [...totals].sort((x, y) => x - y);
    const expected = round2((sorted[1] + sorted[2] + sorted[3]) / 3);
    expect(card.score).toBe(expected);
    expect(card.entries).toHaveLength(5);
    expect(card.entries.filter((e: any) => e.dropped === 'HIGHEST')).toHaveLength(1);
    expect(card.entries.filter((e: any) => e.dropped === 'LOWEST')).toHaveLength(1);
    expect(card.entries.find((e: any) => e.dropped === 'HIGHEST').total).toBe(round2(sorted[4]));
    expect(card.entries.find((e: any) => e.dropped === 'LOWEST').total).toBe(round2(sorted[0]));
    expect(card.entries.map((e: any) => e.label).sort()).toEqual([
      '评委1',
      '评委2',
      '评委3',
      '评委4',
      '评委5',
    ]);
    const ranking = (await stack.get(url('/ranking'), token)).body;
    expect(ranking.entries.find((e: any) => e.projectId === show.projectIds[p]).score).toBe(
      card.score,
    );
  });

  it('in HOST mode shows nothing until the host reveals, and refuses a reveal before the last submit', async () => {
    const put = await stack.put(
      url('/roadshow-settings'),
      {
        pitchMinutes: 8,
        qaMinutes: 7,
        warningSeconds: 60,
        revealMode: 'HOST',
        judgeLabels: 'NAME',
      },
      token,
    );
    expect(put.status).toBe(200);
    const p = 1;
    const projectId = show.projectIds[p];
    expect((await stack.post(url('/now-pitching'), { projectId }, token)).status).toBe(200);
    const reader = await screen();
    // HOST mode hides the complete score revealed automatically before.
    expect(lastFrame(reader).ranking).toEqual([]);
    for (let j = 0; j < 4; j++) await submit(j, p);
    const early = await stack.post(url(`/projects/${projectId}/reveal`), {}, token);
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'REVEAL_NOT_COMPLETE',
      params: { submitted: 4, assigned: 5 },
    });
    await submit(4, p);
    await waitFor(
      'the screen to count 5 submits',
      () => lastFrame(reader).nowPitching?.submitted === 5,
    );
    await new Promise((r) => setTimeout(r, 500)); // the recompute lands; still nothing shown
    expect(lastFrame(reader).nowPitching.reveal).toBeNull();
    expect(lastFrame(reader).nowPitching.score).toBeNull();
    expect(lastFrame(reader).ranking).toEqual([]);

    const revealed = await stack.post(url(`/projects/${projectId}/reveal`), {}, token);
    expect(revealed.status).toBe(200);
    expect(revealed.body.entries.map((e: any) => e.label).sort()).toEqual(
      show.judges.map((_, j) => `评委${j}`).sort(),
    );
    await waitFor('the host reveal on screen', () => lastFrame(reader).nowPitching?.reveal != null);
    const frame = lastFrame(reader);
    expect(frame.nowPitching.reveal.score).toBe(revealed.body.score);
    expect(frame.ranking.map((e: any) => e.projectId)).toEqual([projectId]);
    reader.close();
    // Asking again answers the same card; one audit entry.
    const again = await stack.post(url(`/projects/${projectId}/reveal`), {}, token);
    expect(again.body.revealedAt).toBe(revealed.body.revealedAt);
    const audit = await stack.get(`/competitions/${show.competition.id}/audit`, token);
    const reveals = (audit.body.items ?? audit.body).filter(
      (e: any) => e.action === 'round.score-revealed',
    );
    expect(reveals).toHaveLength(1);
  });
});
