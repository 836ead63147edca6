import type { Browser, Page } from 'playwright-core';
import { eligibleHeat, HeatFixture } from '../support/judging-scenario';
import { twoRoomRound } from '../support/rooms-scenario';
import { Stack } from '../support/stack';
import { SCREEN, WatchedContext, launchChromium, originOf, screenshot } from './support/browser';

// 分会场 in real Chromium (issue 20): the organiser picks a room in the round
// page's stage selector, puts that room's project on stage and starts its
// timer; the two rooms' screens, side by side, each show their own stage.
describe("parallel rooms' stages and screens", () => {
  let stack: Stack;
  let browser: Browser;
  let heat: HeatFixture;
  let roundId: string;
  let rooms: { id: string; name: string }[];

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    heat = await eligibleHeat(stack, 4, 2, false);
    const token = heat.organiser.token;
    ({ roundId, rooms } = await twoRoomRound(stack, heat));
    expect((await stack.post(`/rounds/${roundId}/open`, {}, token)).status).toBe(200);
    expect((await stack.post(`/rounds/${roundId}/pitch-order`, {}, token)).status).toBe(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  // The labelled select of the round page (控制的会场), by its id.
  async function choose(page: Page, _label: string, option: string) {
    await page.locator('.ant-select', { has: page.locator('#room-stage') }).click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
      .first()
      .click();
  }

  it("drives room 1's stage from the console; each room's screen shows its own", async () => {
    const ctx = await WatchedContext.open(browser, originOf(stack.apiUrl), {
      width: 1440,
      height: 900,
    });
    const page = await ctx.newPage();
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(heat.organiser.email);
    await page.getByLabel('密码').fill('Roadshow-Organiser-2026!');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/console');
    await page.goto(`/console/c/${heat.competition.id}/rounds/${roundId}`);
    const selector = page.getByTestId('room-stage-select');
    await selector.waitFor();
    await choose(page, '控制的会场', '一号厅');

    // The pitch order lists room 1's projects only; 项目01 goes on room 1's stage.
    const order = page.getByTestId('pitch-order');
    await order.scrollIntoViewIfNeeded();
    await order.getByRole('row', { name: /项目00/ }).waitFor();
    expect(await order.getByRole('row', { name: /项目0[23]/ }).count()).toBe(0);
    await order
      .getByRole('row', { name: /项目01/ })
      .getByRole('button', { name: /^上\s*台$/ })
      .click();
    await order
      .getByRole('row', { name: /项目01/ })
      .getByText('台上')
      .waitFor();
    const desk = page.getByTestId('live-card');
    await desk.getByText('台上：项目01').waitFor();
    await desk.getByRole('button', { name: '开始陈述' }).click();
    await desk.getByTestId('live-phase').getByText('项目陈述').waitFor();
    await desk.scrollIntoViewIfNeeded();
    await screenshot(page, 'console-room-stage-pitch');
    const timerA = await stack.get(
      `/rounds/${roundId}/timer?roomId=${rooms[0].id}`,
      heat.organiser.token,
    );
    expect(timerA.body).toMatchObject({ projectId: heat.projectIds[1], phase: 'PITCH' });
    // The round's own stage (主会场) is untouched.
    await choose(page, '控制的会场', '主会场（全轮）');
    await desk.getByText('还没有项目上台', { exact: false }).waitFor();
    ctx.assertClean();
    await ctx.close();

    // Room 2 has 项目02 on stage, its timer not started.
    expect(
      (
        await stack.post(
          `/rounds/${roundId}/now-pitching`,
          { projectId: heat.projectIds[2], roomId: rooms[1].id },
          heat.organiser.token,
        )
      ).status,
    ).toBe(200);

    const ticket = (
      await stack.post(`/rounds/${roundId}/ranking/stream-ticket`, {}, heat.organiser.token)
    ).body;
    const screens = await WatchedContext.open(browser, originOf(stack.apiUrl), SCREEN);
    const [one, two] = [await screens.newPage(), await screens.newPage()];
    await one.goto(`${ticket.screenPath}&room=${rooms[0].id}`);
    await two.goto(`${ticket.screenPath}&room=${rooms[1].id}`);
    await one.getByRole('heading', { name: '分会场路演 · 一号厅' }).waitFor();
    await one.locator('.stage__title', { hasText: '项目01' }).waitFor();
    await one.getByTestId('countdown').getByText('项目陈述').waitFor();
    await two.getByRole('heading', { name: '分会场路演 · 二号厅' }).waitFor();
    await two.locator('.stage__title', { hasText: '项目02' }).waitFor();
    expect(await two.getByTestId('countdown').count()).toBe(0);
    await screenshot(one, 'room-screen-one');
    await screenshot(two, 'room-screen-two');
    screens.assertClean();
    await screens.close();
  });
});
