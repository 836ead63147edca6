import type { Browser, Page } from 'playwright-core';
import { fetchFile, makePdf, pdfText, sha256 } from '../support/files';
import { HeatFixture, eligibleHeat } from '../support/judging-scenario';
import { Stack } from '../support/stack';
import { PHONE, WatchedContext, launchChromium, originOf, screenshot } from './support/browser';

// Issue 19, the whole way in the browser: an organiser builds a form with a
// BP field in the console; an applicant on a 390×844 phone fills it, uploads
// a 10 MB BP over a connection that drops once (the first chunk's request is
// cut: the upload resumes from what the server holds) and submits; a judge on
// a phone reads page 3 of that BP, watermarked with the judge's name.
const DESKTOP = { width: 1440, height: 900 };
const MB = 1024 * 1024;

describe('browser: form, resumable BP upload on a phone, the judge reads it', () => {
  let stack: Stack;
  let browser: Browser;
  let heat: HeatFixture;
  let projectId: string;
  let bp: Buffer;
  let current: Page | undefined;

  afterEach(async () => {
    if (current) await screenshot(current, 'registration-upload-last-step').catch(() => undefined);
  });

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    // An organiser, a competition, one judge; no project yet.
    heat = await eligibleHeat(stack, 0, 1, false);
    browser = await launchChromium();
    bp = await makePdf(5, 10 * MB, 'Business plan');
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function login(page: Page, email: string, password: string, lands: string) {
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(lands);
  }

  async function choose(page: Page, label: string, nth: number, option: string) {
    await page.getByLabel(label, { exact: true }).nth(nth).click({ force: true });
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
      .first()
      .click();
  }

  it('an organiser builds the form with a required BP field', async () => {
    const ctx = await WatchedContext.open(browser, originOf(stack.apiUrl), DESKTOP);
    const page = await ctx.newPage();
    current = page;
    await login(page, heat.organiser.email, 'Roadshow-Organiser-2026!', '**/console');
    await page.goto(`/console/c/${heat.competition.id}/form`);
    await page.getByRole('heading', { name: '报名表设置' }).waitFor();
    // The stored form (none yet) is loaded before the builder is used.
    await page.getByText('当前为第 0 版').waitFor();

    await page.getByRole('button', { name: '添加字段' }).click();
    await page.getByLabel('代码', { exact: true }).nth(0).fill('capital');
    await page.getByLabel('名称（中文）').nth(0).fill('注册资本');
    await page.getByLabel('名称（英文）').nth(0).fill('Registered capital');
    await choose(page, '类型', 0, '数字');
    await choose(page, '单位', 0, '万元');

    await page.getByRole('button', { name: '添加字段' }).click();
    await page.getByLabel('代码', { exact: true }).nth(1).fill('bp');
    await page.getByLabel('名称（中文）').nth(1).fill('商业计划书');
    await page.getByLabel('名称（英文）').nth(1).fill('Business plan');
    await choose(page, '类型', 1, '文件');
    await page.getByRole('switch', { name: '必填' }).nth(1).click();

    await page.getByRole('button', { name: '保存报名表' }).click();
    await page.getByText('已保存（第 1 版）').waitFor();
    await screenshot(page, 'registration-upload-console-form');
    const form = await stack.get(
      `/competitions/${heat.competition.id}/registration-form`,
      heat.organiser.token,
    );
    expect(form.body.fields.map((f: { key: string; type: string }) => [f.key, f.type])).toEqual([
      ['capital', 'number'],
      ['bp', 'file'],
    ]);
    ctx.assertClean();
    current = undefined;
    await ctx.close();
  });

  it('an applicant on a phone uploads a 10 MB BP over a connection that drops once, and submits', async () => {
    const applicant = heat.applicants[0];
    const ctx = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const page = await ctx.newPage();
    current = page;
    await login(page, applicant.email, 'Roadshow-Applicant-2026!', '**/applicant');
    await page.goto(`/applicant/competitions/${heat.competition.id}/new`);
    await page.getByLabel('项目名称').fill('柔性电子皮肤');
    await page.getByLabel('赛道').click();
    await page.locator('.ant-select-item-option[title="生命健康"]').click();
    await page.getByLabel('赛区').click();
    await page.locator('.ant-select-item-option[title="华南赛区（深圳）"]').click();
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/applicant\/projects\//);
    await page.getByText('草稿已保存').waitFor();
    // The saved draft is loaded into the form before anything more is typed.
    await page.getByLabel('项目名称').and(page.locator('[value="柔性电子皮肤"]')).waitFor();
    await page.getByLabel('注册资本').waitFor();
    await page.waitForLoadState('networkidle');
    projectId = /\/applicant\/projects\/([0-9a-f-]+)/.exec(page.url())![1];

    await page.getByLabel('项目简介').fill('可贴附皮肤的柔性压力传感阵列。');
    await page.getByLabel('单位名称').fill('深圳柔感科技有限公司');
    await page.getByLabel('成员 1 姓名').fill('李娜');
    await page.getByLabel('成员 1 职务').fill('CEO');
    await page.getByLabel('注册资本').fill('300');
    expect(await page.getByLabel('项目简介').inputValue()).toBe('可贴附皮肤的柔性压力传感阵列。');

    // The connection drops during the first chunk: that request is cut.
    let patches = 0;
    let cut = 0;
    await page.route('**/api/v1/uploads/*', async (route) => {
      if (route.request().method() !== 'PATCH') return route.continue();
      patches++;
      if (patches === 1) {
        cut++;
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await page
      .locator('.file-upload-field[data-field="bp"] input[type="file"]')
      .setInputFiles({ name: '商业计划书.pdf', mimeType: 'application/pdf', buffer: bp });
    // The page says it is resuming, then shows the stored file.
    await page.getByText(/商业计划书\.pdf · 10\.0 MB · 第 1 版/).waitFor({ timeout: 60000 });
    expect(cut).toBe(1);
    expect(patches).toBeGreaterThanOrEqual(4); // 10 MB in 4 MB chunks, one sent twice
    await screenshot(page, 'registration-upload-phone-uploaded');

    await page.getByRole('button', { name: '提交报名' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '提交报名' }).click();
    await page.getByText('报名已提交').first().waitFor();
    await screenshot(page, 'registration-upload-phone-submitted');
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width);

    const files = (await stack.get(`/projects/${projectId}/files`, applicant.token)).body.items;
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({
      field: 'bp',
      version: 1,
      size: bp.length,
      sha256: sha256(bp),
    });
    const mine = (await stack.get(`/projects/${projectId}`, applicant.token)).body;
    expect(mine).toMatchObject({
      status: 'SUBMITTED',
      answers: { capital: 300, bp: files[0].id },
    });
    // No chunk left behind: the upload session is gone.
    expect((await stack.sql(`SELECT count(*)::int AS n FROM upload_sessions`))[0].n).toBe(0);
    ctx.assertClean([/\/uploads\//]);
    current = undefined;
    await ctx.close();
  });

  it('a judge on a phone reads page 3 of that BP, stamped with the judge’s name', async () => {
    const org = heat.organiser.token;
    expect(
      (await stack.post(`/projects/${projectId}/review`, { decision: 'ELIGIBLE' }, org)).status,
    ).toBe(200);
    const round = await stack.post(
      `/heats/${heat.competition.heatId}/rounds`,
      { name: '网评', kind: 'EXPERT_REVIEW', rubricId: heat.competition.rubricId, method: 'MEAN' },
      org,
    );
    const roundId = round.body.id as string;
    await stack.post(`/rounds/${roundId}/judges`, { judgeIds: [heat.judges[0].id] }, org);
    await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: 1 }, org);
    expect((await stack.post(`/rounds/${roundId}/open`, {}, org)).status).toBe(200);

    const ctx = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const page = await ctx.newPage();
    current = page;
    await login(page, heat.judges[0].email, 'Roadshow-Judge-2026!', '**/judge');
    await page.goto(`/judge/rounds/${roundId}/projects/${projectId}`);
    // The form's answers, labelled, with the unit.
    await page.getByText('报名信息', { exact: true }).waitFor();
    await page.getByText('300 万元').waitFor();
    await page.getByText('第 1 / 5 页').waitFor({ timeout: 60000 });
    await page.getByRole('button', { name: /下一页/ }).click();
    await page.getByRole('button', { name: /下一页/ }).click();
    await page.getByText('第 3 / 5 页').waitFor();
    await page.locator('canvas.pdf-viewer__page').scrollIntoViewIfNeeded();
    await screenshot(page, 'registration-upload-judge-page3');

    // What the judge's phone received carries the judge's name on page 3.
    const files = (await stack.get(`/projects/${projectId}/files`, heat.judges[0].token)).body;
    const got = await fetchFile(stack, files.items[0].id, heat.judges[0].token);
    const pages = pdfText(got.bytes);
    expect(pages[2]).toContain('Business plan page 3');
    expect(pages[2]).toContain(heat.judges[0].email);
    ctx.assertClean();
    current = undefined;
    await ctx.close();
  });
});
