import type { Browser } from 'playwright-core';
import { RoadshowFixture, openRoadshow } from '../support/roadshow-scenario';
import { Stack } from '../support/stack';
import { PHONE, WatchedContext, launchChromium, originOf, screenshot } from './support/browser';

// 签到 on the day: a team scans the venue's QR on its phone (signing in on
// the way), the organisers' desk sees it, checks in another team by hand,
// marks a third absent with a reason, and draws among the teams present.
describe('browser: check-in at the venue', () => {
  let stack: Stack;
  let browser: Browser;
  let show: RoadshowFixture;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    show = await openRoadshow(stack, 3, 2);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('checks a team in by the QR on its phone, then the desk does the rest', async () => {
    const code = (await stack.get(`/rounds/${show.roundId}/check-in-code`, show.organiser.token))
      .body;
    const phone = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const team = await phone.newPage();
    await team.goto(code.path);
    // Not signed in yet: the login page, then back to the check-in with its code.
    await team.waitForURL('**/login**');
    await team.getByLabel('邮箱').fill(show.applicants[0].email);
    await team.getByLabel('密码').fill('Roadshow-Applicant-2026!');
    await team.getByRole('button', { name: '登录' }).click();
    await team.getByText('“路演评审”签到成功').waitFor();
    await team.getByText(/项目《项目00》/).waitFor();
    await screenshot(team, 'check-in-phone');
    phone.assertClean();
    await phone.close();

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
    const card = page.getByTestId('presence-card');
    await card.getByLabel('签到二维码').waitFor();
    const rows = card.getByTestId('presence-projects');
    await rows.getByRole('row', { name: /项目00.*已签到/ }).waitFor();

    await rows
      .getByRole('row', { name: /项目01/ })
      .getByRole('button', { name: '代为签到' })
      .click();
    await rows.getByRole('row', { name: /项目01.*工作人员代签/ }).waitFor();
    await rows
      .getByRole('row', { name: /项目02/ })
      .getByRole('button', { name: '标记缺席' })
      .click();
    const dialog = page.getByRole('dialog', { name: '标记《项目02》缺席' });
    await dialog.getByLabel('理由').fill('叫号三次未到场');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await rows.getByText('缺席：叫号三次未到场').waitFor();
    await card.getByText('已到项目 2/3').waitFor();

    await card.getByRole('button', { name: '在已签到项目中抽签' }).click();
    const order = page.getByTestId('pitch-order');
    await order.getByRole('cell', { name: '项目00', exact: true }).waitFor();
    await order.getByRole('cell', { name: '项目01', exact: true }).waitFor();
    expect(await order.getByRole('cell', { name: '项目02', exact: true }).count()).toBe(0);
    await screenshot(page, 'check-in-console');
    ctx.assertClean();
    await ctx.close();
  });
});
