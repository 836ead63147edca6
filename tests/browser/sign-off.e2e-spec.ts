import type { Browser, Page } from 'playwright-core';
import { deterministicScores } from '../support/judging-scenario';
import { RoadshowFixture, openRoadshow } from '../support/roadshow-scenario';
import { Stack } from '../support/stack';
import { PHONE, WatchedContext, launchChromium, originOf, screenshot } from './support/browser';

// 签字确认 on phones (390×844): a judge signs the score sheet by mouse on the
// round page, a team signs 无异议 by touch on its result page, reached from
// its projects after the reveal.
describe('browser: a judge signs the sheet, a team confirms', () => {
  let stack: Stack;
  let browser: Browser;
  let show: RoadshowFixture;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    show = await openRoadshow(stack, 2, 2);
    const put = await stack.put(
      `/rounds/${show.roundId}/roadshow-settings`,
      {
        pitchMinutes: 8,
        qaMinutes: 7,
        warningSeconds: 60,
        revealMode: 'AUTO',
        judgeLabels: 'NUMBER',
        signOffRequired: true,
      },
      show.organiser.token,
    );
    expect(put.status).toBe(200);
    for (const [j, judge] of show.judges.entries())
      for (const [p, projectId] of show.projectIds.entries()) {
        const res = await stack.put(
          `/rounds/${show.roundId}/projects/${projectId}/score`,
          { scores: deterministicScores(j, p + 1), submit: true },
          judge.token,
        );
        expect(res.status).toBe(200);
      }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const login = async (page: Page, email: string, password: string) => {
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  };

  it('a judge draws a signature with the mouse and the sheet is signed', async () => {
    const phone = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const page = await phone.newPage();
    await login(page, show.judges[0].email, 'Roadshow-Judge-2026!');
    await page.waitForURL('**/judge');
    await page.goto(`/judge/rounds/${show.roundId}`);
    const card = page.locator('section.sign-sheet');
    await card.getByText('未签字').waitFor();
    const sign = card.getByRole('button', { name: '确认签字' });
    expect(await sign.isDisabled()).toBe(true);
    const canvas = card.getByRole('img', { name: '评委签名' });
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + 100);
    await page.mouse.down();
    for (let i = 1; i <= 20; i++)
      await page.mouse.move(box.x + 30 + i * 12, box.y + 100 - Math.sin(i / 2) * 50);
    await page.mouse.up();
    await card.getByText('已签名，可重写').waitFor();
    await screenshot(page, 'sign-off-judge-drawn');
    await sign.click();
    await card
      .getByTestId('sheet-state')
      .getByText(/已签字 · 签字时间/)
      .waitFor();
    await screenshot(page, 'sign-off-judge-signed');
    phone.assertClean();
    await phone.close();

    const overview = await stack.get(`/rounds/${show.roundId}/sign-off`, show.organiser.token);
    expect(overview.body.sheets.find((s: any) => s.judgeId === show.judges[0].id).state).toBe(
      'SIGNED',
    );
  });

  it('a team reaches its result from its projects and signs 无异议 by touch', async () => {
    const phone = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const page = await phone.newPage();
    await login(page, show.applicants[0].email, 'Roadshow-Applicant-2026!');
    await page.waitForURL('**/applicant');
    const results = page.getByTestId('roadshow-results');
    await results.getByText('项目00 · 路演评审').waitFor();
    await results.getByRole('link', { name: '去确认' }).click();
    await page.getByTestId('result-state').getByText('已亮分，待确认').waitFor();
    await page
      .getByTestId('objection-countdown')
      .getByText(/^(19|20):\d\d$/)
      .waitFor();
    const canvas = page.getByRole('img', { name: '团队代表签名' });
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const cdp = await phone.context.newCDPSession(page);
    const touch = (type: string, x: number, y: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints: type === 'touchEnd' ? [] : [{ x: box.x + x, y: box.y + y }],
      } as never);
    await touch('touchStart', 40, 90);
    for (let i = 1; i <= 15; i++) await touch('touchMove', 40 + i * 15, 90 + ((i % 4) - 2) * 18);
    await touch('touchEnd', 0, 0);
    await page.getByText('已签名，可重写').waitFor();
    await screenshot(page, 'sign-off-team-drawn');
    await page.getByRole('button', { name: '签字确认无异议' }).click();
    await page.getByTestId('result-state').getByText('已签字确认无异议').waitFor();
    await screenshot(page, 'sign-off-team-confirmed');
    phone.assertClean();
    await phone.close();

    const overview = await stack.get(`/rounds/${show.roundId}/sign-off`, show.organiser.token);
    expect(overview.body.results.find((r: any) => r.projectId === show.projectIds[0]).state).toBe(
      'CONFIRMED',
    );
  });
  it('the console lists the sheets and forces the close with a reason while one is unsigned', async () => {
    const desk = await WatchedContext.open(browser, originOf(stack.apiUrl), {
      width: 1440,
      height: 900,
    });
    const page = await desk.newPage();
    await login(page, show.organiser.email, 'Roadshow-Organiser-2026!');
    await page.waitForURL('**/console');
    await page.goto(`/console/c/${show.competition.id}/rounds/${show.roundId}`);
    const card = page.getByTestId('sign-off-card');
    await card.getByRole('row', { name: /评委0.*已签字/ }).waitFor();
    await card.getByRole('row', { name: /评委1.*未签字/ }).waitFor();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'sign-off-console');
    await card.getByRole('button', { name: '强制结束本轮' }).click();
    const dialog = page.getByRole('dialog', { name: '强制结束本轮' });
    await dialog.getByLabel('强制结束原因').fill('评委1 因急事离场，未能签字');
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const round = await stack.get(`/rounds/${show.roundId}`, show.organiser.token);
    expect(round.body.status).toBe('CLOSED');
    desk.assertClean();
    await desk.close();
  });
});
