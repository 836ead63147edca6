import type { Browser, Page } from 'playwright-core';
import { RuledHeat, ruledHeat } from '../support/advancement-rules-scenario';
import { Stack } from '../support/stack';
import { WatchedContext, launchChromium, originOf, screenshot } from './support/browser';

const DESKTOP = { width: 1440, height: 900 };

// The results page with a stored advancement rule (团队组 3, 企业组 1, at most 2
// per unit, one 赛区推荐): the rule editor shows it, the preview's 依据 column
// says which rule placed or stopped each project; then the log page's 校验
// passes, and names the entry after one is changed in SQL.
describe('organiser console: advancement rules and the audit chain', () => {
  let stack: Stack;
  let browser: Browser;
  let ctx: WatchedContext;
  let page: Page;
  let heat: RuledHeat;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    heat = await ruledHeat(stack);
    const rule = await stack.put(
      `/heats/${heat.heatId}/advancement-rule`,
      {
        quotas: [
          { groupKey: 'team', quota: 3 },
          { groupKey: 'company', quota: 1 },
        ],
        unitCap: 2,
        wildcards: 1,
      },
      heat.organiser.token,
    );
    expect(rule.status).toBe(200);
    browser = await launchChromium();
    ctx = await WatchedContext.open(browser, originOf(stack.apiUrl), DESKTOP);
    page = await ctx.newPage();
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(heat.organiser.email);
    await page.getByLabel('密码').fill('Roadshow-Organiser-2026!');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/console');
  });

  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await stack?.stop();
  });

  it('shows the rule and the basis of each project, with the 赛区推荐 weighed', async () => {
    await page.goto(`/console/c/${heat.competitionId}/results`);
    const ruleCard = page.getByTestId('advancement-rule');
    await ruleCard.getByText('晋级规则').waitFor();
    expect(await ruleCard.getByLabel('每单位上限').inputValue()).toBe('2');
    expect(await ruleCard.getByLabel('赛区推荐名额').inputValue()).toBe('1');
    expect(await ruleCard.getByLabel('名额 1').inputValue()).toBe('3');
    const preview = page.getByTestId('advance-preview');
    const row = (title: string) => preview.locator('tr', { hasText: title });
    await row('项目T2').getByText('组内第2名（团队组 名额3）').waitFor();
    await row('项目C1').getByText('组内第1名（企业组 名额1）').waitFor();
    await row('项目T3').getByText('单位上限 2 已满（甲大学）').waitFor();
    await row('项目T4')
      .getByText(/并列待定/)
      .waitFor();
    await row('项目T5')
      .getByText(/并列待定/)
      .waitFor();
    // 赛区推荐: C2 with a reason.
    await page.getByLabel('破格晋级 项目C2').check();
    await page.getByLabel('破格理由').fill('乡村振兴特色项目');
    await row('项目C2').getByText('赛区推荐：乡村振兴特色项目').waitFor();
    await screenshot(page, 'console-advancement-rules');
  });

  it('verifies the audit chain, then names the entry changed in SQL', async () => {
    await page.goto(`/console/c/${heat.competitionId}/log`);
    // The button is found by its label once, then clicked by its test id: in
    // CI the query by role found it no more after the first verification.
    await page.getByRole('button', { name: /^校\s?验$/ }).waitFor();
    await page.getByTestId('audit-verify').click();
    await page
      .getByTestId('audit-verify-result')
      .getByText(/日志完整：\d+ 条记录/)
      .waitFor();
    const [row] = await stack.sql<{ id: string }>(
      `SELECT id FROM audit_log WHERE competition_id = $1 AND action = 'heat.advancement-rule-set'`,
      [heat.competitionId],
    );
    await stack.sql(`UPDATE audit_log SET reason = '改过' WHERE id = $1`, [row.id]);
    await page.getByTestId('audit-verify').click();
    await page
      .getByTestId('audit-verify-result')
      .getByText(/日志被改动：第 \d+ 条起校验失败.*设置晋级规则/)
      .waitFor();
    await screenshot(page, 'console-audit-verify-broken');
  });
});
