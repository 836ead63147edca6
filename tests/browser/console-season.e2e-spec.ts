import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Stack, waitFor } from '../support/stack';
import { createOrganiser, type Organiser, signUpApplicant, uniqueEmail } from '../support/scenario';
import { scoreFinal } from './support/final-round';
import {
  SCREENSHOTS,
  WatchedContext,
  launchChromium,
  originOf,
  screenshot,
} from './support/browser';

// A whole season from the organiser console, in real headless Chromium at
// 1440×900: set-up, applications, judges, a roadshow round, results,
// signing and landing. Applicants and judges act through the API.
const DESKTOP = { width: 1440, height: 900 };
const JUDGE_PASSWORD = 'Roadshow-Judge-2026!';
const COMPETITION = '2026 江阴高新区创新创业大赛';
const TITLES = [
  '柔性电子皮肤传感器',
  '固态锂电池隔膜',
  '工业视觉质检平台',
  '智慧农业无人机',
  '医用可降解支架',
  '氢燃料电池电堆',
  '城市级数字孪生',
  '碳化硅功率器件',
  '基因测序芯片',
  '储能电站管理系统',
  '手术机器人导航',
  '低空物流调度',
];

describe('organiser console: a whole season in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  let ctx: WatchedContext;
  let page: Page;
  let organiser: Organiser;
  let competitionId: string;
  let roundId: string;
  const projectIds = new Map<string, string>();
  let step = 0;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    organiser = await createOrganiser(stack);
    browser = await launchChromium();
    ctx = await WatchedContext.open(browser, originOf(stack.apiUrl), DESKTOP);
    page = await ctx.newPage();
  });

  // The page as the last step left it: what to look at when a step fails.
  afterEach(async () => {
    await screenshot(page, `console-end-of-step-${++step}`).catch(() => undefined);
    if (ctx.problems.length) console.warn(ctx.problems.join('\n'));
  });

  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await stack?.stop();
  });

  // Every page: no console error so far but those `expected` (refusals the
  // test provokes), and a screenshot kept under artifacts/.
  async function checkpoint(name: string, expected: RegExp[] = []) {
    await page.waitForLoadState('networkidle');
    await screenshot(page, `console-${name}`);
    ctx.assertClean(expected);
  }

  async function choose(label: string | RegExp, option: string) {
    await page.getByLabel(label).first().click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
      .first()
      .click();
  }

  // The regional heat's decision, read-only: who decided, where to, each result.
  async function expectRecorded() {
    const record = page.getByTestId('advancement-record');
    await record.getByText('组委会 王磊').waitFor();
    await record.getByText('江阴总决赛').waitFor();
    for (const title of ['低空物流调度', '储能电站管理系统', '基因测序芯片'])
      await record.getByRole('row', { name: new RegExp(`${title}.*已晋级`) }).waitFor();
    await record
      .getByRole('row', { name: /手术机器人导航.*未晋级.*排除.*核心专利权属存在争议，待核实/ })
      .waitFor();
  }

  async function offers(method: string, route: string): Promise<boolean> {
    const doc = (await (await fetch(`${originOf(stack.apiUrl)}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    return !!doc.paths[`/api/v1${route}`]?.[method];
  }

  it('logs in and sets up a competition with two heats and a rubric', async () => {
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(organiser.email);
    await page.getByLabel('密码').fill('Roadshow-Organiser-2026!');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/console');
    await page.getByRole('heading', { name: '组委会工作台' }).waitFor();

    await page.getByLabel('赛事名称').fill(COMPETITION);
    const now = Date.now();
    const fmt = (t: number) =>
      new Date(t + 8 * 3600e3).toISOString().slice(0, 19).replace('T', ' ');
    for (const [label, at] of [
      ['报名开始', now - 86400e3],
      ['报名截止', now + 30 * 86400e3],
    ] as const) {
      await page.getByLabel(label).click();
      await page.getByLabel(label).fill(fmt(at));
      await page.getByLabel(label).press('Enter');
    }
    await page.getByLabel('赛道代码 1').fill('AI');
    await page.getByLabel('赛道名称 1').fill('人工智能');
    await page.getByRole('button', { name: '添加赛道' }).click();
    await page.getByLabel('赛道代码 2').fill('ENERGY');
    await page.getByLabel('赛道名称 2').fill('新能源');
    await page.getByLabel('赛段代码 1').fill('HEAT');
    await page.getByLabel('赛段名称 1').fill('分站赛');
    await page.getByRole('button', { name: '添加赛段' }).click();
    await page.getByLabel('赛段代码 2').fill('FINAL');
    await page.getByLabel('赛段名称 2').fill('总决赛');
    await page.getByRole('button', { name: '创建赛事' }).click();
    await page.waitForURL('**/console/c/*/setup');
    competitionId = /\/c\/([^/]+)\/setup/.exec(page.url())![1];
    await page.getByRole('heading', { name: COMPETITION }).waitFor();

    for (const heat of [
      {
        stage: '分站赛',
        name: '上海赛区',
        city: '上海',
        enclave: '江阴高新区上海飞地',
        quota: '3',
      },
      { stage: '总决赛', name: '江阴总决赛', city: '江阴', enclave: '江阴高新区', quota: '5' },
    ]) {
      await choose('赛段', heat.stage);
      await page.getByLabel('赛区名称').fill(heat.name);
      await page.getByLabel('城市').fill(heat.city);
      await page.getByLabel('飞地 / 园区').fill(heat.enclave);
      await page.getByLabel('晋级名额').fill(heat.quota);
      await page.getByRole('button', { name: '添加赛区' }).click();
      await page.getByRole('cell', { name: heat.name, exact: true }).waitFor();
    }

    await page.getByLabel('评分标准名称').fill('路演评分标准');
    const criteria = [
      ['TECH', '技术与产品', '0.4'],
      ['MARKET', '行业与市场', '0.3'],
      ['TEAM', '团队', '0.3'],
    ];
    for (const [i, [code, name, weight]] of criteria.entries()) {
      if (i > 0) await page.getByRole('button', { name: '添加评分项' }).click();
      await page.getByLabel(`代码 ${i + 1}`, { exact: true }).fill(code);
      await page.getByLabel(`评分项 ${i + 1}`).fill(name);
      await page.getByLabel(`权重 ${i + 1}`).fill(weight);
      if (i === 1) {
        // The sum is shown as the weights are typed.
        await page.getByText('权重合计 0.7，须等于 1').waitFor();
        expect(await page.getByRole('button', { name: '添加评分标准' }).isDisabled()).toBe(true);
      }
    }
    await page.getByText('权重合计 1 ✓').waitFor();
    await page.getByRole('button', { name: '添加评分标准' }).click();
    await page.getByText('路演评分标准').first().waitFor();
    await checkpoint('setup');
  });

  it('reviews 12 applications in bulk, one not eligible with a reason', async () => {
    const heats = (await stack.get(`/competitions/${competitionId}/heats`, organiser.token)).body
      .items as {
      id: string;
      name: string;
    }[];
    const heatId = heats.find((h) => h.name === '上海赛区')!.id;
    for (const [i, title] of TITLES.entries()) {
      const applicant = await signUpApplicant(stack, `申报人${i + 1}`);
      const created = await stack.post(
        `/competitions/${competitionId}/projects`,
        {
          title,
          summary: `${title}：面向产业的关键技术与产品。`,
          trackCode: i % 2 ? 'ENERGY' : 'AI',
          heatId,
          organisation: { name: `江苏${title.slice(0, 2)}科技有限公司`, city: '无锡' },
          team: [{ name: `申报人${i + 1}`, role: 'CEO', email: applicant.email }],
        },
        applicant.token,
      );
      expect(created.status).toBe(201);
      expect(
        (await stack.post(`/projects/${created.body.id}/submit`, {}, applicant.token)).status,
      ).toBe(200);
      projectIds.set(title, created.body.id);
    }

    await page.getByRole('link', { name: '报名审核' }).click();
    await page.getByRole('heading', { name: '报名审核' }).waitFor();
    await waitFor(
      '12 applications',
      async () => (await page.locator('tbody tr.ant-table-row').count()) === 12,
    );

    // Search by title or organisation.
    await page.getByLabel('搜索').fill('锂电');
    await page.getByLabel('搜索').press('Enter');
    await waitFor(
      'one search hit',
      async () => (await page.locator('tbody tr.ant-table-row').count()) === 1,
    );
    await page.getByRole('button', { name: '固态锂电池隔膜' }).click();
    await page.getByRole('dialog').getByText('面向产业的关键技术与产品').waitFor();
    await screenshot(page, 'console-project');
    await page.keyboard.press('Escape');

    // A single decision with its reason.
    await page
      .getByRole('row', { name: /固态锂电池隔膜/ })
      .getByRole('button', { name: '资格审查' })
      .click();
    await page.getByRole('dialog').getByLabel('不通过').check();
    await page.getByRole('dialog').getByLabel('理由').fill('申报单位注册地不在征集范围内');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await page
      .getByRole('row', { name: /固态锂电池隔膜/ })
      .getByText('资格未通过')
      .waitFor();

    // The other 11 in one bulk decision.
    await page.getByLabel('搜索').fill('');
    await page.getByLabel('搜索').press('Enter');
    await choose('状态', '已提交');
    await waitFor(
      '11 submitted',
      async () => (await page.locator('tbody tr.ant-table-row').count()) === 11,
    );
    await page.locator('thead .ant-checkbox-input').check();
    await page.getByText('已选 11 项').waitFor();
    await page.getByRole('button', { name: '资格审查' }).first().click();
    await page.getByRole('dialog').getByText('批量资格审查（11 项）').waitFor();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await waitFor('all reviewed', async () => {
      const list = await stack.get(
        `/competitions/${competitionId}/projects?status=ELIGIBLE`,
        organiser.token,
      );
      return list.body.total === 11;
    });
    await checkpoint('applications');
  });

  it('brings in 6 judges from a spreadsheet', async () => {
    const judges = Array.from({ length: 6 }, (_, i) => ({
      name: `评委${'甲乙丙丁戊己'[i]}`,
      email: uniqueEmail(`judge${i + 1}`),
      affiliation: [
        '江南大学',
        '无锡创投',
        '江阴科技局',
        '上海交通大学',
        '苏州天使基金',
        '南京大学',
      ][i],
    }));
    await page.getByRole('link', { name: '评委' }).click();
    await page.getByRole('heading', { name: '评委库' }).waitFor();
    if (await offers('post', '/competitions/{id}/imports/judges')) {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('评委');
      sheet.addRow(['姓名', '邮箱', '单位', '电话']);
      for (const [i, j] of judges.entries())
        sheet.addRow([j.name, j.email, j.affiliation, `1380000000${i}`]);
      const dir = path.join(SCREENSHOTS, '..', 'files');
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, '评委名单.xlsx');
      await book.xlsx.writeFile(file);
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByRole('button', { name: /检\s*查/ }).click();
      await page.getByText('检查通过：6 行').waitFor();
      await page
        .getByRole('button', { name: /导\s*入/ })
        .last()
        .click();
      await page
        .getByTestId('import-progress')
        .getByText(/导入完成/)
        .waitFor({ timeout: 60000 });
      // After a reload the import is still listed: the page loads the competition's history.
      await page.reload();
      await page.getByRole('cell', { name: '评委名单.xlsx', exact: true }).waitFor();
    } else {
      // This server has no spreadsheet import yet: the same six by hand.
      for (const j of judges) {
        await page.getByLabel('名称').fill(j.name);
        await page.getByLabel('邮箱').fill(j.email);
        await page.getByLabel('单位').fill(j.affiliation);
        await page.getByRole('button', { name: '添加评委' }).click();
        await page.getByRole('cell', { name: j.email }).waitFor();
      }
    }
    for (const j of judges) await page.getByRole('cell', { name: j.email }).waitFor();
    const row = (j: { email: string }) => page.getByRole('row', { name: new RegExp(j.email) });
    const summary = page.getByTestId('invitation-summary');
    await summary.getByText('待接受 6 · 已接受 0 · 已过期 0').waitFor();
    for (const j of judges) await row(j).getByText('待接受').waitFor();
    await checkpoint('judges');

    // A week passes without the last judge opening the mail: the invitation
    // shows as expired, and the organiser sends a new one.
    const late = judges[5];
    await stack.sql(
      `UPDATE invitations SET expires_at = now() - interval '1 hour'
        WHERE user_id = (SELECT id FROM users WHERE email = $1)`,
      [late.email],
    );
    await page.getByRole('button', { name: /刷\s*新/ }).click();
    await row(late).getByText('已过期').waitFor();
    await summary.getByText('待接受 5 · 已接受 0 · 已过期 1').waitFor();
    await screenshot(page, 'console-judges-expired');
    await page.getByRole('button', { name: `重新邀请 ${late.name}` }).click();
    await page.getByText(`给 ${late.name}（${late.email}）发送新的邀请邮件？`).waitFor();
    const resend = page.getByRole('dialog', { name: '重新邀请' });
    await resend.getByRole('button', { name: '重新邀请' }).click();
    await page.getByText(`已给 ${late.name} 重新发送邀请`).waitFor();
    await resend.waitFor({ state: 'hidden' });
    await row(late).getByText('待接受').waitFor();
    await summary.getByText('待接受 6 · 已接受 0 · 已过期 0').waitFor();

    // Each judge accepts the newest invitation (the link in the mail) and gets a password.
    for (const j of judges) {
      const mails = j === late ? 2 : 1;
      const mail = await waitFor(
        `invitation ${mails} to ${j.email}`,
        () => stack.smtp.to(j.email)[mails - 1],
        60000,
      );
      const token = decodeURIComponent(/token=([^\s&]+)/.exec(mail.text)![1]);
      expect((await stack.post('/auth/password', { token, password: JUDGE_PASSWORD })).status).toBe(
        200,
      );
    }
    await page.getByRole('button', { name: /刷\s*新/ }).click();
    await summary.getByText('待接受 0 · 已接受 6 · 已过期 0').waitFor();
    for (const j of judges) await row(j).getByText('已接受').waitFor();
    await checkpoint('judges-accepted');
    judgeEmails.push(...judges.map((j) => j.email));
  });
  const judgeEmails: string[] = [];

  it('runs a roadshow round: auto-assignment, pitch order, scoring, close', async () => {
    await page.getByRole('link', { name: '评审轮次' }).click();
    await page.getByRole('heading', { name: '评审轮次' }).waitFor();
    await choose('赛区', '上海赛区');
    await page.getByLabel('轮次名称').fill('上海赛区路演');
    await choose('评分标准', '路演评分标准');
    await page.getByRole('button', { name: '新建轮次' }).click();
    await page.getByRole('link', { name: '上海赛区路演' }).first().click();
    await page.waitForURL('**/rounds/*');
    roundId = /\/rounds\/([^/?]+)/.exec(page.url())![1];

    await page.getByRole('button', { name: /全\s*部/ }).click();
    await page.getByRole('button', { name: '加入评委' }).click();
    await page.getByText('本轮评委（6）').waitFor();
    await page.getByLabel('每个项目评委数').fill('5');
    await page.getByRole('button', { name: '自动分配' }).click();
    await page.getByText('分配（55）').waitFor();
    await page.getByRole('button', { name: '开启评审' }).click();
    await page.getByText('进行中').first().waitFor();

    if (await offers('post', '/rounds/{id}/pitch-order')) {
      await page.getByRole('button', { name: /^抽\s*签$/ }).click();
      await page.getByTestId('pitch-order').getByRole('row').nth(11).waitFor();
      await page
        .getByRole('button', { name: /上\s*台/ })
        .first()
        .click();
      await page.getByTestId('pitch-order').getByText('台上', { exact: true }).waitFor();
      // After a reload the drawn order still names every project (it showed bare numbers).
      await page.reload();
      const order = page.getByTestId('pitch-order');
      // Every project in the round (固态锂电池隔膜 was found not eligible).
      for (const title of TITLES.filter((x) => x !== '固态锂电池隔膜'))
        await order.getByRole('cell', { name: title, exact: true }).waitFor();
      await order.getByText('台上', { exact: true }).waitFor();
    }
    await checkpoint('round-open');

    // The judges score through the API: project i scores rise with its index;
    // one project draws very different scores from its judges.
    const users = (await stack.get('/users?role=JUDGE&pageSize=200', organiser.token)).body
      .items as {
      id: string;
      email: string;
    }[];
    const tokens = new Map<string, string>();
    for (const email of judgeEmails)
      tokens.set(
        users.find((u) => u.email === email)!.id,
        await stack.login(email, JUDGE_PASSWORD),
      );
    const assignments = (await stack.get(`/rounds/${roundId}/assignments`, organiser.token)).body
      .items as {
      judgeId: string;
      judgeName: string;
      projectId: string;
      title: string;
    }[];
    const withheld = assignments[0];
    const seen = new Map<string, number>();
    for (const [n, a] of assignments.entries()) {
      if (a === withheld) continue;
      const base = 60 + TITLES.indexOf(a.title) * 3;
      // Alternate judges of the disputed project score it far above and far below.
      const disputed =
        a.title === '城市级数字孪生'
          ? seen.set(a.title, (seen.get(a.title) ?? 0) + 1).get(a.title)! % 2
            ? 25
            : -25
          : 0;
      const v = Math.max(0, Math.min(100, base + disputed + (n % 3)));
      const res = await stack.put(
        `/rounds/${roundId}/projects/${a.projectId}/score`,
        { scores: { TECH: v, MARKET: v, TEAM: v }, submit: true },
        tokens.get(a.judgeId),
      );
      expect(res.status).toBe(200);
    }
    await page.getByTestId('round-progress').getByText('已提交 54/55').waitFor({ timeout: 60000 });
    await page.getByRole('button', { name: '提醒未完成评委' }).click();
    await page.getByText(/已提醒 1 位评委/).waitFor();
    // The last score arrives.
    const last = withheld;
    const base = 60 + TITLES.indexOf(last.title) * 3;
    await stack.put(
      `/rounds/${roundId}/projects/${last.projectId}/score`,
      { scores: { TECH: base, MARKET: base, TEAM: base }, submit: true },
      tokens.get(last.judgeId),
    );
    await page.getByTestId('round-progress').getByText('已提交 55/55').waitFor({ timeout: 60000 });

    // A submitted score goes back to its judge from the console, with a reason.
    const judgeAndTitle = `${last.judgeName} ${last.title}`;
    await page.getByRole('button', { name: `退回评分 ${judgeAndTitle}` }).click();
    const reopen = page.getByRole('dialog');
    await reopen
      .getByLabel('退回原因（评委会看到，并记入审计日志）')
      .fill('“团队”一项漏评，请核对');
    await reopen.getByRole('button', { name: '退回评分' }).click();
    await page.getByTestId('round-progress').getByText('已提交 54/55').waitFor();
    // The judge leaves it a draft: closing names that draft and closes only with a reason.
    await page.getByRole('button', { name: '结束评审' }).click();
    const closing = page.getByRole('dialog');
    await closing.getByText('仍有 1 份评分未提交').waitFor();
    await closing
      .getByTestId('close-drafts')
      .getByText(`${last.judgeName} · ${last.title}`)
      .waitFor();
    const force = closing.getByRole('button', { name: '强制结束' });
    expect(await force.isDisabled()).toBe(true);
    await closing.getByLabel('强制结束的原因（记入审计日志）').fill('评委临时离场，草稿不计分');
    await force.click();
    await page.getByText('已结束').first().waitFor();
    await checkpoint('round-closed');
  });

  it('advances the top 3 with one exclusion', async () => {
    await waitFor(
      'final standings',
      async () =>
        (await stack.get(`/rounds/${roundId}/ranking`, organiser.token)).body.final === true,
      60000,
    );
    await page.getByRole('link', { name: '成绩与晋级' }).click();
    await page.getByRole('heading', { name: '成绩与晋级' }).waitFor();
    await page.getByText('成绩已确定').waitFor();
    // The project the judges disagree on is flagged for a second look.
    await page
      .getByRole('row', { name: /城市级数字孪生/ })
      .first()
      .getByText('分歧大，建议复核')
      .waitFor();

    const preview = page.getByTestId('advance-preview');
    await preview.getByRole('row', { name: /低空物流调度/ }).waitFor();
    // Exclude the second best with a reason; the fourth moves up.
    await page.getByLabel('排除 手术机器人导航').check();
    await page.getByLabel('排除理由 手术机器人导航').fill('核心专利权属存在争议，待核实');
    await screenshot(page, 'console-advance-preview');
    await page.getByRole('button', { name: '确认晋级' }).click();
    await page
      .getByRole('dialog', { name: '确认晋级' })
      .getByRole('button', { name: '确认晋级' })
      .click();
    await page.getByRole('dialog', { name: '确认晋级' }).waitFor({ state: 'detached' });
    await page.getByText('已确认晋级').waitFor();
    // The card now reads the decision as recorded, the preview gone.
    await expectRecorded();
    expect(await page.getByTestId('advance-preview').count()).toBe(0);
    // Advanced projects move on to the final's heat.
    const heats = (await stack.get(`/competitions/${competitionId}/heats`, organiser.token)).body
      .items as { id: string; name: string }[];
    const finalHeat = heats.find((h) => h.name === '江阴总决赛')!.id;
    const advanced = await stack.get(
      `/competitions/${competitionId}/projects?heatId=${finalHeat}`,
      organiser.token,
    );
    expect((advanced.body.items as { title: string }[]).map((p) => p.title).sort()).toEqual(
      ['低空物流调度', '储能电站管理系统', '基因测序芯片'].sort(),
    );

    if (await offers('post', '/heats/{id}/results/release')) {
      await page.getByRole('button', { name: /发布结果/ }).click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await page.getByText('结果已发布').waitFor();
    } else {
      await page.getByText('本服务器在确认晋级时即通知参赛者。').waitFor();
    }
    await checkpoint('results');
  });

  it('records signings, lands one and reads the landing rate from the chart', async () => {
    await page.getByRole('link', { name: '签约落地' }).click();
    await page.getByRole('heading', { name: '签约落地' }).waitFor();
    for (const title of ['低空物流调度', '基因测序芯片']) {
      await choose('项目', title);
      await page.getByLabel('落地主体').fill('江阴高新区管委会');
      await page.getByLabel('飞地 / 园区').fill('江阴高新区上海飞地');
      await page.getByRole('button', { name: '登记签约意向' }).click();
      await page.getByTestId('board-INTENT').getByText(title).waitFor();
    }
    const card = (status: string, title: string) =>
      page.getByTestId(`board-${status}`).locator('.ant-card', { hasText: title });
    for (const [from, to] of [
      ['INTENT', '洽谈'],
      ['NEGOTIATING', '签约'],
    ]) {
      for (const title of ['低空物流调度', '基因测序芯片']) {
        await card(from, title)
          .getByRole('button', { name: `推进到 ${to}` })
          .click();
        await page
          .getByTestId(`board-${from === 'INTENT' ? 'NEGOTIATING' : 'SIGNED'}`)
          .getByText(title)
          .waitFor();
      }
    }
    await card('SIGNED', '低空物流调度').getByRole('button', { name: '推进到 落地' }).click();
    await page.getByLabel('落地企业名称').fill('江阴低空物流科技有限公司');
    await page.getByLabel('统一社会信用代码').fill('91320281MA2XYZ1234');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByTestId('board-LANDED').getByText('低空物流调度').waitFor();
    await page.getByText('签约 2 · 落地 1 · 落地率 50.0%').waitFor();

    const byHeat = JSON.parse(
      (await page.getByTestId('rate-byHeat').getAttribute('data-chart'))!,
    ) as {
      name: string;
      landingRate: number;
    }[];
    expect(byHeat).toEqual([expect.objectContaining({ landingRate: 0.5, signed: 2, landed: 1 })]);
    // The funnel is its own query, refetched after the landing is accepted.
    const funnelOf = async () =>
      Object.fromEntries(
        (
          JSON.parse((await page.getByTestId('funnel-chart').getAttribute('data-chart'))!) as {
            key: string;
            value: number;
          }[]
        ).map((f) => [f.key, f.value]),
      );
    await waitFor('the funnel to count the landing', async () => (await funnelOf()).landed === 1);
    expect(await funnelOf()).toEqual({
      registered: 12,
      eligible: 11,
      advanced: 3,
      signed: 2,
      landed: 1,
    });
    await page.getByRole('tab', { name: '按飞地' }).click();
    const byEnclave = JSON.parse(
      (await page.getByTestId('rate-byEnclave').getAttribute('data-chart'))!,
    ) as {
      name: string;
      landingRate: number;
    }[];
    expect(byEnclave).toEqual([
      expect.objectContaining({ name: '江阴高新区上海飞地', landingRate: 0.5 }),
    ]);
    await checkpoint('signings');
  });

  it('awards the final: tiers, a tie at a tier boundary settled with a reason, release', async () => {
    const heats = (await stack.get(`/competitions/${competitionId}/heats`, organiser.token)).body
      .items as { id: string; name: string }[];
    const finalId = heats.find((h) => h.name === '江阴总决赛')!.id;
    const rubric = (await stack.get(`/competitions/${competitionId}/rubrics`, organiser.token)).body
      .items[0] as { id: string; criteria: { code: string }[] };
    const users = (await stack.get('/users?role=JUDGE&pageSize=200', organiser.token)).body
      .items as { id: string; email: string }[];
    const panel = [];
    for (const email of judgeEmails.slice(0, 3))
      panel.push({
        id: users.find((u) => u.email === email)!.id,
        token: await stack.login(email, JUDGE_PASSWORD),
      });
    // 储能电站管理系统 and 基因测序芯片 tie on 80, across the 二等奖 / 三等奖 boundary.
    const marks = new Map(
      (
        [
          ['低空物流调度', 90],
          ['储能电站管理系统', 80],
          ['基因测序芯片', 80],
        ] as const
      ).map(([title, mark]) => [projectIds.get(title)!, mark]),
    );
    await scoreFinal(stack, organiser.token, finalId, rubric, panel, marks);

    await page.getByRole('link', { name: '成绩与晋级' }).click();
    await page.getByRole('heading', { name: '成绩与晋级' }).waitFor();
    // The page opens on the regional heat, decided a step ago: its record, no preview asked for.
    await expectRecorded();
    await checkpoint('advancement-recorded');
    await choose('赛区', '江阴总决赛');
    await page.getByText('成绩已确定').waitFor();

    // One place per tier for the three finalists; a duplicate name is refused, in words.
    const tiers = page.getByTestId('award-tiers');
    await tiers.getByText(/名额合计 6 个，总决赛项目 3 个/).waitFor();
    await tiers.getByLabel('名额 2').fill('1');
    await tiers.getByLabel('名额 3').fill('1');
    await tiers.getByLabel('奖项名称 2', { exact: true }).fill('一等奖');
    await tiers.getByRole('button', { name: '保存奖项设置' }).click();
    await tiers.getByText('奖项等级“一等奖”重复').first().waitFor();
    await screenshot(page, 'console-award-tiers-refused');
    await tiers.getByLabel('奖项名称 2', { exact: true }).fill('二等奖');
    await tiers.getByRole('button', { name: '保存奖项设置' }).click();
    await page.getByText('奖项设置已保存').waitFor();
    await tiers.getByText(/名额合计 3 个/).waitFor();

    // The preview stops at the tie: nothing is assigned until the organiser orders it.
    const preview = page.getByTestId('award-preview');
    const tie = preview.getByTestId('tie-1');
    await tie.getByText(/80 分并列：.*（跨 二等奖 \/ 三等奖）/).waitFor();
    await preview
      .getByRole('row', { name: /储能电站管理系统/ })
      .getByText('待定（并列）')
      .waitFor();
    expect(await preview.getByRole('button', { name: '确认评奖' }).isDisabled()).toBe(true);
    const order = await tie.locator('.tie-settle__title').allTextContents();
    if (order[0] !== '基因测序芯片')
      await tie.getByRole('button', { name: '上移 基因测序芯片' }).click();
    await tie.locator('li', { hasText: '基因测序芯片' }).getByText('二等奖').waitFor();
    await tie.getByLabel('并列处理理由 1').fill('加赛答辩，评委会投票 基因测序芯片 胜出');
    await screenshot(page, 'console-awards-tie');
    await preview.getByRole('button', { name: '确认评奖' }).click();
    await page.getByText('评奖结果将记为总决赛结果').waitFor();
    await page
      .getByRole('dialog', { name: '确认评奖' })
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await preview.getByText('已评定 3 个奖项').waitFor();
    const assigned = page.getByTestId('awards-assigned');
    for (const [tier, title] of [
      ['一等奖', '低空物流调度'],
      ['二等奖', '基因测序芯片'],
      ['三等奖', '储能电站管理系统'],
    ])
      await assigned.getByRole('row', { name: new RegExp(`${tier}.*${title}`) }).waitFor();

    // The release mails each owner their award.
    await page.getByRole('button', { name: /发布结果（3）/ }).click();
    await page
      .getByRole('dialog')
      .getByText(/基因测序芯片（二等奖）/)
      .waitFor();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByText('结果已发布').waitFor();
    await waitFor('the award mails', () =>
      stack.smtp.mails.some((m) => m.text.includes('- 基因测序芯片：获奖（二等奖）')),
    );
    await checkpoint('awards', [
      // The duplicate tier name, refused on purpose above.
      /status of 422.*\/heats\/[^/]+\/award-tiers/,
    ]);
  });

  // The correction right after the release; its dialog closes once the API
  // recorded it (ConfirmDialog), and only the two changed owners hear.
  it('corrects the awards after a recount, and only the changed owners hear', async () => {
    const preview = page.getByTestId('award-preview');
    const tie = preview.getByTestId('tie-1');
    const assigned = page.getByTestId('awards-assigned');
    // A recount reverses the play-off: the two swap places, and only their owners hear.
    await tie.getByRole('button', { name: '上移 储能电站管理系统' }).click();
    await tie.locator('li', { hasText: '储能电站管理系统' }).getByText('二等奖').waitFor();
    await tie.getByLabel('并列处理理由 1').fill('复核计分后 储能电站管理系统 胜出');
    await preview.getByRole('button', { name: '重新评奖（更正）' }).click();
    await page.getByText(/将替换已评定的奖项/).waitFor();
    await page
      .getByRole('dialog', { name: '重新评奖（更正）' })
      .getByRole('button', { name: /确\s*定/ })
      .click();
    // The dialog closes once the API recorded the correction.
    await page.getByRole('dialog', { name: '重新评奖（更正）' }).waitFor({ state: 'detached' });
    await assigned.getByRole('row', { name: /二等奖.*储能电站管理系统.*复核计分后/ }).waitFor();
    await page.getByRole('button', { name: /发布结果（2）/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/储能电站管理系统（二等奖，原为 三等奖）/).waitFor();
    expect(await dialog.getByText('更正', { exact: true }).count()).toBe(2);
    await screenshot(page, 'console-awards-correction');
    await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
    await page.getByText('结果已发布').waitFor();
    await waitFor('the correction', () =>
      stack.smtp.mails.some((m) => m.text.includes('- 储能电站管理系统：获奖（二等奖）（更正）')),
    );
    await checkpoint('awards-corrected');
  });

  it('shows the audit log and the notifications, and holds at 768 px and in English', async () => {
    await page.getByRole('link', { name: '日志' }).click();
    await page.getByRole('heading', { name: '日志' }).waitFor();
    await page.locator('tbody tr.ant-table-row').first().waitFor();
    // Actions in words, not API codes (the code stays in the cell's title); who acted by name.
    await page.getByRole('cell', { name: '评定奖项' }).first().waitFor();
    await page.getByRole('cell', { name: '强制结束评审轮次' }).waitFor();
    await page.getByRole('cell', { name: '退回评分' }).waitFor();
    await page.getByRole('cell', { name: '组委会 王磊' }).first().waitFor();
    expect(await page.locator('.ant-table').first().innerText()).not.toMatch(
      /[0-9a-f]{8}-[0-9a-f]{4}-|[0-9a-f]{8}\b/i,
    );
    await checkpoint('log');

    await page.setViewportSize({ width: 768, height: 1024 });
    await page
      .getByRole('link', { name: '签约落地' })
      .click()
      .catch(async () => {
        await page.goto(`/console/c/${competitionId}/signings`);
      });
    await page.getByTestId('board-LANDED').waitFor();
    // Nothing wider than the window: no sideways scrolling of the whole page.
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - window.innerWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await checkpoint('signings-768');

    await page.setViewportSize(DESKTOP);
    await page.getByRole('button', { name: 'English' }).click();
    await page.goto(`/console/c/${competitionId}/applications`);
    await page.getByRole('heading', { name: 'Applications' }).waitFor();
    await checkpoint('applications-en');
  });
});
