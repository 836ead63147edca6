import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { eligibleHeat, HeatFixture } from '../support/judging-scenario';
import { Stack, waitFor } from '../support/stack';
import {
  PHONE,
  SCREENSHOTS,
  WatchedContext,
  launchChromium,
  originOf,
  screenshot,
} from './support/browser';

// 分会场 on the console's round page, in real Chromium (issue 20): the
// organiser defines two rooms, asks for a normalised score across rooms with
// no judge in common and reads the refusal naming the separate groups, saves
// per-room quotas instead, sees each room's order and screen path, opens the
// round and, once the judges scored, reads the combined result. The online
// roadshow's meeting link is set on the same page (an http link refused in
// words) and reaches the project's judge on the phone.
const DESKTOP = { width: 1440, height: 900 };

describe('organiser console: parallel rooms and meeting links', () => {
  let stack: Stack;
  let browser: Browser;
  let ctx: WatchedContext;
  let page: Page;
  let heat: HeatFixture;
  let roundId: string;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    heat = await eligibleHeat(stack, 4, 2, false);
    const token = heat.organiser.token;
    const round = await stack.post(
      `/heats/${heat.competition.heatId}/rounds`,
      { name: '分会场路演', kind: 'ROADSHOW', rubricId: heat.competition.rubricId, method: 'MEAN' },
      token,
    );
    roundId = round.body.id;
    await stack.post(
      `/rounds/${roundId}/judges`,
      { judgeIds: heat.judges.map((j) => j.id) },
      token,
    );
    // 评委0 scores 项目00 and 项目01; 评委1 scores 项目02 and 项目03: no judge in common.
    for (const [p, j] of [
      [0, 0],
      [1, 0],
      [2, 1],
      [3, 1],
    ])
      expect(
        (
          await stack.put(
            `/rounds/${roundId}/assignments/${heat.projectIds[p]}/${heat.judges[j].id}`,
            {},
            token,
          )
        ).status,
      ).toBe(200);
    browser = await launchChromium();
    ctx = await WatchedContext.open(browser, originOf(stack.apiUrl), DESKTOP);
    page = await ctx.newPage();
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(heat.organiser.email);
    await page.getByLabel('密码').fill('Roadshow-Organiser-2026!');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/console');
    await page.goto(`/console/c/${heat.competition.id}/rounds/${roundId}`);
    await page.getByRole('heading', { name: /分会场路演/ }).waitFor();
  });

  afterAll(async () => {
    await ctx?.close();
    await browser?.close();
    await stack?.stop();
  });

  // The whole page, and the card alone (readable at its own size).
  async function shot(card: Locator, name: string) {
    await screenshot(page, name);
    await card.screenshot({ path: path.join(SCREENSHOTS, `${name}-card.png`) });
  }

  async function choose(label: string, option: string) {
    await page.getByRole('combobox', { name: label }).click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option })
      .first()
      .click();
    await page.keyboard.press('Escape');
  }

  it('refuses a normalised score across unconnected rooms in words, then saves per-room quotas', async () => {
    const card = page.getByTestId('rooms-card');
    await card.scrollIntoViewIfNeeded();
    await card.getByLabel('分会场 1 分会场名称').fill('一号厅');
    await card.getByLabel('分会场 2 分会场名称').fill('二号厅');
    await choose('分会场 1 评委', '评委0');
    await choose('分会场 1 项目', '项目00');
    await choose('分会场 1 项目', '项目01');
    await choose('分会场 2 评委', '评委1');
    await choose('分会场 2 项目', '项目02');
    await choose('分会场 2 项目', '项目03');
    await card.getByRole('radio', { name: '标准化得分统一排名（需共同评委）' }).check();
    await card.getByLabel('全轮晋级数').fill('2');
    await card.getByRole('button', { name: '保存分会场' }).click();
    const refusal = card.getByRole('alert');
    await refusal
      .getByText(/标准化得分要求各分会场之间有共同评委.*没有共同评委：一号厅 \| 二号厅/)
      .waitFor();
    await refusal.scrollIntoViewIfNeeded();
    await shot(card, 'console-rooms-not-comparable');
    ctx.assertClean([/status of 422.*\/rooms/]);

    await card.getByRole('radio', { name: '各分会场按名额晋级' }).check();
    await card.getByLabel('分会场 1 晋级名额').fill('1');
    await card.getByLabel('分会场 2 晋级名额').fill('1');
    await card.getByRole('button', { name: '保存分会场' }).click();
    await page.getByText('分会场已保存').waitFor();
    // The form keeps the rooms as stored, ready for a change before the round opens.
    expect(await card.getByLabel('分会场 1 分会场名称').inputValue()).toBe('一号厅');
    await card.getByTestId('room-1').getByText('项目03').waitFor();
    const table = card.getByTestId('rooms-table');
    const first = table.getByRole('row', { name: /一号厅/ });
    await first.getByText('评委0').waitFor();
    await first.getByText(`/screen/rounds/${roundId}?room=`, { exact: false }).waitFor();
    await table
      .getByRole('row', { name: /二号厅/ })
      .getByText('项目03')
      .waitFor();
    const stored = await stack.get(`/rounds/${roundId}/rooms`, heat.organiser.token);
    expect(stored.body.rule).toBe('QUOTA');
    expect(stored.body.rooms.map((r: any) => [r.name, r.quota, r.projects.length])).toEqual([
      ['一号厅', 1, 2],
      ['二号厅', 1, 2],
    ]);
    await table.scrollIntoViewIfNeeded();
    await shot(card, 'console-rooms-saved');
    ctx.assertClean([/status of 422.*\/rooms/]);
  });

  it('sets a meeting link (an http one refused in words) that the judge and the team see on their phones', async () => {
    const card = page.getByTestId('meeting-card');
    await card.scrollIntoViewIfNeeded();
    const input = card.getByLabel('项目00 会议链接');
    await input.fill('http://meeting.example.com/x');
    await card.getByRole('button', { name: '保存 项目00' }).click();
    await card.getByRole('alert').getByText('请输入有效的网址。').waitFor();
    await shot(card, 'console-meeting-link-refused');
    await input.fill('https://meeting.tencent.com/dm/AbC123');
    await card.getByRole('button', { name: '保存 项目00' }).click();
    await card.getByRole('link', { name: '打开' }).waitFor();
    expect(await card.getByRole('link', { name: '打开' }).getAttribute('href')).toBe(
      'https://meeting.tencent.com/dm/AbC123',
    );
    await shot(card, 'console-meeting-link-set');
    ctx.assertClean([/status of 422.*\/rooms/, /status of 400.*\/meeting-link/]);

    const phone = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const judge = await phone.newPage();
    await judge.goto('/login');
    await judge.getByLabel('邮箱').fill(heat.judges[0].email);
    await judge.getByLabel('密码').fill('Roadshow-Judge-2026!');
    await judge.getByRole('button', { name: '登录' }).click();
    await judge.waitForURL('**/judge');
    await judge.goto(`/judge/rounds/${roundId}`);
    const links = judge.getByTestId('meeting-links');
    await links.getByText('项目00').waitFor();
    expect(await links.getByRole('link', { name: '进入会议' }).getAttribute('href')).toBe(
      'https://meeting.tencent.com/dm/AbC123',
    );
    await screenshot(judge, 'judge-meeting-link');
    phone.assertClean();
    await phone.close();

    // The team of 项目00 (its first applicant) on its own projects page, on its own phone.
    const teamPhone = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const team = await teamPhone.newPage();
    await team.goto('/login');
    await team.getByLabel('邮箱').fill(heat.applicants[0].email);
    await team.getByLabel('密码').fill('Roadshow-Applicant-2026!');
    await team.getByRole('button', { name: '登录' }).click();
    await team.waitForURL('**/applicant');
    const mine = team.getByTestId('my-meeting-links');
    await mine.getByText('项目00 · 分会场路演').waitFor();
    expect(await mine.getByRole('link', { name: '进入会议' }).getAttribute('href')).toBe(
      'https://meeting.tencent.com/dm/AbC123',
    );
    await screenshot(team, 'team-meeting-link');
    teamPhone.assertClean();
    await teamPhone.close();
  });

  it('shows the rooms combined by their quotas once the round has run', async () => {
    const token = heat.organiser.token;
    await page.getByRole('button', { name: '开启评审' }).click();
    await page
      .getByTestId('rooms-card')
      .getByText(/本轮已开始/)
      .waitFor();
    // 一号厅: 70, 80; 二号厅 (a lenient judge): 95, 90. Top 1 of each.
    for (const [j, p, x] of [
      [0, 0, 70],
      [0, 1, 80],
      [1, 2, 95],
      [1, 3, 90],
    ])
      expect(
        (
          await stack.put(
            `/rounds/${roundId}/projects/${heat.projectIds[p]}/score`,
            { scores: { TECH: x, BUSINESS: x, MARKET: x, TEAM: x }, submit: true },
            heat.judges[j].token,
          )
        ).status,
      ).toBe(200);
    await waitFor('every submit counted', async () => {
      const r = await stack.get(`/rounds/${roundId}/ranking`, token);
      return r.body.entries?.length === 4 && r.body.entries.every((e: any) => e.complete);
    });
    const result = page.getByTestId('rooms-result');
    await result.scrollIntoViewIfNeeded();
    const row = (title: string) => result.getByRole('row', { name: new RegExp(title) });
    await row('项目01').getByText('80.00').waitFor({ timeout: 20_000 });
    await row('项目01').getByText('晋级', { exact: true }).waitFor();
    await row('项目03').getByText('90.00').waitFor();
    // 90 in 二号厅 beats 80 in 一号厅 and still does not advance: rooms are not compared.
    await row('项目03').getByText('未晋级').waitFor();
    await row('项目02').getByText('晋级', { exact: true }).waitFor();
    // By room in the plan's order, then rank.
    expect(await result.locator('tbody tr td:nth-child(2)').allTextContents()).toEqual([
      '项目01',
      '项目00',
      '项目02',
      '项目03',
    ]);
    await shot(page.getByTestId('rooms-card'), 'console-rooms-result');
    ctx.assertClean([/status of 422.*\/rooms/, /status of 400.*\/meeting-link/]);
  });

  it('the heat’s advancement follows the rooms, not the overall ranking', async () => {
    const token = heat.organiser.token;
    expect((await stack.post(`/rounds/${roundId}/close`, {}, token)).status).toBe(200);
    await waitFor(
      'settled standings',
      async () =>
        (await stack.get(`/heats/${heat.competition.heatId}/standings`, token)).body.final,
    );
    await page.goto(`/console/c/${heat.competition.id}/results`);
    await page
      .getByTestId('advance-by-rooms')
      .getByText(/“分会场路演”设有分会场：晋级按分会场合并结果（各分会场按名额晋级）确定/)
      .waitFor();
    const preview = page.getByTestId('advance-preview');
    const row = (title: string) => preview.locator('tr', { hasText: title });
    await row('项目01').getByText('分会场内第1名（一号厅 名额1）').waitFor();
    await row('项目02').getByText('分会场内第1名（二号厅 名额1）').waitFor();
    // 90 beats 80 overall, and stays out: 二号厅 had one place.
    await row('项目03').getByText('名额已满（二号厅 第2名 名额1）').waitFor();
    await screenshot(page, 'console-advancement-by-rooms');
    ctx.assertClean([/status of 422.*\/rooms/, /status of 400.*\/meeting-link/]);
  });
});
