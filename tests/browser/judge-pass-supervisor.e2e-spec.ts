import type { Browser } from 'playwright-core';
import { deterministicScores } from '../support/judging-scenario';
import { RoadshowFixture, openRoadshow } from '../support/roadshow-scenario';
import { Stack } from '../support/stack';
import { PHONE, WatchedContext, launchChromium, originOf, screenshot } from './support/browser';

// The roadshow day without passwords, and the supervisor (issue 20): the
// organiser prints a one-time QR per judge; a judge's phone (390×844) opens
// it and lands on the round signed in; a second phone is refused with the
// code's sentence. The supervisor watches the round live on a desktop and a
// phone and writes a note.
describe('browser: judge QR sign-in and the supervisor view', () => {
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

  it('prints the QR sheet; a judge signs in on a phone by it; a second phone is refused', async () => {
    const desk = await WatchedContext.open(browser, originOf(stack.apiUrl), {
      width: 1440,
      height: 900,
    });
    const page = await desk.newPage();
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(show.organiser.email);
    await page.getByLabel('密码').fill('Roadshow-Organiser-2026!');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/console');
    await page.goto(`/console/c/${show.competition.id}/rounds/${show.roundId}`);
    const card = page.getByTestId('judge-passes-card');
    const issued = page.waitForResponse(
      (r) =>
        r.url().endsWith(`/rounds/${show.roundId}/judge-passes`) && r.request().method() === 'POST',
    );
    await card.getByRole('button', { name: '生成并打印二维码' }).click();
    const sheet = (await (await issued).json()) as {
      passes: { judgeId: string; judgeName: string; path: string }[];
    };
    await card.getByTestId('judge-pass').first().waitFor();
    expect(await card.getByTestId('judge-pass').count()).toBe(2);
    for (const p of sheet.passes) await card.getByText(`评委 ${p.judgeName}`).waitFor();
    await card.getByText('未使用').first().waitFor();
    await card
      .getByTestId('judge-pass-sheet')
      .screenshot({ path: await screenshotPath('judge-pass-sheet') });
    desk.assertClean();

    const pass = sheet.passes.find((p) => p.judgeId === show.judges[0].id)!;
    const phone = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const judge = await phone.newPage();
    await judge.goto(pass.path);
    await judge.waitForURL(`**/judge/rounds/${show.roundId}`);
    await judge.getByText('路演评审').first().waitFor();
    await judge.getByText('项目00').first().waitFor();
    // The token left the address bar and the history.
    expect(judge.url()).not.toContain(pass.path.split('#')[1]);
    await screenshot(judge, 'judge-pass-phone-round');
    phone.assertClean();

    // The organiser's table shows the code bound.
    await card
      .getByText('已绑定手机')
      .waitFor({ timeout: 20_000 })
      .catch(async () => {
        await page.reload();
        await page.getByTestId('judge-passes-card').getByText('已绑定手机').waitFor();
      });

    const other = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const second = await other.newPage();
    await second.goto(pass.path);
    await second.getByText('该登录二维码已在另一部手机上使用').waitFor();
    expect(second.url()).toMatch(/\/pass$/);
    await screenshot(second, 'judge-pass-second-phone');
    other.assertClean([/auth\/pass/, /403/]);
    await other.close();
    await phone.close();
    await desk.close();
  });

  it('the supervisor watches the round live and writes a note, on a desktop and a phone', async () => {
    const email = `supervisor-${Date.now()}@e2e.test`;
    const created = await stack.post(
      '/users',
      { email, name: '纪检监督员', roles: ['SUPERVISOR'], password: 'Roadshow-Watch-2026!' },
      show.organiser.token,
    );
    expect(created.status).toBe(201);
    expect(
      (
        await stack.post(
          `/competitions/${show.competition.id}/supervisors`,
          { userId: created.body.user.id },
          show.organiser.token,
        )
      ).status,
    ).toBe(200);
    expect(
      (await stack.post(`/rounds/${show.roundId}/pitch-order`, {}, show.organiser.token)).status,
    ).toBe(200);

    const ctx = await WatchedContext.open(browser, originOf(stack.apiUrl), {
      width: 1440,
      height: 900,
    });
    const page = await ctx.newPage();
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill('Roadshow-Watch-2026!');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/supervisor');
    await page.getByRole('link', { name: '查看' }).click();
    await page.waitForURL(`**/supervisor/rounds/${show.roundId}`);
    const scores = page.getByTestId('supervisor-scores');
    await scores.getByText('未提交').first().waitFor();

    // A judge submits: the supervisor's table shows it without a reload.
    const put = await stack.put(
      `/rounds/${show.roundId}/projects/${show.projectIds[0]}/score`,
      { scores: deterministicScores(0, 1), submit: true },
      show.judges[0].token,
    );
    expect(put.status).toBe(200);
    const [{ total }] = await stack.sql(
      `SELECT total FROM scores WHERE round_id = $1 AND judge_id = $2 AND project_id = $3`,
      [show.roundId, show.judges[0].id, show.projectIds[0]],
    );
    await scores.getByText(Number(total).toFixed(2)).waitFor({ timeout: 15_000 });
    const [{ pitch_seed: seed }] = await stack.sql(`SELECT pitch_seed FROM rounds WHERE id = $1`, [
      show.roundId,
    ]);
    await page.getByTestId('supervisor-draw').getByText(seed).waitFor();

    const notes = page.getByTestId('supervisor-notes');
    await notes.getByLabel('记录内容').fill('项目00陈述超时约30秒，主持人已提醒。');
    await notes.getByRole('button', { name: '添加记录' }).click();
    await notes.getByText('项目00陈述超时约30秒，主持人已提醒。').waitFor();
    await notes.getByText(/纪检监督员/).waitFor();
    await screenshot(page, 'supervisor-desktop');
    ctx.assertClean();
    await ctx.close();

    const phoneCtx = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const phone = await phoneCtx.newPage();
    await phone.goto('/login');
    await phone.getByLabel('邮箱').fill(email);
    await phone.getByLabel('密码').fill('Roadshow-Watch-2026!');
    await phone.getByRole('button', { name: '登录' }).click();
    await phone.waitForURL('**/supervisor');
    await phone.goto(`/supervisor/rounds/${show.roundId}`);
    await phone.getByTestId('supervisor-scores').getByText(Number(total).toFixed(2)).waitFor();
    // Nothing wider than the phone but the score table's own scroller.
    const overflow = Number(await phone.evaluate('document.documentElement.scrollWidth'));
    expect(overflow).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone, 'supervisor-phone');
    phoneCtx.assertClean();
    await phoneCtx.close();
  });
});

async function screenshotPath(name: string) {
  const { SCREENSHOTS } = await import('./support/browser');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(SCREENSHOTS, { recursive: true });
  return `${SCREENSHOTS}/${name}.png`;
}
