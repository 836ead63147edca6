import type { Browser, Page } from 'playwright-core';
import { createRound } from '../support/decisions-scenario';
import { HeatFixture, eligibleHeat } from '../support/judging-scenario';
import { Stack } from '../support/stack';
import { WatchedContext, launchChromium, originOf, screenshot } from './support/browser';

// Issue 22: on a DRAFT 2+1 round the organiser picks the chief expert
// (主评专家) among the round's judges, saved with the rest of the rule, and
// the card then names who it is.
const DESKTOP = { width: 1440, height: 900 };

describe('experts: the 2+1 round’s chief expert in the console', () => {
  let stack: Stack;
  let browser: Browser;
  let desk: WatchedContext;
  let page: Page;
  let heat: HeatFixture;
  let roundId: string;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    heat = await eligibleHeat(stack, 2, 3, false);
    const o = heat.organiser.token;
    roundId = await createRound(stack, heat.organiser, heat.competition.heatId, {
      rubricId: heat.competition.rubricId,
      kind: 'EXPERT_REVIEW',
      name: '专家网评',
    });
    await stack.post(`/rounds/${roundId}/judges`, { judgeIds: heat.judges.map((j) => j.id) }, o);
    browser = await launchChromium();
    desk = await WatchedContext.open(browser, originOf(stack.apiUrl), DESKTOP);
    page = await desk.newPage();
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(heat.organiser.email);
    await page.getByLabel('密码').fill('Roadshow-Organiser-2026!');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/console');
  });

  afterAll(async () => {
    await desk?.close();
    await browser?.close();
    await stack?.stop();
  });

  it('the organiser picks the chief expert among the round’s judges; the card names them', async () => {
    const chief = heat.judges[1];
    const [user] = await stack.sql<{ name: string }>(`SELECT name FROM users WHERE id = $1`, [
      chief.id,
    ]);
    await page.goto(`/console/c/${heat.competition.id}/rounds/${roundId}`);
    const card = page.getByTestId('double-marking');
    await card.locator('.ant-select[aria-label="主评专家"]').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: user.name })
      .click();
    await card.getByRole('button', { name: '启用双评' }).click();
    await card.getByTestId('double-chief').getByText(`主评专家：${user.name}`).waitFor();
    const rule = (await stack.get(`/rounds/${roundId}/double-marking`, heat.organiser.token)).body
      .rule;
    expect(rule.chiefJudgeId).toBe(chief.id);
    expect(rule.tolerance).toBe(10);
    await screenshot(page, 'console-double-marking-chief');
    desk.assertClean();
  });
});
