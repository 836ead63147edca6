import { createHash, randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { RoadshowFixture, openRoadshow } from '../support/roadshow-scenario';
import { Stack } from '../support/stack';
import { SCREEN, WatchedContext, launchChromium, originOf, screenshot } from './support/browser';

// The round page's 大屏链接 and the draw's seed, in real Chromium: the
// organiser prepares the draw (the sealed seed's SHA-256 shown first, the seed
// after the draw), issues a big-screen link, opens the screen with it, revokes
// it (a refusal shown in words first), and the open screen says at once that
// the link was revoked and what to do.
const DESKTOP = { width: 1440, height: 900 };
const REVOKE = /\/api\/v1\/rounds\/[^/]+\/screen-tickets\/[^/]+\/revoke$/;

describe('organiser console: big-screen links and the draw’s seed', () => {
  let stack: Stack;
  let browser: Browser;
  let console_: WatchedContext;
  let screenCtx: WatchedContext;
  let page: Page;
  let show: RoadshowFixture;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    show = await openRoadshow(stack, 3, 2);
    browser = await launchChromium();
    console_ = await WatchedContext.open(browser, originOf(stack.apiUrl), DESKTOP);
    screenCtx = await WatchedContext.open(browser, originOf(stack.apiUrl), SCREEN);
    page = await console_.newPage();
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(show.organiser.email);
    await page.getByLabel('密码').fill('Roadshow-Organiser-2026!');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/console');
    await page.goto(`/console/c/${show.competition.id}/rounds/${show.roundId}`);
    await page.getByRole('heading', { name: /路演评审/ }).waitFor();
  });

  afterAll(async () => {
    await screenCtx?.close();
    await console_?.close();
    await browser?.close();
    await stack?.stop();
  });

  it('prepares the draw: the sealed seed’s hash before, the seed after, and they match', async () => {
    const seed = page.getByTestId('pitch-seed');
    await seed.getByText(/抽签前可先点“准备抽签”/).waitFor();
    await page.getByRole('button', { name: '准备抽签' }).click();
    await seed.getByText(/抽签种子已封存.*请在抽签前公布以下校验值/).waitFor();
    const announced = (await seed.locator('code').first().textContent())!;
    expect(announced).toMatch(/^[0-9a-f]{64}$/);
    const committed = await stack.get(
      `/rounds/${show.roundId}/pitch-order/commitment`,
      show.organiser.token,
    );
    expect(committed.body.seedHash).toBe(announced);
    expect(await page.getByRole('button', { name: '准备抽签' }).count()).toBe(0);
    await screenshot(page, 'console-pitch-seed-sealed');

    await page.getByRole('button', { name: /^抽\s*签$/ }).click();
    await seed.getByText(/本次抽签.*使用的种子已公开/).waitFor();
    const codes = await seed.locator('code').allTextContents();
    // The seed, its hash (the one announced), then the hash sealed for a redraw.
    const [revealed, hash, next] = codes;
    expect(hash).toBe(announced);
    expect(createHash('sha256').update(revealed, 'utf8').digest('hex')).toBe(announced);
    expect(next).toMatch(/^[0-9a-f]{64}$/);
    expect(next).not.toBe(announced);
    await seed.getByText(/如需重新抽签，新的种子已封存/).waitFor();
    await page.getByTestId('pitch-order').locator('tbody tr.ant-table-row').first().waitFor();
    await screenshot(page, 'console-pitch-seed-revealed');
    console_.assertClean();
  });

  it('issues a big-screen link, opens the screen, revokes the link, and the screen says it has ended', async () => {
    const card = page.getByTestId('screen-tickets');
    await card.getByText('尚未生成大屏链接').waitFor();
    await card.getByRole('button', { name: '生成大屏链接' }).click();
    const address = card.getByLabel('大屏链接地址');
    await address.waitFor();
    const url = await address.inputValue();
    expect(url).toMatch(
      new RegExp(`^${originOf(stack.apiUrl)}/screen/rounds/${show.roundId}\\?ticket=`),
    );
    const row = card.getByRole('row', { name: /大屏链接 1/ });
    await row.getByText('有效').waitFor();
    await row.getByText('刚生成').waitFor();
    await row.getByText('组委会 王磊').waitFor();
    await screenshot(page, 'console-screen-link-issued');

    // The screen, on the venue's computer: no login, just the link.
    const screen = await screenCtx.newPage();
    await screen.goto(url);
    await screen.getByText('实时', { exact: true }).waitFor();
    await screenshot(screen, 'screen-with-link');

    // A refusal is shown in the dialog as its sentence, the dialog kept open.
    await page.route(REVOKE, (route) =>
      route.continue({
        url: route
          .request()
          .url()
          .replace(/screen-tickets\/[^/]+\//, `screen-tickets/${randomUUID()}/`),
      }),
    );
    await row.getByRole('button', { name: '停用 大屏链接 1' }).click();
    const dialog = page.getByRole('dialog', { name: '停用大屏链接 1' });
    await dialog.getByText(/正在用它显示的大屏会立即停止更新/).waitFor();
    await dialog.getByRole('button', { name: /停\s*用/ }).click();
    await dialog.getByText('找不到该大屏链接，或您无权查看。').waitFor();
    await screenshot(page, 'console-screen-link-revoke-refused');
    await page.unroute(REVOKE);
    console_.assertClean([/status of 404.*\/screen-tickets\/[^/]+\/revoke/]);

    await dialog.getByRole('button', { name: /停\s*用/ }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('已停用').waitFor();
    await row.getByText(/组委会 王磊 于 .* 停用/).waitFor();
    expect(await row.getByRole('button', { name: /停\s*用/ }).count()).toBe(0);
    // The link no longer on offer to copy or open.
    await address.waitFor({ state: 'detached' });
    await screenshot(page, 'console-screen-link-revoked');

    // The open screen learns at once, in Chinese, and says what to do.
    await screen.getByRole('heading', { name: '大屏链接已被组委会停用' }).waitFor({
      timeout: 10000,
    });
    await screen.getByText(/请组委会在工作台的评审轮次页“大屏链接”中生成新链接/).waitFor();
    await screenshot(screen, 'screen-link-revoked');
    const listed = await stack.get(`/rounds/${show.roundId}/screen-tickets`, show.organiser.token);
    expect(listed.body.items).toEqual([expect.objectContaining({ status: 'REVOKED' })]);
    console_.assertClean();
    screenCtx.assertClean();
  });
});
