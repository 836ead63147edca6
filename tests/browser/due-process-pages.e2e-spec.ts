import type { Browser, Page } from 'playwright-core';
import { Stack } from '../support/stack';
import {
  Applicant,
  Organiser,
  createCompetition,
  createOrganiser,
  signUpApplicant,
} from '../support/scenario';
import { createJudges, judgeHeat, submittedProject } from '../support/decisions-scenario';
import { PHONE, WatchedContext, launchChromium, originOf, screenshot } from './support/browser';

// The team's due-process pages on a phone (a written withdrawal with its
// confirmation, an appeal inside its window and its decision, one refused
// after the window) and the organiser's due diligence and settings in the
// console (docs/due-process.md).
describe('browser: withdrawal, appeal and due diligence pages', () => {
  let stack: Stack;
  let browser: Browser;
  let organiser: Organiser;
  let competitionId: string;
  let heatId: string;
  const owner: Record<string, Applicant> = {};
  const project: Record<string, string> = {};

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    organiser = await createOrganiser(stack);
    const c = await createCompetition(stack, organiser);
    competitionId = c.id;
    heatId = c.heatId;
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
        heatId,
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
      heatId,
      c.rubricId,
      judges,
      new Map(Object.entries(marks).map(([n, v]) => [project[n], v])),
    );
    await stack.post(`/heats/${heatId}/advance`, { toHeatId: semi, count: 2 }, organiser.token);
    expect((await stack.post(`/heats/${heatId}/results/release`, {}, organiser.token)).status).toBe(
      200,
    );
    await stack.put(
      `/competitions/${competitionId}/due-process-settings`,
      {
        organiserContact: '大赛组委会办公室 0510-86000000',
        supervisorContact: '纪检监督电话 0510-86000001',
      },
      organiser.token,
    );
    expect((await stack.post(`/heats/${heatId}/publicity`, {}, organiser.token)).status).toBe(201);
    // 丁's result was released 49 hours ago: its 48-hour window has closed.
    await stack.sql(
      `UPDATE result_releases SET released_at = now() - interval '49 hours' WHERE project_id = $1`,
      [project.丁],
    );
    await stack.drained();
    browser = await launchChromium();
  }, 300000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function signIn(page: Page, email: string, password: string) {
    await page.goto('/login');
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  }

  const fitsPhone = async (page: Page) =>
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );

  it('a team gives up its place in writing on a phone; the place passes on', async () => {
    const phone = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const page = await phone.newPage();
    await signIn(page, owner.乙.email, 'Roadshow-Applicant-2026!');
    await page.waitForURL('**/applicant');
    await page.goto(`/applicant/projects/${project.乙}`);
    const heat = page.getByTestId(`due-process-${heatId}`);
    await heat.getByText('公示中：晋级').waitFor();
    await heat.getByText(/申诉截止时间：\d{4}-\d\d-\d\d \d\d:\d\d \(Asia\/Shanghai\)/).waitFor();
    await heat.getByRole('button', { name: '书面弃赛' }).click();
    await heat
      .getByLabel('弃赛承诺书（请写明弃赛原因）')
      .fill('因核心成员出国深造，本团队自愿放弃半决赛晋级资格，特此承诺。');
    await fitsPhone(page);
    await heat.getByRole('button', { name: '提交弃赛' }).click();
    const dialog = page.getByRole('dialog', { name: '确认放弃晋级名额？' });
    await dialog.getByText(/名额按本阶段规则递补给排名下一位的项目/).waitFor();
    await screenshot(page, 'due-process-withdraw-confirm-phone');
    await dialog.getByRole('button', { name: '确认弃赛' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await heat.getByText(/^已书面弃赛 · /).waitFor();
    await heat.getByText('已弃赛', { exact: true }).waitFor();
    await page.getByText('已撤回', { exact: true }).waitFor();
    expect(await heat.getByRole('button', { name: '书面弃赛' }).count()).toBe(0);
    await heat.getByText('已书面弃赛，不再受理申诉。').waitFor();
    await fitsPhone(page);
    await screenshot(page, 'due-process-withdrawn-phone');
    phone.assertClean();
    await phone.close();

    const p = (await stack.get(`/projects/${project.乙}`, owner.乙.token)).body;
    expect(p.status).toBe('WITHDRAWN');
    const offers = (await stack.get(`/projects/${project.丙}/due-process`, owner.丙.token)).body
      .offers;
    expect(offers.map((o: { status: string }) => o.status)).toEqual(['OFFERED']);
  });

  it('a team appeals inside its window and reads the decision; one after the window is refused', async () => {
    const phone = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const page = await phone.newPage();
    await signIn(page, owner.丙.email, 'Roadshow-Applicant-2026!');
    await page.waitForURL('**/applicant');
    await page.goto(`/applicant/projects/${project.丙}`);
    const heat = page.getByTestId(`due-process-${heatId}`);
    await heat.getByText(/申诉截止时间：.*\(Asia\/Shanghai\)/).waitFor();
    // The place offered after 乙's withdrawal shows above.
    await page.getByText(/获得递补名额/).waitFor();
    await heat.getByLabel('重评（由其他专家重新评审）').check();
    await heat.getByLabel('申诉理由').fill('评委1对商业模式的评分与评分细则不符，申请重新评审。');
    await fitsPhone(page);
    await heat.getByRole('button', { name: '提交申诉' }).click();
    const appeal = page.getByTestId(`appeal-${heatId}`);
    await appeal.getByText('待处理').waitFor();
    await appeal.getByText('重评（由其他专家重新评审）').waitFor();

    const appeals = (await stack.get(`/competitions/${competitionId}/appeals`, organiser.token))
      .body.items;
    const decided = await stack.post(
      `/appeals/${appeals[0].id}/decide`,
      { outcome: 'DISMISSED', reasons: '经复核，评分符合评分细则，维持原结果。' },
      organiser.token,
    );
    expect(decided.status).toBe(200);
    await page.reload();
    await appeal.getByText('申诉不成立').waitFor();
    await appeal.getByText('经复核，评分符合评分细则，维持原结果。').waitFor();
    await fitsPhone(page);
    await screenshot(page, 'due-process-appeal-decided-phone');
    phone.assertClean();
    await phone.close();

    const late = await WatchedContext.open(browser, originOf(stack.apiUrl), PHONE, {
      isMobile: true,
    });
    const lp = await late.newPage();
    await signIn(lp, owner.丁.email, 'Roadshow-Applicant-2026!');
    await lp.waitForURL('**/applicant');
    await lp.goto(`/applicant/projects/${project.丁}`);
    const lh = lp.getByTestId(`due-process-${heatId}`);
    await lh.getByText(/申诉期已于 .* 截止/).waitFor();
    await lh.getByLabel('申诉理由').fill('分数汇总有误。');
    await lh.getByRole('button', { name: '提交申诉' }).click();
    const refusal = lh.getByRole('alert').getByText(/的申诉期（结果发布后 48 小时）已于 .* 截止/);
    await refusal.waitFor();
    // Both name the same closing time, in the competition's zone.
    const shown = /申诉期已于 (\d{4})-(\d\d)-(\d\d) (\d\d:\d\d)/.exec(
      (await lh
        .getByText(/申诉期已于 .* 截止/)
        .first()
        .textContent()) ?? '',
    )!;
    expect(await refusal.textContent()).toContain(
      `${shown[1]}/${shown[2]}/${shown[3]} ${shown[4]}`,
    );
    await fitsPhone(lp);
    await screenshot(lp, 'due-process-appeal-closed-phone');
    late.assertClean([/appeals/, /409/]);
    await late.close();
  });

  it('the organiser runs due diligence in the console: a fail withdraws the project; the settings save', async () => {
    const desk = await WatchedContext.open(browser, originOf(stack.apiUrl), {
      width: 1440,
      height: 900,
    });
    const page = await desk.newPage();
    await signIn(page, organiser.email, 'Roadshow-Organiser-2026!');
    await page.waitForURL('**/console');
    await page.goto(`/console/c/${competitionId}/objections`);
    await page.getByRole('menuitem', { name: '尽职调查' }).click();
    await page.waitForURL('**/diligence');
    await page.getByText('营业执照').first().waitFor();
    await page.getByRole('combobox', { name: '项目', exact: true }).click();
    await page.getByTitle(/智能甲项目/).click();
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: '负责人' }).click();
    await page.getByTitle(/组委会 王磊/).click();
    await page.getByRole('button', { name: /^指\s*派$/ }).click();
    const card = page.getByTestId(`diligence-${project.甲}`);
    await card.getByText('进行中').waitFor();
    await card.getByRole('checkbox', { name: '营业执照' }).check();
    await card.getByLabel('与报名信息一致 说明').fill('注册资本与报名信息不符');
    await card.getByLabel('未通过（取消晋级，递补）').check();
    await card.getByLabel('核查意见').fill('营业执照注册资本与报名信息不一致，取消晋级资格。');
    await screenshot(page, 'due-process-console-diligence-pending');
    await card.getByRole('button', { name: '提交结论' }).click();
    const dialog = page.getByRole('dialog', { name: '确认尽职调查结论' });
    await dialog.getByText(/名额按本阶段规则递补/).waitFor();
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await card.getByText('未通过', { exact: true }).waitFor();
    await card.getByText('营业执照注册资本与报名信息不一致，取消晋级资格。').waitFor();
    await screenshot(page, 'due-process-console-diligence');
    const line = (await stack.get(`/heats/${heatId}/publicity`, organiser.token)).body.lines.find(
      (l: { projectId: string }) => l.projectId === project.甲,
    );
    expect(line.standing).toBe('FAILED_DILIGENCE');

    await page.getByRole('menuitem', { name: '程序设置' }).click();
    await page.waitForURL('**/due-settings');
    await page.getByLabel('监督电话（纪检监督部门）').waitFor();
    expect(await page.getByLabel('监督电话（纪检监督部门）').inputValue()).toBe(
      '纪检监督电话 0510-86000001',
    );
    await page.getByLabel('申诉期（结果发布后，小时）').fill('72');
    await page.getByLabel('名额空缺，不递补').check();
    await page.getByRole('button', { name: /^保\s*存$/ }).click();
    await page.getByText('已保存').waitFor();
    await screenshot(page, 'due-process-console-settings');
    desk.assertClean();
    await desk.close();
    const settings = (
      await stack.get(`/competitions/${competitionId}/due-process-settings`, organiser.token)
    ).body;
    expect(settings).toMatchObject({ appealWindowHours: 72, vacancyRule: 'LEAVE_EMPTY' });
  });
});
