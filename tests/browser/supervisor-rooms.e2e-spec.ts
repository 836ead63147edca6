import type { Browser, Page } from 'playwright-core';
import { signatureDataUrl } from '../support/signature';
import { Stack } from '../support/stack';
import {
  SupervisedRoomsFixture,
  roomASignOff,
  supervisedRooms,
} from '../support/supervisor-rooms-scenario';
import { PHONE, WatchedContext, launchChromium, originOf, screenshot } from './support/browser';

// The supervisor (监督) watches one room (分会场) at a time, on a phone: the
// room picked stays in the address, every section follows it (the room's
// projects and ranking, its sign-off, its notes) and so does the export.
describe('browser: the supervisor picks a room', () => {
  let stack: Stack;
  let browser: Browser;
  let f: SupervisedRoomsFixture;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    f = await supervisedRooms(stack);
    const answered = await roomASignOff(stack, f, signatureDataUrl());
    await answered.decide();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const signIn = async (page: Page) => {
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(f.supervisor.email);
    await page.getByLabel('密码').fill(f.supervisor.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/supervisor');
  };

  it('on a phone: picks 一号厅, sees only its projects, its sign-off and notes; the export follows', async () => {
    const ctx = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const page = await ctx.newPage();
    await signIn(page);
    await page.goto(`/supervisor/rounds/${f.roundId}`);
    const scores = page.getByTestId('supervisor-scores');
    await scores.getByText('项目02').waitFor();

    const picker = page.getByRole('group', { name: '查看会场' });
    await picker.getByText('全部会场').waitFor();
    await picker.getByText('一号厅').click();
    await page.waitForURL(`**/supervisor/rounds/${f.roundId}?room=${f.roomA.id}`);
    await page.getByTestId('supervisor-room').getByText('分会场：一号厅').waitFor();
    await scores.getByText('项目02').waitFor({ state: 'detached' });
    await scores.getByText('项目00').waitFor();
    const ranking = page.getByTestId('supervisor-ranking');
    await ranking.getByText('会场内排名').waitFor();
    expect(await ranking.locator('tbody tr').count()).toBe(2);
    await ranking.locator('tbody tr').first().getByText('项目01').waitFor();

    const signOff = page.getByTestId('supervisor-sign-off');
    await signOff.getByText(/已签字 ·/).waitFor();
    await signOff.getByText('已签字确认无异议').waitFor();
    await signOff.getByText(/评委对我们的市场数据理解有误/).waitFor();
    await signOff.getByText('异议不成立', { exact: true }).waitFor();
    await signOff.getByText(/评分依据充分，维持原成绩/).waitFor();
    await signOff.getByText(/于 .* 决定/).waitFor();
    expect(await signOff.getByText('项目02').count()).toBe(0);

    // A note written in the room is the room's.
    const notes = page.getByTestId('supervisor-notes');
    await notes.getByText('记录范围：一号厅').waitFor();
    await notes.getByLabel('记录内容').fill('一号厅第2个项目答辩超时约1分钟，主持人已提醒。');
    await notes.getByRole('button', { name: '添加记录' }).click();
    await notes.getByText('一号厅第2个项目答辩超时约1分钟，主持人已提醒。').waitFor();

    // The export asks for the room's view.
    const asked = page.waitForRequest((r) => r.url().includes('/export.xlsx'));
    await page.getByRole('button', { name: '导出 Excel' }).click();
    expect((await asked).url()).toContain(`roomId=${f.roomA.id}`);

    // The room stays picked across a reload (it is in the address).
    await page.reload();
    await page.getByTestId('supervisor-room').getByText('分会场：一号厅').waitFor();
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth'));
    expect(overflow).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'supervisor-room-phone');

    // Back to every room.
    await page.getByRole('group', { name: '查看会场' }).getByText('全部会场').click();
    await page.waitForURL((u) => !u.search.includes('room='));
    await scores.getByText('项目02').waitFor();
    ctx.assertClean();
    await ctx.close();
  });

  it('on a desktop: the room view', async () => {
    const ctx = await WatchedContext.open(browser, originOf(stack.apiUrl), {
      width: 1440,
      height: 900,
    });
    const page = await ctx.newPage();
    await signIn(page);
    await page.goto(`/supervisor/rounds/${f.roundId}?room=${f.roomB.id}`);
    await page.getByTestId('supervisor-room').getByText('分会场：二号厅').waitFor();
    await page.getByTestId('supervisor-scores').getByText('项目02').waitFor();
    await page.getByTestId('supervisor-sign-off').getByText('未签字', { exact: true }).waitFor();
    await screenshot(page, 'supervisor-room-desktop');
    ctx.assertClean();
    await ctx.close();
  });
});
