import type { Browser } from 'playwright-core';
import { makePdf, uploadFile } from '../support/files';
import { HeatFixture, eligibleHeat } from '../support/judging-scenario';
import { Stack } from '../support/stack';
import { PHONE, WatchedContext, launchChromium, originOf, screenshot } from './support/browser';

const JUDGE_PASSWORD = 'Roadshow-Judge-2026!'; // as the judging fixture creates them

// Issue 19: the judge reads the BP on a phone, in the built-in viewer (pdf.js),
// page by page; every page the server sends carries the judge's watermark.
describe('browser: a judge reads the BP on a phone', () => {
  let stack: Stack;
  let browser: Browser;
  let heat: HeatFixture;
  let roundId: string;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    heat = await eligibleHeat(stack, 1, 1, false);
    await stack.sql(
      `INSERT INTO registration_forms (competition_id, definition, updated_by) VALUES ($1, $2, gen_random_uuid())`,
      [
        heat.competition.id,
        JSON.stringify({
          fields: [
            {
              key: 'bp',
              type: 'file',
              label: { zh: '商业计划书', en: 'Business plan' },
              required: true,
              accept: ['pdf'],
            },
          ],
        }),
      ],
    );
    const bp = await uploadFile(
      stack,
      heat.projectIds[0],
      'bp',
      '商业计划书.pdf',
      await makePdf(5, 0, 'Business plan'),
      heat.applicants[0].token,
    );
    expect(bp.status).toBe(201);
    const org = heat.organiser.token;
    const round = await stack.post(
      `/heats/${heat.competition.heatId}/rounds`,
      { name: '网评', kind: 'EXPERT_REVIEW', rubricId: heat.competition.rubricId, method: 'MEAN' },
      org,
    );
    roundId = round.body.id;
    await stack.post(`/rounds/${roundId}/judges`, { judgeIds: [heat.judges[0].id] }, org);
    await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: 1 }, org);
    expect((await stack.post(`/rounds/${roundId}/open`, {}, org)).status).toBe(200);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('opens the BP in the viewer at 390×844 and turns to page 3', async () => {
    const phone = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const page = await phone.newPage();
    await page.goto('/judge');
    await page.waitForURL(/\/login/);
    await page.getByLabel('邮箱').fill(heat.judges[0].email);
    await page.getByLabel('密码').fill(JUDGE_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/judge');
    await page.goto(`/judge/rounds/${roundId}/projects/${heat.projectIds[0]}`);
    await page.getByText('评审材料', { exact: true }).waitFor();
    await page.getByText('第 1 / 5 页').waitFor({ timeout: 30000 });
    await page.getByRole('button', { name: /下一页/ }).click();
    await page.getByRole('button', { name: /下一页/ }).click();
    await page.getByText('第 3 / 5 页').waitFor();
    // The page is drawn: the canvas is not blank, and fits the phone's width.
    const drawn = await page.locator('canvas.pdf-viewer__page').evaluate((el) => {
      // The DOM's types are not in the tests' compilation: what is used of a canvas.
      const canvas = el as unknown as {
        width: number;
        height: number;
        getContext(kind: '2d'): {
          getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
        };
        getBoundingClientRect(): { width: number };
      };
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 200) dark++;
      return { dark, width: canvas.getBoundingClientRect().width };
    });
    expect(drawn.dark).toBeGreaterThan(100);
    expect(drawn.width).toBeLessThanOrEqual(390);
    await page.locator('canvas.pdf-viewer__page').scrollIntoViewIfNeeded();
    await screenshot(page, 'judge-bp-page3');
    phone.assertClean();
    await phone.close();
  });
});
