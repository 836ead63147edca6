import type { Browser } from 'playwright-core';
import { Stack } from '../support/stack';
import {
  Applicant,
  Organiser,
  createCompetition,
  createOrganiser,
  signUpApplicant,
} from '../support/scenario';
import { createJudges, judgeHeat, submittedProject } from '../support/decisions-scenario';
import { makePdf } from '../support/files';
import { PHONE, WatchedContext, launchChromium, originOf, screenshot } from './support/browser';

// 公示 on a phone without an account, an objection filed there with a PDF,
// the organiser upholding it in the console (the project disqualified), and
// the public list after the next in the ranking accepted the place (递补).
describe('browser: 公示, an objection and 递补', () => {
  let stack: Stack;
  let browser: Browser;
  let organiser: Organiser;
  let competitionId: string;
  let publicityId: string;
  const owner: Record<string, Applicant> = {};
  const project: Record<string, string> = {};

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    organiser = await createOrganiser(stack);
    const c = await createCompetition(stack, organiser);
    competitionId = c.id;
    const semi = (
      await stack.post(
        `/competitions/${competitionId}/heats`,
        { stageCode: 'SEMIFINAL', name: '半决赛', city: '江阴' },
        organiser.token,
      )
    ).body.id as string;
    const marks = { 甲: 91, 乙: 86.5, 丙: 80, 丁: 72 };
    for (const name of Object.keys(marks)) {
      owner[name] = await signUpApplicant(stack, `申请人${name}`);
      project[name] = await submittedProject(
        stack,
        competitionId,
        c.heatId,
        owner[name],
        `智能${name}项目`,
      );
    }
    await stack.post(
      `/competitions/${competitionId}/eligibility`,
      { items: Object.values(project).map((projectId) => ({ projectId, decision: 'ELIGIBLE' })) },
      organiser.token,
    );
    const judges = await createJudges(stack, organiser, 2);
    await judgeHeat(
      stack,
      organiser,
      c.heatId,
      c.rubricId,
      judges,
      new Map(Object.entries(marks).map(([n, v]) => [project[n], v])),
    );
    await stack.post(`/heats/${c.heatId}/advance`, { toHeatId: semi, count: 2 }, organiser.token);
    await stack.put(
      `/competitions/${competitionId}/due-process-settings`,
      {
        organiserContact: '大赛组委会办公室 0510-86000000',
        supervisorContact: '纪检监督电话 0510-86000001',
      },
      organiser.token,
    );
    publicityId = (await stack.post(`/heats/${c.heatId}/publicity`, {}, organiser.token)).body.id;
    browser = await launchChromium();
  }, 300000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('reads the 公示 on a phone, files an objection with a PDF; the console upholds it; the list shows 递补', async () => {
    const phone = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const pub = await phone.newPage();
    await pub.goto(`/public/publicity/${publicityId}`);
    await pub.getByRole('heading', { name: /华南赛区晋级名单公示/ }).waitFor();
    await pub.getByText('纪检监督电话 0510-86000001').waitFor();
    await pub.getByText('公示期内结果为暂定').waitFor();
    const list = pub.getByRole('list', { name: /晋级名单公示/ });
    expect(await list.getByRole('listitem').count()).toBe(4);
    await list.getByRole('listitem').filter({ hasText: '智能甲项目' }).getByText('晋级').waitFor();
    // Nothing is wider than the phone.
    expect(await pub.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(pub, 'due-process-publicity-phone');

    await pub.getByLabel('真实姓名').fill('李四');
    await pub.getByLabel('联系电话或邮箱').fill('13800001234');
    await pub.getByLabel('接收回执的邮箱（联系方式为电话时填写）').fill('lisi@e2e.test');
    await pub.getByLabel('工作单位').fill('江南大学');
    await pub.getByLabel('异议涉及的项目').selectOption({ label: '智能甲项目' });
    await pub.getByLabel('异议理由').fill('智能甲项目的核心专利系他人所有，报名材料不实。');
    await pub.getByLabel('证明材料').setInputFiles({
      name: '专利登记簿.pdf',
      mimeType: 'application/pdf',
      buffer: await makePdf(1, 0, 'patent'),
    });
    await pub.getByRole('button', { name: '提交异议' }).click();
    const receipt = await pub.getByTestId('receipt').textContent();
    expect(receipt).toMatch(/^\d{4}-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await screenshot(pub, 'due-process-objection-receipt');
    phone.assertClean();

    const desk = await WatchedContext.open(browser, originOf(stack.apiUrl), {
      width: 1440,
      height: 900,
    });
    const page = await desk.newPage();
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(organiser.email);
    await page.getByLabel('密码').fill('Roadshow-Organiser-2026!');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/console');
    await page.goto(`/console/c/${competitionId}/objections`);
    const card = page.getByTestId(`objection-${receipt}`);
    await card.getByText('智能甲项目的核心专利系他人所有').waitFor();
    await card.getByRole('link', { name: '专利登记簿.pdf' }).waitFor();
    await card.getByRole('button', { name: '指派给我' }).click();
    await card.getByText('处理中').waitFor();
    await card.getByRole('button', { name: '作出结论' }).click();
    await card.getByLabel('处理措施').first().click();
    await page.getByTitle('取消该项目资格（递补）').click();
    await card
      .getByLabel('答复理由（将发送给异议人）')
      .fill('经核实，智能甲项目专利权属不实，取消其晋级资格。');
    await card.getByRole('button', { name: '作出结论' }).last().click();
    const dialog = page.getByRole('dialog', { name: '确认异议结论' });
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await card.getByText('成立', { exact: true }).waitFor();
    await screenshot(page, 'due-process-console-objection');
    desk.assertClean();
    await desk.close();

    // The next in the ranking (丙) accepts the offered place on its phone.
    const team = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const mine = await team.newPage();
    await mine.goto('/login');
    await mine.getByLabel('邮箱').fill(owner.丙.email);
    await mine.getByLabel('密码').fill('Roadshow-Applicant-2026!');
    await mine.getByRole('button', { name: '登录' }).click();
    await mine.getByText(/获得递补名额/).waitFor();
    await screenshot(mine, 'due-process-offer-phone');
    await mine.getByRole('button', { name: '接受递补' }).click();
    await mine.getByText('已接受递补').waitFor();
    team.assertClean();
    await team.close();
    const offers = (await stack.get(`/projects/${project.丙}/due-process`, owner.丙.token)).body
      .offers;
    expect(offers.map((o: { status: string }) => o.status)).toEqual(['ACCEPTED']);

    // The list is cached for 5 s (Cache-Control), then read again.
    await pub.waitForTimeout(5500);
    await pub.reload();
    const after = pub.getByRole('list', { name: /晋级名单公示/ });
    await after
      .getByRole('listitem')
      .filter({ hasText: '智能甲项目' })
      .getByText('取消资格')
      .waitFor();
    await after
      .getByRole('listitem')
      .filter({ hasText: '智能丙项目' })
      .getByText('递补晋级')
      .waitFor();
    await screenshot(pub, 'due-process-list-after-substitution');
    phone.assertClean();
    await phone.close();
    await stack.drained();
    expect(stack.smtp.to('lisi@e2e.test').map((m) => m.subject)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('异议回执'),
        expect.stringContaining('异议处理结果'),
      ]),
    );
  });
});
