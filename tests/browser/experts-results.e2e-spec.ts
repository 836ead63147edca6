import type { Browser, Page } from 'playwright-core';
import { createRound } from '../support/decisions-scenario';
import { HeatFixture, eligibleHeat } from '../support/judging-scenario';
import { Stack, waitFor } from '../support/stack';
import { WatchedContext, launchChromium, originOf, screenshot } from './support/browser';

// Issue 22's follow-ups in real Chromium: on a 2+1 round page the organiser
// arbitrates the project whose three marks have no pair within the tolerance
// (主评专家仲裁); the round's ranking marks the projects that needed a third
// expert; the pool shows the reminders each expert needed.
const DESKTOP = { width: 1440, height: 900 };
const marks = (m: number) => ({ TECH: m, BUSINESS: m, MARKET: m, TEAM: m });

describe('experts: arbitration and the third-expert flag in the console', () => {
  let stack: Stack;
  let browser: Browser;
  let desk: WatchedContext;
  let page: Page;
  let heat: HeatFixture;
  let roundId: string;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    heat = await eligibleHeat(stack, 3, 4, false);
    const o = heat.organiser.token;
    for (const j of heat.judges.slice(0, 2)) {
      const [user] = await stack.sql<{ name: string }>(`SELECT name FROM users WHERE id = $1`, [
        j.id,
      ]);
      const res = await stack.post(
        '/experts',
        { name: user.name, email: j.email, unit: j.affiliation, fields: ['TECHNOLOGY'] },
        o,
      );
      expect(res.status).toBe(201);
    }
    roundId = await createRound(stack, heat.organiser, heat.competition.heatId, {
      rubricId: heat.competition.rubricId,
      kind: 'EXPERT_REVIEW',
      name: '专家网评',
    });
    const rule = {
      tolerance: 10,
      toleranceKind: 'ABSOLUTE',
      thirdMarkRule: 'CLOSEST_PAIR',
      pairTieRule: 'MEAN_OF_ALL',
    };
    expect((await stack.put(`/rounds/${roundId}/double-marking`, rule, o)).status).toBe(200);
    await stack.post(`/rounds/${roundId}/judges`, { judgeIds: heat.judges.map((j) => j.id) }, o);
    await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: 2 }, o);
    expect((await stack.post(`/rounds/${roundId}/open`, {}, o)).status).toBe(200);
    const tokenOf = new Map(heat.judges.map((j) => [j.id, j.token]));
    const first = (await stack.get(`/rounds/${roundId}/assignments`, o)).body.items as {
      judgeId: string;
      projectId: string;
    }[];
    // Project 0: 60, 80, third 95 → arbitration; 1: 70, 75; 2: 60, 80, third 75.
    const firstMarks = (p: number) => (p === 1 ? [70, 75] : [60, 80]);
    const seen = new Map<string, number>();
    for (const a of first) {
      const p = heat.projectIds.indexOf(a.projectId);
      const k = seen.get(a.projectId) ?? 0;
      seen.set(a.projectId, k + 1);
      await stack.put(
        `/rounds/${roundId}/projects/${a.projectId}/score`,
        { scores: marks(firstMarks(p)[k]), submit: true },
        tokenOf.get(a.judgeId),
      );
    }
    for (const [p, mark] of [
      [0, 95],
      [2, 75],
    ]) {
      const projectId = heat.projectIds[p];
      const third = await waitFor('the third expert', async () => {
        const items = (await stack.get(`/rounds/${roundId}/assignments`, o)).body.items as {
          judgeId: string;
          projectId: string;
        }[];
        return items.find(
          (a) =>
            a.projectId === projectId &&
            !first.some((f) => f.judgeId === a.judgeId && f.projectId === projectId),
        );
      });
      await stack.put(
        `/rounds/${roundId}/projects/${projectId}/score`,
        { scores: marks(mark), submit: true },
        tokenOf.get(third.judgeId),
      );
    }
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

  it('the organiser arbitrates on the round page; the ranking marks the projects that needed a third', async () => {
    await page.goto(`/console/c/${heat.competition.id}/rounds/${roundId}`);
    const card = page.getByTestId('double-marking');
    await card.getByRole('button', { name: /^仲\s*裁$/ }).click();
    await card.getByLabel('仲裁分数').fill('82');
    await card.getByLabel('仲裁理由').fill('三位专家分差均超过阈值，复核材料后裁定');
    await screenshot(page, 'console-double-marking-arbitration');
    await card.getByRole('button', { name: /^仲\s*裁$/ }).click();
    await card.getByText('已仲裁：82').waitFor();
    const stored = await waitFor('the stored ranking with the arbitration', async () => {
      const r = (await stack.get(`/rounds/${roundId}/ranking`, heat.organiser.token)).body;
      return r.entries.some((e: any) => e.score === 82) ? r : undefined;
    });
    expect(stored.entries.filter((e: any) => e.thirdExpert)).toHaveLength(2);
    const ranking = page.locator('.ant-card').filter({ hasText: '排名（CSV）' });
    await ranking.getByRole('button', { name: /^刷\s*新$/ }).click();
    await ranking.getByRole('columnheader', { name: '第三位专家' }).waitFor();
    await ranking.getByRole('cell', { name: '82', exact: true }).waitFor();
    expect(await ranking.getByText('第三评').count()).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'console-ranking-third-expert');
    desk.assertClean();
  });

  it('the pool shows the reminders each expert needed', async () => {
    await page.goto(`/console/c/${heat.competition.id}/experts`);
    await page.getByRole('heading', { name: '专家库' }).waitFor();
    await page.getByRole('columnheader', { name: '已评 / 谢绝 / 催评' }).waitFor();
    await page.getByRole('cell', { name: '0 / 0 / 0' }).first().waitFor();
    await screenshot(page, 'console-expert-pool-history');
    desk.assertClean();
  });
});
