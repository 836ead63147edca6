import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Browser } from 'playwright-core';
import { deterministicScores } from '../support/judging-scenario';
import { RoadshowFixture, openRoadshow } from '../support/roadshow-scenario';
import { E2E_JWT_SECRET, Stack, waitFor } from '../support/stack';
import {
  PHONE,
  SCREEN,
  WatchedContext,
  launchChromium,
  originOf,
  screenshot,
} from './support/browser';

// The hall's screen at 1920×1080 with a title of four lines' length on stage
// and a ranking of 24: the score and the ranking stay on the screen. A link
// that has expired says so, with what to do. A judge's labels on a phone.
const LONG_TITLE =
  '面向长三角先进制造业集群的多模态工业视觉质检与预测性维护一体化智能平台及其在新能源汽车零部件产线的规模化应用';
const PROJECTS = 24;

describe('browser: the big screen fits 1920×1080; an expired link says so', () => {
  let stack: Stack;
  let browser: Browser;
  let show: RoadshowFixture;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    show = await openRoadshow(stack, PROJECTS, 1);
    const [first] = show.projectIds;
    // The title as an applicant may type it (200 characters allowed), in the round's copy too.
    await stack.sql('UPDATE projects SET title = $1 WHERE id = $2', [LONG_TITLE, first]);
    await stack.sql('UPDATE round_projects SET title = $1 WHERE project_id = $2', [
      LONG_TITLE,
      first,
    ]);
    const [judge] = show.judges;
    for (const [p, projectId] of show.projectIds.entries()) {
      const res = await stack.put(
        `/rounds/${show.roundId}/projects/${projectId}/score`,
        { scores: deterministicScores(0, p), submit: true },
        judge.token,
      );
      expect(res.status).toBe(200);
    }
    const org = show.organiser.token;
    await stack.post(`/rounds/${show.roundId}/pitch-order`, { seed: 'screen-fit' }, org);
    await stack.post(`/rounds/${show.roundId}/now-pitching`, { projectId: first }, org);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('keeps the score and the ranking on one 1920×1080 screen, paging a long ranking', async () => {
    const org = show.organiser.token;
    await waitFor(
      'the ranking of every project',
      async () =>
        (await stack.get(`/rounds/${show.roundId}/ranking`, org)).body.entries?.length === PROJECTS,
      60000,
    );
    const ticket = (await stack.post(`/rounds/${show.roundId}/ranking/stream-ticket`, {}, org))
      .body;
    const ctx = await WatchedContext.open(browser, originOf(stack.apiUrl), SCREEN);
    const screen = await ctx.newPage();
    await screen.goto(ticket.screenPath);
    await screen.getByText('实时', { exact: true }).waitFor();
    await screen
      .getByTestId('stage-score')
      .getByText(/\d+\.\d\d/)
      .waitFor();
    await screen.getByTestId('board-page').getByText('第 1 / 3 页').waitFor();
    await screenshot(screen, 'screen-fit-1920');

    const bottom = async (selector: string) =>
      (await screen.locator(selector).first().boundingBox())!.y +
      (await screen.locator(selector).first().boundingBox())!.height;
    expect(await bottom('[data-testid="stage-score"]')).toBeLessThanOrEqual(SCREEN.height);
    expect(await bottom('.board__table')).toBeLessThanOrEqual(SCREEN.height);
    expect(await screen.locator('.board__table tbody tr').count()).toBe(10);
    // Nothing below the edge to scroll to.
    expect(
      await screen.evaluate<number>('document.documentElement.scrollHeight - window.innerHeight'),
    ).toBeLessThanOrEqual(0);
    ctx.assertClean();
    await ctx.close();
  });

  it('says at once that an expired link has expired, and what to do', async () => {
    // A ticket of this round that ran out a minute ago, signed as the api signs them.
    const key = createHmac('sha256', E2E_JWT_SECRET).update('roadshow stream ticket v1').digest();
    const expired = jwt.sign({ purpose: 'screen', exp: Math.floor(Date.now() / 1000) - 60 }, key, {
      subject: show.roundId,
      audience: 'ranking-stream',
    });
    const ctx = await WatchedContext.open(browser, originOf(stack.apiUrl), SCREEN);
    const screen = await ctx.newPage();
    await screen.goto(`/screen/rounds/${show.roundId}?ticket=${expired}`);
    await screen.getByRole('alert').getByText('大屏链接已过期').waitFor({ timeout: 5000 });
    await screen.getByText(/点击“打开大屏”/).waitFor();
    expect(await screen.getByText('重新连接中').count()).toBe(0);
    await screenshot(screen, 'screen-expired');
    // The refused stream is the one console error the page may show.
    ctx.assertClean([/screen\/stream/, /401/]);
    await ctx.close();
  });

  it("shows a judge's labels at 16 px or more on a phone", async () => {
    const [judge] = show.judges;
    const ctx = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const page = await ctx.newPage();
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(judge.email);
    await page.getByLabel('密码').fill('Roadshow-Judge-2026!');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/judge');
    await page.goto(`/judge/rounds/${show.roundId}/projects/${show.projectIds[1]}`);
    await page.locator('.score-field__label').first().waitFor();
    await screenshot(page, 'judge-labels-phone');
    const sizes = await page.evaluate<number[]>(
      `[...document.querySelectorAll('.score-field__label, .score-field__label *, .hint, .sync, .field-error, .notice')]
        .filter((el) => el.textContent.trim())
        .map((el) => parseFloat(getComputedStyle(el).fontSize))`,
    );
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(16);
    ctx.assertClean();
    await ctx.close();
  });
});
