import type { Browser, Locator, Page } from 'playwright-core';
import { deterministicScores, round2, total } from '../support/judging-scenario';
import { RoadshowFixture, openRoadshow } from '../support/roadshow-scenario';
import { Stack, waitFor } from '../support/stack';
import {
  PHONE,
  SCREEN,
  WatchedContext,
  launchChromium,
  originOf,
  screenshot,
} from './support/browser';

const CRITERIA = ['TECH', 'BUSINESS', 'MARKET', 'TEAM'];
const PHASE_MS = 300_000;
// The api's answer to an exhausted database pool, retried by the pages (see the close).
const OVERLOAD = /status of 503 \(Service Unavailable\)/;

// The roadshow day by the book (issue 20), on one heat, in one browser: five
// judges on phones (390×844) signed in by their one-time QR, the hall's big
// screen at 1920×1080 (and a second screen to measure the drift between
// them), the organisers' desk, and the teams' phones. Check-in, the draw among
// those present, three pitches timed from the desk (one over time, one with
// its Q&A extended), 亮分 with the highest and lowest struck, a team's 无异议
// with a drawn signature, another team's objection decided on the desk, every
// judge's sheet signed, the close. The screen is photographed at each phase;
// the countdown and the score must be readable from the back of the hall
// (≥ 10 % of the screen's height). The reveal's delay after the last submit
// and the drift between two screens are measured and printed, not asserted.
describe('browser: the whole roadshow day on one heat', () => {
  let stack: Stack;
  let browser: Browser;
  let show: RoadshowFixture;
  let origin: string;
  const contexts: WatchedContext[] = [];
  let screenCtx: WatchedContext;
  let screen: Page;
  let deskCtx: WatchedContext;
  let desk: Page;
  const judgePages: Page[] = [];
  let order: string[] = [];
  const revealDelays: number[] = [];

  const open = async (viewport: { width: number; height: number }, mobile = false) => {
    const ctx = await WatchedContext.open(browser, origin, viewport, { isMobile: mobile });
    contexts.push(ctx);
    return ctx;
  };
  const titleOf = (projectId: string) =>
    `项目${String(show.projectIds.indexOf(projectId)).padStart(2, '0')}`;
  // Project n belongs to applicant n % 4 (eligibleHeat).
  const ownerOf = (projectId: string) =>
    show.applicants[show.projectIds.indexOf(projectId) % show.applicants.length];
  const share = async (locator: Locator) =>
    (await locator.first().boundingBox())!.height / SCREEN.height;
  const shot = (name: string) => screenshot(screen, `roadshow-day-${name}`);

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    origin = originOf(stack.apiUrl);
    show = await openRoadshow(stack, 3, 5, 'TRIMMED_MEAN');
    // The format and the rules, set before the day: 1+1 minutes (a pitch run
    // over time is stepped on by the server's clock below), 20 s warning,
    // automatic 亮分, judges shown as 评委1…5, signatures required to close.
    const put = await stack.put(
      `/rounds/${show.roundId}/roadshow-settings`,
      {
        pitchMinutes: 1,
        qaMinutes: 1,
        warningSeconds: 20,
        revealMode: 'AUTO',
        judgeLabels: 'NUMBER',
        signOffRequired: true,
        objectionMinutes: 20,
      },
      show.organiser.token,
    );
    expect(put.status).toBe(200);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const ctx of contexts) await ctx.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
  });

  const login = async (page: Page, email: string, password: string) => {
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  };

  /** Draws a stroke on a signature canvas with the mouse. */
  const sign = async (page: Page, canvas: Locator) => {
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++)
      await page.mouse.move(
        box.x + 30 + i * 12,
        box.y + box.height / 2 - Math.sin(i / 2) * (box.height / 4),
      );
    await page.mouse.up();
  };

  /** The desk's timer button, once the phase it belongs to is shown (never clicked early). */
  const timerButton = async (phase: string, name: RegExp) => {
    const card = desk.getByTestId('live-card');
    await card.getByTestId('live-phase').getByText(phase, { exact: true }).waitFor();
    const button = card.getByRole('button', { name });
    await waitFor(`${name} enabled`, async () => await button.isEnabled());
    return button;
  };

  it('opens the screens, the desk and five judges’ phones (one-time QR); the seed is sealed and shown', async () => {
    const org = show.organiser.token;
    // The hall's screen, and a second one to compare the clocks with.
    const ticket = (await stack.post(`/rounds/${show.roundId}/ranking/stream-ticket`, {}, org))
      .body;
    screenCtx = await open(SCREEN);
    screen = await screenCtx.newPage();
    await screen.goto(ticket.screenPath);
    await screen.getByText('实时', { exact: true }).waitFor();
    await screen.getByText('等待下一个项目上场').waitFor();

    // The desk.
    deskCtx = await open({ width: 1440, height: 900 });
    desk = await deskCtx.newPage();
    await desk.goto('/login');
    await login(desk, show.organiser.email, 'Roadshow-Organiser-2026!');
    await desk.waitForURL('**/console');
    await desk.goto(`/console/c/${show.competition.id}/rounds/${show.roundId}`);
    await desk.getByTestId('live-card').waitFor();

    // 准备抽签: the seed is sealed; the screen announces its hash at once.
    await desk.getByRole('button', { name: '准备抽签' }).click();
    await waitFor('the commitment', async () => {
      const [r] = await stack.sql(`SELECT pitch_seed_next FROM rounds WHERE id = $1`, [
        show.roundId,
      ]);
      return r.pitch_seed_next !== null;
    });
    const commitment = (await stack.get(`/rounds/${show.roundId}/pitch-order/commitment`, org))
      .body;
    const draw = screen.getByTestId('screen-draw');
    await draw.getByText(commitment.seedHash, { exact: false }).waitFor({ timeout: 5000 });
    // Readable from the back of the hall: not a footnote.
    const drawFont = Number(
      await screen.evaluate(
        `parseFloat(getComputedStyle(document.querySelector('[data-testid="screen-draw"]')).fontSize)`,
      ),
    );
    console.log(`seed line: ${drawFont.toFixed(1)} px at 1080 px`);
    expect(drawFont).toBeGreaterThanOrEqual(22);
    await shot('1-seed-sealed');

    // Five judges sign in on their phones by their one-time QR.
    const issued = await stack.post(`/rounds/${show.roundId}/judge-passes`, {}, org);
    expect(issued.status).toBe(201);
    const passes = issued.body.passes as { judgeId: string; path: string }[];
    for (const judge of show.judges) {
      const ctx = await open(PHONE, true);
      const page = await ctx.newPage();
      await page.goto(passes.find((p) => p.judgeId === judge.id)!.path);
      await page.waitForURL(`**/judge/rounds/${show.roundId}`);
      judgePages.push(page);
    }
    expect(judgePages).toHaveLength(5);
  });

  it('checks in: judges and a team by the venue QR, two teams at the desk; draws among those present', async () => {
    const code = (await stack.get(`/rounds/${show.roundId}/check-in-code`, show.organiser.token))
      .body;
    for (const page of judgePages) {
      await page.goto(code.path);
      await page.getByText('“路演评审”签到成功').waitFor();
    }
    await screenshot(judgePages[0], 'roadshow-day-judge-checked-in');

    // The first team scans the QR on its phone (signing in on the way).
    const teamCtx = await open(PHONE, true);
    const team = await teamCtx.newPage();
    await team.goto(code.path);
    await team.waitForURL('**/login**');
    await login(team, show.applicants[0].email, 'Roadshow-Applicant-2026!');
    await team.getByText('“路演评审”签到成功').waitFor();
    await team.getByText(/项目《项目00》/).waitFor();
    teamCtx.assertClean([OVERLOAD]);
    await teamCtx.close();

    const presence = desk.getByTestId('presence-card');
    const rows = presence.getByTestId('presence-projects');
    await rows.getByRole('row', { name: /项目00.*已签到/ }).waitFor();
    for (const title of ['项目01', '项目02']) {
      await rows
        .getByRole('row', { name: new RegExp(title) })
        .getByRole('button', { name: '代为签到' })
        .click();
      await rows.getByRole('row', { name: new RegExp(`${title}.*工作人员代签`) }).waitFor();
    }
    await presence.getByText('已到项目 3/3').waitFor();
    await presence.getByRole('button', { name: '在已签到项目中抽签' }).click();
    const table = desk.getByTestId('pitch-order');
    for (const title of ['项目00', '项目01', '项目02'])
      await table.getByRole('cell', { name: title, exact: true }).waitFor();
    const [round] = await stack.sql(`SELECT pitch_order, pitch_seed FROM rounds WHERE id = $1`, [
      show.roundId,
    ]);
    order = round.pitch_order;
    expect(order).toHaveLength(3);
    // The screen shows the seed the draw used, to check against the hash announced.
    await screen
      .getByTestId('screen-draw')
      .getByText(round.pitch_seed, { exact: false })
      .waitFor({ timeout: 5000 });
    await shot('2-drawn');
    await screenshot(desk, 'roadshow-day-desk-drawn');
  });

  /** 上台: the desk puts the project on stage; the screen follows. */
  const putOnStage = async (projectId: string, position: number) => {
    await desk
      .getByTestId('pitch-order')
      .getByRole('row', { name: new RegExp(titleOf(projectId)) })
      .getByRole('button', { name: /^上\s*台$/ })
      .click();
    await desk
      .getByTestId('live-card')
      .getByText(`台上：${titleOf(projectId)}`, { exact: false })
      .waitFor();
    await screen.getByText(`第 ${position} 位出场`).waitFor();
    await screen.locator('.stage__title', { hasText: titleOf(projectId) }).waitFor();
  };

  /**
   * The five judges score the project on their phones; the fifth submits
   * last, and the screen's 亮分 is timed from the answer to that submit.
   */
  const scoreOnPhones = async (projectId: string, bump: number) => {
    const p = show.projectIds.indexOf(projectId);
    const totals: number[] = [];
    const submitOn = async (page: Page, j: number) => {
      const scores = deterministicScores(j, p + bump);
      totals[j] = total(scores);
      await page.goto(`/judge/rounds/${show.roundId}/projects/${projectId}`);
      for (const c of CRITERIA) await page.locator(`#score-${c}`).fill(String(scores[c]));
      // The draft reaches the server first (a draft save still in flight when
      // the submit lands is refused 409), then the judge submits.
      await page.getByText('草稿已保存').waitFor();
      await page.getByRole('button', { name: '提交评分' }).click();
      const answered = page.waitForResponse(
        (r) =>
          r.url().endsWith(`/projects/${projectId}/score`) &&
          r.request().method() === 'PUT' &&
          (r.request().postData() ?? '').includes('"submit":true'),
      );
      await page.getByRole('dialog').getByRole('button', { name: '提交评分' }).click();
      const res = await answered;
      const at = Date.now();
      expect(res.status()).toBe(200);
      await page.getByText('评分已提交').first().waitFor();
      return at;
    };
    for (const j of [0, 1, 2, 3]) await submitOn(judgePages[j], j);
    await screen.getByTestId('stage-submitted').getByText('评委已评分 4 / 5').waitFor();
    // Never a score before the last submit.
    expect(await screen.getByTestId('reveal').count()).toBe(0);
    expect(await screen.locator('.board__row--stage').count()).toBe(0);
    const lastAnswered = await submitOn(judgePages[4], 4);
    const reveal = screen.getByTestId('reveal');
    await reveal.waitFor({ timeout: 15000 });
    const delay = Date.now() - lastAnswered;
    revealDelays.push(delay);
    console.log(`亮分 of ${titleOf(projectId)} on the screen ${delay} ms after the last submit`);
    return totals;
  };

  /** The revealed card: five totals, the highest and lowest struck, the trimmed mean to 2 decimals. */
  const checkReveal = async (totals: number[]) => {
    const reveal = screen.getByTestId('reveal');
    expect(await reveal.locator('.reveal__judge').count()).toBe(5);
    expect(await reveal.locator('[data-dropped="HIGHEST"]').count()).toBe(1);
    expect(await reveal.locator('[data-dropped="LOWEST"]').count()).toBe(1);
    const high = Math.max(...totals);
    const low = Math.min(...totals);
    expect(await reveal.locator('[data-dropped="HIGHEST"] .reveal__total').textContent()).toBe(
      round2(high).toFixed(2),
    );
    expect(await reveal.locator('[data-dropped="LOWEST"] .reveal__total').textContent()).toBe(
      round2(low).toFixed(2),
    );
    const sorted = [...totals].sort((a, b) => a - b);
    const expected = round2(sorted.slice(1, 4).reduce((a, b) => a + b, 0) / 3).toFixed(2);
    await reveal.getByTestId('stage-score').getByText(expected).waitFor();
    const scoreShare = await share(reveal.getByTestId('stage-score'));
    console.log(`revealed score: ${(scoreShare * 100).toFixed(1)} % of the screen's height`);
    expect(scoreShare).toBeGreaterThanOrEqual(0.1);
    const box = (await reveal.getByTestId('stage-score').boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(SCREEN.height);
    await screen.locator('.board__score', { hasText: expected }).waitFor();
    return expected;
  };

  it('pitch 1 runs over time: amber, then red and counting up; Q&A; ended; scored and revealed', async () => {
    const projectId = order[0];
    await putOnStage(projectId, 1);
    await (await timerButton('未开始', /开始陈述/)).click();
    const countdown = screen.getByTestId('countdown');
    await countdown.getByText('项目陈述').waitFor();
    await screen.locator('.countdown__time', { hasText: /^[01]:\d\d$/ }).waitFor();
    const timeShare = await share(screen.locator('.countdown__time'));
    console.log(`countdown: ${(timeShare * 100).toFixed(1)} % of the screen's height`);
    expect(timeShare).toBeGreaterThanOrEqual(0.1);
    await shot('3-pitch-1-countdown');
    // A judge's phone shows the same pitch on its round page.
    await judgePages[0].goto(`/judge/rounds/${show.roundId}`);
    await judgePages[0].getByRole('timer').getByText('项目陈述').waitFor();
    await screenshot(judgePages[0], 'roadshow-day-judge-timer');

    // The pitch started 75 s ago by the server's clock: over the 1 minute.
    await stack.sql(
      `UPDATE pitch_timer_actions SET at = at - interval '75 seconds'
        WHERE round_id = $1 AND project_id = $2`,
      [show.roundId, projectId],
    );
    // The host pauses to cut in and resumes: the screens hear of both.
    await (await timerButton('项目陈述', /暂\s*停/)).click();
    await countdown.getByText('已暂停').waitFor();
    await (await timerButton('项目陈述', /继\s*续/)).click();
    await countdown.getByText('已超时').waitFor();
    expect(await countdown.getAttribute('data-level')).toBe('OVERRUN');
    await screen.locator('.countdown__time', { hasText: /^\+0:\d\d$/ }).waitFor();
    await shot('4-pitch-1-overrun');

    await (await timerButton('项目陈述', /开始答辩/)).click();
    await countdown.getByText('答辩').waitFor();
    await screen.locator('.countdown__time', { hasText: /^[01]:\d\d$/ }).waitFor();
    await (await timerButton('答辩', /结\s*束/)).click();
    await desk.getByTestId('live-phase').getByText('已结束').waitFor();
    await screen.getByTestId('countdown').waitFor({ state: 'detached' });

    const totals = await scoreOnPhones(projectId, 0);
    await checkReveal(totals);
    await shot('5-pitch-1-revealed');
  });

  it('pitch 2 has its Q&A extended; two screens keep the same clock', async () => {
    const projectId = order[1];
    await putOnStage(projectId, 2);
    await (await timerButton('未开始', /开始陈述/)).click();
    await screen.getByTestId('countdown').getByText('项目陈述').waitFor();

    // A second screen (another room's projector, say) opened mid-pitch: the
    // same deadline. Each page notes when its countdown's text changes; the
    // same second shown at different moments is the drift.
    const ticket = (
      await stack.post(`/rounds/${show.roundId}/ranking/stream-ticket`, {}, show.organiser.token)
    ).body;
    const secondCtx = await open(SCREEN);
    const second = await secondCtx.newPage();
    await second.goto(ticket.screenPath);
    await second.getByTestId('countdown').getByText('项目陈述').waitFor();
    // (Run in the page, written as a string: the tests compile without the DOM's types.)
    const record = (page: Page) =>
      page.evaluate(`(() => {
        window.ticks = [];
        let last = '';
        const id = window.setInterval(() => {
          const text = document.querySelector('.countdown__time')?.textContent ?? '';
          if (text !== last) window.ticks.push([Date.now(), (last = text)]);
        }, 5);
        window.setTimeout(() => window.clearInterval(id), 6000);
      })()`);
    await Promise.all([record(screen), record(second)]);
    await screen.waitForTimeout(6500);
    // Each shown text with the moment it appeared (the first is when recording began).
    const ticks = async (page: Page) =>
      new Map(
        (await page.evaluate<[number, string][]>('window.ticks'))
          .slice(1)
          .map(([at, text]) => [text, at] as const),
      );
    const [a, b] = [await ticks(screen), await ticks(second)];
    const drifts = [...a].filter(([text]) => b.has(text)).map(([text, at]) => at - b.get(text)!);
    expect(drifts.length).toBeGreaterThan(2);
    const worst = Math.max(...drifts.map(Math.abs));
    const mean = drifts.reduce((s, d) => s + d, 0) / drifts.length;
    console.log(
      `timer drift between two screens over ${drifts.length} ticks: mean ${mean.toFixed(0)} ms, worst ${worst} ms`,
    );
    await screenshot(second, 'roadshow-day-second-screen');
    secondCtx.assertClean([OVERLOAD]);
    await secondCtx.close();

    await (await timerButton('项目陈述', /开始答辩/)).click();
    await screen.getByTestId('countdown').getByText('答辩').waitFor();
    const card = desk.getByTestId('live-card');
    await card.getByLabel('延长答辩（分钟）').fill('2');
    await (await timerButton('答辩', /延\s*长/)).click();
    // 1 minute of Q&A plus 2: the hall sees about three minutes left.
    await screen.locator('.countdown__time', { hasText: /^[23]:\d\d$/ }).waitFor();
    await shot('6-pitch-2-extended');
    await (await timerButton('答辩', /结\s*束/)).click();
    await card.getByTestId('live-phase').getByText('已结束').waitFor();

    const totals = await scoreOnPhones(projectId, 0);
    await checkReveal(totals);
    await shot('7-pitch-2-revealed');
  });

  it('pitch 3 runs to time; the timing log records the overrun and the extension', async () => {
    const projectId = order[2];
    await putOnStage(projectId, 3);
    await (await timerButton('未开始', /开始陈述/)).click();
    await screen.getByTestId('countdown').getByText('项目陈述').waitFor();
    await (await timerButton('项目陈述', /开始答辩/)).click();
    await screen.getByTestId('countdown').getByText('答辩').waitFor();
    await shot('8-pitch-3-qa');
    await (await timerButton('答辩', /结\s*束/)).click();
    await desk.getByTestId('live-phase').getByText('已结束').waitFor();

    const log = (await stack.get(`/rounds/${show.roundId}/timing-log`, show.organiser.token)).body
      .projects as {
      projectId: string;
      phases: { phase: string; overrunMs: number; extensionMinutes: number }[];
    }[];
    const of = (id: string) => log.find((e) => e.projectId === id)!;
    expect(of(order[0]).phases.find((p) => p.phase === 'PITCH')!.overrunMs).toBeGreaterThan(10_000);
    expect(of(order[1]).phases.find((p) => p.phase === 'QA')!.extensionMinutes).toBe(2);
    expect(of(order[2]).phases.every((p) => p.overrunMs === 0)).toBe(true);
    const card = desk.getByTestId('live-card');
    await card.getByText('计时记录').waitFor();
    await card.getByRole('cell', { name: '+2′' }).waitFor();

    const totals = await scoreOnPhones(projectId, 0);
    await checkReveal(totals);
    await shot('9-pitch-3-revealed');
  });

  it('a team signs 无异议 on its phone; another objects; the screen shows 异议处理中 until the desk decides', async () => {
    // The first team: its result, signed with a finger.
    const first = order[0];
    const teamCtx = await open(PHONE, true);
    const team = await teamCtx.newPage();
    await team.goto('/login');
    await login(team, ownerOf(first).email, 'Roadshow-Applicant-2026!');
    await team.waitForURL('**/applicant');
    await team.goto(`/applicant/rounds/${show.roundId}/projects/${first}/result`);
    await team.getByTestId('result-state').getByText('已亮分，待确认').waitFor();
    await sign(team, team.getByRole('img', { name: '团队代表签名' }));
    await team.getByText('已签名，可重写').waitFor();
    await team.getByRole('button', { name: '签字确认无异议' }).click();
    await team.getByTestId('result-state').getByText('已签字确认无异议').waitFor();
    await screenshot(team, 'roadshow-day-team-confirmed');
    teamCtx.assertClean([OVERLOAD]);

    // The team on stage now objects in writing from its phone.
    const last = order[2];
    const otherCtx = await open(PHONE, true);
    const other = await otherCtx.newPage();
    await other.goto('/login');
    await login(other, ownerOf(last).email, 'Roadshow-Applicant-2026!');
    await other.waitForURL('**/applicant');
    await other.goto(`/applicant/rounds/${show.roundId}/projects/${last}/result`);
    await other.getByTestId('result-state').getByText('已亮分，待确认').waitFor();
    await other.getByLabel('异议内容（书面）').fill('评委对我们的市场数据理解有误，请复核。');
    await other.getByRole('button', { name: '提出异议' }).click();
    await other.getByRole('dialog').getByRole('button', { name: '提出异议' }).click();
    await other.getByTestId('result-state').getByText('异议处理中').waitFor();
    await screenshot(other, 'roadshow-day-team-objected');
    otherCtx.assertClean([OVERLOAD]);

    // The screen: 异议处理中 in place of the result, on stage and in the ranking.
    const disputed = screen.getByTestId('stage-disputed');
    await disputed.getByText('异议处理中').waitFor({ timeout: 10000 });
    expect(await screen.getByTestId('reveal').getByTestId('stage-score').count()).toBe(0);
    const row = screen.locator('tr[data-disputed]');
    await row.getByText('异议处理中').waitFor();
    expect(await row.locator('.board__title').textContent()).toBe(titleOf(last));
    expect(await screen.locator('tr[data-disputed]').count()).toBe(1);
    expect(await share(disputed)).toBeGreaterThanOrEqual(0.05);
    await shot('10-objection-pending');

    // The desk decides: dismissed, with the handling and the reason.
    const signOff = desk.getByTestId('sign-off-card');
    await signOff.scrollIntoViewIfNeeded();
    await signOff.getByRole('button', { name: /^处\s*理$/ }).click();
    const dialog = desk.getByRole('dialog', { name: `处理异议：${titleOf(last)}` });
    await dialog.getByLabel('异议不成立（维持原成绩）').check();
    await dialog.getByLabel('处理经过').fill('调阅评分记录，与评委核对市场数据');
    await dialog.getByLabel('理由').fill('评分依据无误，维持原成绩');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await signOff.getByText('异议不成立').first().waitFor();

    // The result stands: the score again, on stage and in the ranking.
    await screen.getByTestId('reveal').getByTestId('stage-score').waitFor({ timeout: 10000 });
    expect(await screen.locator('tr[data-disputed]').count()).toBe(0);
    await shot('11-objection-dismissed');
    await other.reload();
    await other.getByTestId('result-state').getByText('异议不成立，成绩有效').waitFor();
    otherCtx.assertClean([OVERLOAD]);
  });

  it('every judge signs the sheet on the phone; the round closes; the screen shows the final ranking', async () => {
    for (const page of judgePages) {
      await page.goto(`/judge/rounds/${show.roundId}`);
      const card = page.locator('section.sign-sheet');
      await card.getByText('未签字').waitFor();
      await sign(page, card.getByRole('img', { name: '评委签名' }));
      await card.getByText('已签名，可重写').waitFor();
      await card.getByRole('button', { name: '确认签字' }).click();
      await card
        .getByTestId('sheet-state')
        .getByText(/已签字 · 签字时间/)
        .waitFor();
    }
    await screenshot(judgePages[4], 'roadshow-day-judge-signed');

    const signOff = desk.getByTestId('sign-off-card');
    // The card polls every 10 s.
    await signOff.getByText('评分表均已签字，异议均已处理，可以结束本轮。').waitFor({
      timeout: 25000,
    });
    await screenshot(desk, 'roadshow-day-desk-signed-off');
    await desk.getByRole('button', { name: '结束评审' }).first().click();
    const dialog = desk.getByRole('dialog', { name: '结束评审' });
    await dialog.getByRole('button', { name: '结束评审' }).click();
    await waitFor(
      'the round closed',
      async () =>
        (await stack.get(`/rounds/${show.roundId}`, show.organiser.token)).body.status === 'CLOSED',
    );
    await screen.getByText('最终排名').waitFor({ timeout: 60000 });
    expect(await screen.locator('.board__score').count()).toBe(3);
    await shot('12-closed-final');

    const mean = revealDelays.reduce((s, d) => s + d, 0) / revealDelays.length;
    console.log(
      `亮分 after the last submit: ${revealDelays.join(', ')} ms (mean ${mean.toFixed(0)} ms)`,
    );
    // On this shared 2-core machine a burst of the desk's refetches (every
    // query after each accepted change) can find the api's small database pool
    // busy: the api answers 503 with Retry-After by design (db-unavailable.ts)
    // and the page retries it (query.ts, mayRetry). Counted and printed; any
    // other console error fails the test.
    const retried = contexts.flatMap((ctx) => ctx.problems.filter((p) => OVERLOAD.test(p)));
    console.log(`503 answers retried by the pages under load: ${retried.length}`);
    for (const ctx of contexts) ctx.assertClean([OVERLOAD]);
  });
});

jest.setTimeout(PHASE_MS);
