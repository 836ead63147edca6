import type { Browser, Page } from 'playwright-core';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../../prisma/seed';
import { Stack } from '../support/stack';
import { WatchedContext, launchChromium, originOf, screenshot } from './support/browser';

// The seeded demo as its organiser sees it, in zh-CN at 1440×900: every
// console page of both seasons, read for what must never reach a page (an id,
// JSON, English outside names and data), and the defects a new organiser met:
// Enter in a date picker, deleting a competition made by mistake, the
// registration list and score sheet exports, the audit log by name, the
// notification log of one competition.
const DESKTOP = { width: 1440, height: 900 };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const JSON_TEXT = /[{[]\s*"[A-Za-z_]+"\s*:/;
// Latin words the console may show outside data: file formats (.xlsx, .csv), the
// language switch (which names English in English) and the draw's hash (SHA-256).
const ALLOWED_LATIN = new Set(['Excel', 'CSV', 'English', 'xlsx', 'csv', 'SHA']);
// Where data is shown (names, titles, emails, codes): read for ids and JSON only.
const DATA = [
  'td',
  '.ant-descriptions-item-content',
  '.ant-select-selection-item',
  '.ant-select-item-option',
  '.board .ant-card-head-title',
  '.ant-tag',
  'h1',
  '.console__picker',
  '.ant-drawer-title',
  'input',
  'textarea',
  // A pitch-order seed and its hash (hex digits).
  'code',
].join(',');

interface PageText {
  all: string;
  chrome: string;
}

// Run in the page (as a string: the tests compile without the DOM's types).
async function textOf(page: Page): Promise<PageText> {
  return page.evaluate<PageText>(`(() => {
    const all = document.body.innerText;
    const clone = document.body.cloneNode(true);
    clone.querySelectorAll(${JSON.stringify(DATA)}).forEach((el) => el.remove());
    clone.querySelectorAll('svg, script, style').forEach((el) => el.remove());
    return { all, chrome: clone.textContent || '' };
  })()`);
}

function problemsIn(where: string, text: PageText): string[] {
  const found: string[] = [];
  if (UUID.test(text.all)) found.push(`${where}: an id (${UUID.exec(text.all)![0]})`);
  if (JSON_TEXT.test(text.all)) found.push(`${where}: JSON (${JSON_TEXT.exec(text.all)![0]})`);
  const latin = (text.chrome.match(/[A-Za-z][A-Za-z'’-]+/g) ?? []).filter(
    (w) => !ALLOWED_LATIN.has(w),
  );
  if (latin.length) found.push(`${where}: English (${[...new Set(latin)].join(' ')})`);
  return found;
}

describe('organiser console on the seeded demo', () => {
  let stack: Stack;
  let browser: Browser;
  let ctx: WatchedContext;
  let page: Page;
  let token: string;
  let competitions: { id: string; name: string }[];

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    expect(await seedDemo(stack.databaseUrl)).toBe('seeded');
    token = await stack.login(DEMO_LOGINS.organiser, DEMO_PASSWORD);
    competitions = (await stack.get('/competitions', token)).body.items;
    browser = await launchChromium();
    ctx = await WatchedContext.open(browser, originOf(stack.apiUrl), DESKTOP);
    page = await ctx.newPage();
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(DEMO_LOGINS.organiser);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/console');
  });

  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await stack?.stop();
  });

  async function visit(path: string, shot: string): Promise<string[]> {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    await page.locator('.ant-spin-spinning, .ant-skeleton').first().waitFor({ state: 'detached' });
    await screenshot(page, `demo-${shot}`);
    return problemsIn(path, await textOf(page));
  }

  it('walks every console page of both seasons: no id, no JSON, no English outside names and data', async () => {
    const problems: string[] = [];
    problems.push(...(await visit('/console', 'competitions')));
    for (const [n, c] of competitions.entries()) {
      const base = `/console/c/${c.id}`;
      for (const section of ['setup', 'applications', 'judges', 'rounds', 'results', 'signings'])
        problems.push(...(await visit(`${base}/${section}`, `${n}-${section}`)));
      // Each round's page, and the log's two tabs.
      const heats = (await stack.get(`/competitions/${c.id}/heats`, token)).body.items as {
        id: string;
      }[];
      for (const heat of heats) {
        const rounds = (await stack.get(`/heats/${heat.id}/rounds`, token)).body.items as {
          id: string;
        }[];
        for (const [r, round] of rounds.entries())
          problems.push(...(await visit(`${base}/rounds/${round.id}`, `${n}-round-${r}`)));
      }
      problems.push(...(await visit(`${base}/log`, `${n}-log-audit`)));
      await page.getByRole('tab', { name: '通知记录' }).click();
      await page.waitForLoadState('networkidle');
      await screenshot(page, `demo-${n}-log-notifications`);
      problems.push(...problemsIn(`${base}/log#notifications`, await textOf(page)));
    }
    expect(problems).toEqual([]);
    ctx.assertClean();
  });

  it('names who acted in the audit log and asks only for this competition’s mails', async () => {
    const [current] = competitions;
    const asked = page.waitForRequest((r) =>
      r.url().includes(`/api/v1/notifications?competitionId=${current.id}`),
    );
    await page.goto(`/console/c/${current.id}/log`);
    await asked;
    await page.getByRole('cell', { name: '王磊（组委会）' }).first().waitFor();
    await screenshot(page, 'demo-log-actor');
    ctx.assertClean();
  });

  it('exports the registration list and a round’s score sheets (评分表)', async () => {
    const [current] = competitions;
    await page.goto(`/console/c/${current.id}/applications`);
    const list = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出报名表（Excel）' }).click();
    expect((await list).suggestedFilename()).toMatch(/\.xlsx$/);

    const heats = (await stack.get(`/competitions/${current.id}/heats`, token)).body.items as {
      id: string;
      name: string;
    }[];
    const south = heats.find((h) => h.name === '华南赛区')!;
    const [round] = (await stack.get(`/heats/${south.id}/rounds`, token)).body.items as {
      id: string;
    }[];
    await page.goto(`/console/c/${current.id}/rounds/${round.id}`);
    const sheets = page.waitForEvent('download');
    await page.getByRole('button', { name: '评分表（Excel）' }).click();
    expect((await sheets).suggestedFilename()).toMatch(/\.xlsx$/);
    ctx.assertClean();
  });

  it('keeps Enter in a date picker in the picker, shows a not-yet-open competition as a draft, deletes it', async () => {
    const before = (await stack.get('/competitions', token)).body.items.length;
    await page.goto('/console');
    await page.getByLabel('赛事名称').fill('误建的赛事');
    await page.getByLabel('赛道代码 1').fill('AI');
    await page.getByLabel('赛道名称 1').fill('人工智能');
    await page.getByLabel('赛段代码 1').fill('HEAT');
    await page.getByLabel('赛段名称 1').fill('分站赛');
    const fmt = (t: number) =>
      new Date(t + 8 * 3600e3).toISOString().slice(0, 19).replace('T', ' ');
    const day = 86400e3;
    for (const [label, at] of [
      ['报名开始', Date.now() + 10 * day],
      ['报名截止', Date.now() + 40 * day],
    ] as const) {
      await page.getByLabel(label).click();
      await page.getByLabel(label).fill(fmt(at));
      await page.getByLabel(label).press('Enter');
    }
    // Every field is filled: before the fix, that Enter created the competition.
    await page.getByLabel('报名截止').press('Enter');
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).pathname).toBe('/console');
    expect((await stack.get('/competitions', token)).body.items.length).toBe(before);

    await page.getByRole('button', { name: '创建赛事' }).click();
    await page.waitForURL('**/console/c/*/setup');
    await page.goto('/console');
    const row = page.getByRole('row', { name: /误建的赛事/ });
    await row.getByText('草稿（报名未开始）').waitFor();
    await screenshot(page, 'demo-competition-draft');
    await row.getByRole('button', { name: /删\s*除/ }).click();
    await page
      .locator('.ant-modal-confirm-btns')
      .getByRole('button', { name: /删\s*除/ })
      .click();
    await page.getByText('已删除赛事“误建的赛事”').waitFor();
    await row.waitFor({ state: 'detached' });
    expect((await stack.get('/competitions', token)).body.items.length).toBe(before);

    // One with registrations stays, and says why in words.
    await page
      .getByRole('row', { name: new RegExp(competitions[0].name) })
      .getByRole('button', { name: /删\s*除/ })
      .click();
    await page
      .locator('.ant-modal-confirm-btns')
      .getByRole('button', { name: /删\s*除/ })
      .click();
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    expect(
      problemsIn('delete refused', {
        all: await alert.innerText(),
        chrome: await alert.innerText(),
      }),
    ).toEqual([]);
    await screenshot(page, 'demo-delete-refused');
    expect((await stack.get('/competitions', token)).body.items.length).toBe(before);
    ctx.assertClean([/competitions\/[0-9a-f-]+ .*409|status of 409/]);
  });
});
