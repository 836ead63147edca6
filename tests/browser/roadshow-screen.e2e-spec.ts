import type { Browser, Page } from 'playwright-core';
import { deterministicScores } from '../support/judging-scenario';
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

// The hall's screen on the roadshow day at 1920×1080: the pitch countdown
// (amber near the end, red and counting up over time), then 亮分 with five
// judges' totals, the highest and lowest struck through. Both read from the
// back of the hall: at least 10 % of the screen's height.
describe('browser: the countdown and the revealed score on the big screen', () => {
  let stack: Stack;
  let browser: Browser;
  let show: RoadshowFixture;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    show = await openRoadshow(stack, 2, 5, 'TRIMMED_MEAN');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const heightShare = async (page: Page, selector: string) =>
    (await page.locator(selector).first().boundingBox())!.height / SCREEN.height;

  it('counts the pitch down, turns red over time, then reveals the score with two struck', async () => {
    const org = show.organiser.token;
    const round = `/rounds/${show.roundId}`;
    const [projectId] = show.projectIds;
    // A 1-minute pitch with a 60 s warning: amber from the start.
    const put = await stack.put(
      `${round}/roadshow-settings`,
      {
        pitchMinutes: 1,
        qaMinutes: 1,
        warningSeconds: 60,
        revealMode: 'AUTO',
        judgeLabels: 'NUMBER',
      },
      org,
    );
    expect(put.status).toBe(200);
    expect((await stack.post(`${round}/now-pitching`, { projectId }, org)).status).toBe(200);
    expect((await stack.post(`${round}/timer`, { action: 'START_PITCH' }, org)).status).toBe(200);

    const ticket = (await stack.post(`${round}/ranking/stream-ticket`, {}, org)).body;
    const ctx = await WatchedContext.open(browser, originOf(stack.apiUrl), SCREEN);
    const screen = await ctx.newPage();
    await screen.goto(ticket.screenPath);
    const countdown = screen.getByTestId('countdown');
    await countdown.getByText('项目陈述').waitFor();
    expect(await countdown.getAttribute('data-level')).toBe('WARNING');
    expect(await heightShare(screen, '.countdown__time')).toBeGreaterThanOrEqual(0.1);
    await screenshot(screen, 'roadshow-countdown-warning');

    // A judge's phone shows the same pitch timer on the round's page.
    const phone = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const judgePage = await phone.newPage();
    await judgePage.goto('/login');
    await judgePage.getByLabel('邮箱').fill(show.judges[0].email);
    await judgePage.getByLabel('密码').fill('Roadshow-Judge-2026!');
    await judgePage.getByRole('button', { name: '登录' }).click();
    await judgePage.waitForURL('**/judge');
    await judgePage.goto(`/judge/rounds/${show.roundId}`);
    const judgeTimer = judgePage.getByRole('timer');
    await judgeTimer.getByText('项目陈述').waitFor();
    await judgeTimer.getByText(/^0:[0-5]\d$/).waitFor();
    expect(await judgeTimer.getAttribute('class')).toContain('judge-timer--warning');
    await screenshot(judgePage, 'roadshow-judge-timer');
    phone.assertClean();
    await phone.close();

    // Over time: the pitch started 70 s ago by the server's clock.
    await stack.sql(
      `UPDATE pitch_timer_actions SET at = at - interval '70 seconds' WHERE round_id = $1`,
      [show.roundId],
    );
    expect((await stack.post(`${round}/timer`, { action: 'PAUSE' }, org)).status).toBe(200);
    await countdown.getByText('已超时').waitFor();
    await countdown.getByText('已暂停').waitFor();
    expect(await countdown.getAttribute('data-level')).toBe('OVERRUN');
    await screen.locator('.countdown__time', { hasText: /^\+0:1\d$/ }).waitFor();
    await screenshot(screen, 'roadshow-countdown-overrun');

    expect((await stack.post(`${round}/timer`, { action: 'END' }, org)).status).toBe(200);
    for (const [j, judge] of show.judges.entries()) {
      const res = await stack.put(
        `${round}/projects/${projectId}/score`,
        { scores: deterministicScores(j, j * 3 + 1), submit: true },
        judge.token,
      );
      expect(res.status).toBe(200);
    }
    const reveal = screen.getByTestId('reveal');
    await reveal.waitFor({ timeout: 15000 });
    expect(await reveal.locator('.reveal__judge').count()).toBe(5);
    expect(await reveal.locator('[data-dropped="HIGHEST"]').count()).toBe(1);
    expect(await reveal.locator('[data-dropped="LOWEST"]').count()).toBe(1);
    await reveal.getByText('去掉最高分').waitFor();
    const score = await reveal.getByTestId('stage-score').textContent();
    expect(score).toMatch(/^\d+\.\d\d$/);
    expect(await heightShare(screen, '.reveal .stage__score')).toBeGreaterThanOrEqual(0.1);
    const bottom = await screen.locator('.reveal .stage__score').boundingBox();
    expect(bottom!.y + bottom!.height).toBeLessThanOrEqual(SCREEN.height);
    // The project's title stays on screen above the revealed scores.
    expect((await screen.locator('.stage__title').boundingBox())!.height).toBeGreaterThan(40);
    // The ranking lists the revealed project with the same score.
    await screen.locator('.board__score', { hasText: score! }).waitFor();
    await screenshot(screen, 'roadshow-reveal');
    ctx.assertClean();
    await ctx.close();
  });

  it("runs the second pitch from the console's desk and reveals it on the host's click", async () => {
    const [, second] = show.projectIds;
    const ctx = await WatchedContext.open(browser, originOf(stack.apiUrl), {
      width: 1440,
      height: 900,
    });
    const page = await ctx.newPage();
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(show.organiser.email);
    await page.getByLabel('密码').fill('Roadshow-Organiser-2026!');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/console');
    await page.goto(`/console/c/${show.competition.id}/rounds/${show.roundId}`);
    const desk = page.getByTestId('live-card');
    await desk.waitFor();

    // The host's click reveals: set before the pitch, saved (once the stored
    // settings have filled the form: the 1-minute format of the first pitch).
    await waitFor(
      'the stored settings in the form',
      async () => (await desk.getByLabel('陈述（分钟）').inputValue()) === '1',
    );
    await desk.getByLabel('陈述（分钟）').fill('8');
    await desk.locator('.ant-select', { has: page.locator('#revealMode') }).click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', {
        hasText: '主持人点击亮分',
      })
      .click();
    await desk.getByRole('button', { name: '保存设置' }).click();
    await waitFor(
      'the settings saved',
      async () =>
        (await stack.get(`/rounds/${show.roundId}/roadshow-settings`, show.organiser.token)).body
          .revealMode === 'HOST',
    );

    await stack.post(
      `/rounds/${show.roundId}/now-pitching`,
      { projectId: second },
      show.organiser.token,
    );
    await desk.getByText('台上：', { exact: false }).waitFor();
    await desk.getByRole('button', { name: '开始陈述' }).click();
    await desk.getByTestId('live-phase').getByText('项目陈述').waitFor();
    await screenshot(page, 'console-live-pitch');
    await desk
      .getByTestId('live-clock')
      .getByText(/^[78]:\d\d$/)
      .waitFor();
    await desk.getByRole('button', { name: '开始答辩' }).click();
    await desk.getByTestId('live-phase').getByText('答辩').waitFor();
    await desk.getByLabel('延长答辩（分钟）').fill('3');
    await desk
      .getByRole('button', { name: '延 长' })
      .or(desk.getByRole('button', { name: '延长' }))
      .click();
    await desk
      .getByTestId('live-clock')
      .getByText(/^[34]:\d\d$/)
      .waitFor();
    await desk
      .getByRole('button', { name: '结 束' })
      .or(desk.getByRole('button', { name: '结束' }))
      .click();
    await desk.getByTestId('live-phase').getByText('已结束').waitFor();
    await desk.getByText('计时记录').waitFor();
    await desk.getByRole('cell', { name: '+3′' }).waitFor();
    // The first pitch keeps the 1-minute limit it ran under, though the format is 8 minutes now.
    await desk.getByRole('cell', { name: /^1:1\d \/ 1:00$/ }).waitFor();

    // Revealing before every judge submitted is refused in words.
    await desk.getByTestId('reveal-button').click();
    await page.getByText(/还有评委未提交（已提交 0\/5）/).waitFor();
    for (const [j, judge] of show.judges.entries()) {
      const res = await stack.put(
        `/rounds/${show.roundId}/projects/${second}/score`,
        { scores: deterministicScores(j, j + 7), submit: true },
        judge.token,
      );
      expect(res.status).toBe(200);
    }
    await desk.getByTestId('reveal-button').click();
    await waitFor(
      'the reveal recorded',
      async () =>
        (await stack.sql('SELECT 1 FROM project_reveals WHERE project_id = $1', [second]))
          .length === 1,
    );
    await screenshot(page, 'console-live-desk');
    // The refused reveal's 409 is the one console error the page may show.
    ctx.assertClean([/reveal/, /409/]);
    await ctx.close();
  });
});
