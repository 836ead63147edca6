import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { STRONG_PASSWORD, createRound } from '../support/decisions-scenario';
import { HeatFixture, eligibleHeat } from '../support/judging-scenario';
import { uniqueEmail } from '../support/scenario';
import { Stack } from '../support/stack';
import { PHONE, WatchedContext, launchChromium, originOf, screenshot } from './support/browser';

// Issue 22 in real Chromium: the organiser draws a panel from the expert pool
// on the round page (the seed's hash shown first, the seed and the record
// after); a drawn expert accepts the invitation on a phone, reads the pledge
// (回避与保密承诺), accepts it and scores.
const DESKTOP = { width: 1440, height: 900 };
const CRITERIA = ['TECH', 'BUSINESS', 'MARKET', 'TEAM'];

describe('experts: a drawn panel, the pledge, a score on a phone', () => {
  let stack: Stack;
  let browser: Browser;
  let desk: WatchedContext;
  let page: Page;
  let heat: HeatFixture;
  let roundId: string;
  const experts: { name: string; email: string }[] = [];
  const pledge = '本人承诺：与参赛项目存在利害关系的，主动申请回避；对评审材料和评审结果严格保密。';

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    heat = await eligibleHeat(stack, 2, 0, false);
    const o = heat.organiser.token;
    for (const [name, fields] of [
      ['张技术', ['TECHNOLOGY']],
      ['李技术', ['TECHNOLOGY']],
      ['王投资', ['INVESTMENT']],
      ['赵投资', ['INVESTMENT']],
    ] as const) {
      const email = uniqueEmail('expert');
      await stack.post(
        '/users',
        {
          email,
          name,
          roles: ['JUDGE'],
          affiliation: `${name}所在单位`,
          password: STRONG_PASSWORD,
        },
        o,
      );
      const res = await stack.post(
        '/experts',
        { name, email, title: '研究员', unit: `${name}所在单位`, region: '华东', fields },
        o,
      );
      expect(res.status).toBe(201);
      experts.push({ name, email });
    }
    await stack.put(`/competitions/${heat.competition.id}/pledge`, { text: pledge }, o);
    roundId = await createRound(stack, heat.organiser, heat.competition.heatId, {
      rubricId: heat.competition.rubricId,
      kind: 'EXPERT_REVIEW',
      name: '专家网评',
    });
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

  it('the organiser sees the pool, draws a panel on the round page and sees the record', async () => {
    await page.goto(`/console/c/${heat.competition.id}/experts`);
    await page.getByRole('heading', { name: '专家库' }).waitFor();
    await page.getByRole('cell', { name: '张技术', exact: true }).waitFor();
    await screenshot(page, 'console-expert-pool');

    await page.goto(`/console/c/${heat.competition.id}/rounds/${roundId}`);
    const card = page.getByTestId('expert-draw');
    await card.getByText('尚无抽取').waitFor();
    await card.getByLabel('技术专家人数').fill('1');
    await card.getByLabel('投资专家人数').fill('1');
    await card.getByLabel('产业专家人数').fill('0');
    await card.getByLabel('备选人数').fill('1');
    await card.getByRole('button', { name: '锁定种子' }).click();
    const hash = (await card.getByTestId('seed-hash').textContent())!;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    await screenshot(page, 'console-expert-draw-committed');

    await card.getByRole('button', { name: '开始抽取' }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    const record = card.getByTestId('draw-record');
    await record.waitFor();
    const seed = (await record.getByTestId('seed').textContent())!;
    expect(createHash('sha256').update(seed, 'utf8').digest('hex')).toBe(hash);
    const api = (await stack.get(`/rounds/${roundId}/expert-draws`, heat.organiser.token)).body
      .items[0];
    expect(api.seed).toBe(seed);
    for (const d of api.drawn)
      await record.getByRole('cell', { name: d.name, exact: true }).first().waitFor();
    await record.getByText('已邀请').first().waitFor();
    await screenshot(page, 'console-expert-draw-record');
    desk.assertClean();
  });

  it('a drawn expert accepts on a phone, reads and accepts the pledge, and scores', async () => {
    const draw = (await stack.get(`/rounds/${roundId}/expert-draws`, heat.organiser.token)).body
      .items[0];
    const drawn = experts.filter((e) =>
      draw.drawn.some((d: { name: string }) => d.name === e.name),
    );
    expect(drawn).toHaveLength(2);
    const phone = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const judgePage = await phone.newPage();
    try {
      await judgePage.goto('/judge');
      await judgePage.waitForURL(/\/login/);
      await judgePage.getByLabel('邮箱').fill(drawn[0].email);
      await judgePage.getByLabel('密码').fill(STRONG_PASSWORD);
      await judgePage.getByRole('button', { name: '登录' }).click();
      await judgePage.waitForURL('**/judge');
      const invitation = judgePage.getByTestId('expert-invitation');
      await invitation.getByText('专家网评').waitFor();
      await screenshot(judgePage, 'judge-expert-invitation');
      await invitation.getByRole('button', { name: '接受邀请' }).click();
      await invitation.waitFor({ state: 'detached' });

      // The other drawn expert accepts too; the organiser assigns and opens.
      const other = await stack.login(drawn[1].email, STRONG_PASSWORD);
      const mine = (await stack.get('/judge/expert-invitations', other)).body.items[0];
      await stack.post(`/expert-invitations/${mine.id}/accept`, {}, other);
      const o = heat.organiser.token;
      expect(
        (await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: 1 }, o)).status,
      ).toBe(200);
      expect((await stack.post(`/rounds/${roundId}/open`, {}, o)).status).toBe(200);

      await judgePage.reload();
      await judgePage.getByText('专家网评').click();
      const gate = judgePage.getByTestId('pledge-text');
      await gate.waitFor();
      expect(await gate.textContent()).toBe(pledge);
      // Nothing of the round before the pledge is accepted.
      expect(await judgePage.locator('a[href*="/projects/"]').count()).toBe(0);
      await screenshot(judgePage, 'judge-pledge');
      await judgePage.getByRole('button', { name: '我已阅读并承诺遵守' }).click();
      await judgePage.locator('a[href*="/projects/"]').first().click();
      for (const code of CRITERIA) await judgePage.locator(`#score-${code}`).fill('80');
      await judgePage.getByText('草稿已保存').waitFor();
      await judgePage.getByRole('button', { name: '提交评分' }).click();
      await judgePage.getByRole('dialog').getByRole('button', { name: '提交评分' }).click();
      await judgePage.getByText('评分已提交').first().waitFor();
      await screenshot(judgePage, 'judge-pledge-scored');
      const accepted = (await stack.get(`/competitions/${heat.competition.id}/pledge`, o)).body;
      expect(accepted.acceptances.map((a: { judgeName: string }) => a.judgeName)).toEqual([
        drawn[0].name,
      ]);
      phone.assertClean();
    } finally {
      await phone.close();
    }
  });
});
