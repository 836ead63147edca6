import type { Browser, Page } from 'playwright-core';
import { deterministicScores } from '../support/judging-scenario';
import { RoadshowFixture, openRoadshow } from '../support/roadshow-scenario';
import { Stack } from '../support/stack';
import { SCREEN, WatchedContext, launchChromium, originOf, screenshot } from './support/browser';

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
});
