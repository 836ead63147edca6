import type { Browser } from 'playwright-core';
import { createCompetition, createOrganiser, uniqueEmail } from '../support/scenario';
import { ADMIN, Stack } from '../support/stack';
import { WatchedContext, launchChromium, originOf, PHONE, screenshot } from './support/browser';

const DESKTOP = { width: 1280, height: 900 };

describe('web client: served at / with the API at /api/v1, accounts', () => {
  let stack: Stack;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    stack = new Stack();
    await stack.start();
    origin = originOf(stack.apiUrl);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('serves the client at /, client routes by fallback, and keeps unknown API paths JSON 404s', async () => {
    const root = await fetch(`${origin}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toMatch(/text\/html/);
    const html = await root.text();
    expect(html).toContain('<div id="root">');

    const deep = await fetch(`${origin}/screen/rounds/${crypto.randomUUID()}?ticket=x`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toBe(html);

    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const js = await fetch(`${origin}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');

    const missingAsset = await fetch(`${origin}/assets/nope.js`);
    expect(missingAsset.status).toBe(404);
    const unknownApi = await fetch(`${origin}/api/v1/no-such-route`);
    expect(unknownApi.status).toBe(404);
    expect(await unknownApi.json()).toMatchObject({ statusCode: 404 });
    expect((await fetch(`${origin}/api/v1/health`)).status).toBe(200);
  });

  it('logs an organiser in from the login page, in Chinese, then in English by the switch', async () => {
    const ctx = await WatchedContext.open(browser, origin, PHONE, { isMobile: true });
    const page = await ctx.newPage();
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: '登录' }).waitFor();
    await screenshot(page, 'login-zh');
    await page.getByLabel('邮箱').fill(ADMIN.email);
    await page.getByLabel('密码').fill('wrong-password-123');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('邮箱或密码不正确');

    await page.getByLabel('密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/console');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Organiser console' }).waitFor();
    // The session is an HttpOnly cookie no script on the page can read.
    const session = (await ctx.context.cookies()).find((c) => c.name === 'rs_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1' });
    const visible = await page.evaluate<{ cookies: string; stored: string }>(
      '({ cookies: document.cookie, stored: Object.values({ ...localStorage }).join(" ") })',
    );
    expect(visible.cookies).not.toContain('rs_session');
    expect(visible.stored).not.toContain(session!.value);
    await page.reload();
    await page.getByRole('heading', { name: 'Organiser console' }).waitFor();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect((await ctx.context.cookies()).some((c) => c.name === 'rs_session')).toBe(false);
    ctx.assertClean([/401/]);
    await ctx.close();
  });

  it('lets an applicant sign up, register a project as a draft, edit it and submit it before the deadline', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const ctx = await WatchedContext.open(browser, origin, DESKTOP);
    const page = await ctx.newPage();
    const email = uniqueEmail('web-applicant');
    await page.goto('/signup');
    await page.getByLabel('姓名').fill('王芳');
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('新密码').fill('Roadshow-Apply-2026!');
    await page.getByRole('button', { name: '注册' }).click();
    await page.waitForURL('**/applicant');
    await page.getByText('报名截止：').waitFor();
    expect(await page.getByText('报名截止：').textContent()).toContain('(Asia/Shanghai)');
    await screenshot(page, 'applicant-home');
    await page.getByRole('button', { name: '报名参赛' }).click();
    await page.waitForURL('**/new');

    await page.getByLabel('项目名称').fill('智能康复外骨骼');
    await page.getByLabel('项目简介').fill('面向中风患者的下肢康复外骨骼机器人与云端康复平台。');
    const choose = async (label: string, option: string) => {
      await page.getByLabel(label).click();
      await page.locator(`.ant-select-item-option[title="${option}"]`).click();
    };
    await choose('赛道', '生命健康');
    await choose('赛区', '华南赛区（深圳）');
    await choose('融资阶段', '天使轮');
    await page.getByLabel('单位名称').fill('深圳康复机器人有限公司');
    await page.getByLabel('所在城市').fill('深圳');
    await page.getByLabel('成员 1 姓名').fill('王芳');
    await page.getByLabel('成员 1 职务').fill('CEO');
    await page.getByLabel('成员 1 邮箱').fill('wang.fang@example.cn');
    await page.getByRole('button', { name: '添加成员' }).click();
    await page.getByLabel('成员 2 姓名').fill('赵磊');
    await page.getByLabel('成员 2 职务').fill('CTO');
    await page.getByRole('checkbox', { name: '留学归国人员' }).nth(1).check();
    await page.getByLabel('路演材料链接').fill('https://example.cn/deck.pdf');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(/\/applicant\/projects\//);
    await page.getByText('草稿已保存').waitFor();

    await page.reload();
    await page.getByLabel('项目名称').waitFor();
    expect(await page.getByLabel('成员 2 姓名').inputValue()).toBe('赵磊');
    await page.getByLabel('项目名称').fill('智能康复外骨骼机器人');
    await screenshot(page, 'applicant-form');
    await page.getByRole('button', { name: '提交报名' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '提交报名' }).click();
    await page.getByText('报名已提交').waitFor();

    const token = await stack.login(email, 'Roadshow-Apply-2026!');
    const mine = (await stack.get('/me/projects', token)).body.items;
    expect(mine).toEqual([
      expect.objectContaining({
        title: '智能康复外骨骼机器人',
        status: 'SUBMITTED',
        competitionId: competition.id,
        trackCode: 'LIFE_HEALTH',
        fundingStage: 'ANGEL',
        pitchDeckUrl: 'https://example.cn/deck.pdf',
        organisation: expect.objectContaining({ name: '深圳康复机器人有限公司', city: '深圳' }),
        team: [
          expect.objectContaining({ name: '王芳', role: 'CEO', email: 'wang.fang@example.cn' }),
          expect.objectContaining({ name: '赵磊', role: 'CTO', overseasReturnee: true }),
        ],
      }),
    ]);
    await page.getByRole('link', { name: '我的项目' }).click();
    await page.getByText('等待组委会资格审查').waitFor();
    await screenshot(page, 'applicant-projects');
    ctx.assertClean();
    await ctx.close();
  });

  it('lets an invited judge follow the link in the mail, set a password and log in', async () => {
    const organiser = await createOrganiser(stack);
    const email = uniqueEmail('invited-judge');
    const invited = await stack.post(
      '/users',
      { email, name: '受邀评委', roles: ['JUDGE'], affiliation: '江阴高新区科技局' },
      organiser.token,
    );
    expect(invited.status).toBe(201);
    await stack.drained();
    const mail = stack.smtp.mails.find((m) => m.to.includes(email));
    const link = /(https?:\/\/\S+\/set-password\?token=\S+)/.exec(mail!.text)![1];
    expect(new URL(link).origin).toBe(origin);

    const ctx = await WatchedContext.open(browser, origin, PHONE, { isMobile: true });
    const page = await ctx.newPage();
    await page.goto(link);
    await page.locator('#set-password_password').fill('Roadshow-Invite-2026!');
    await page.locator('#set-password_confirm').fill('Roadshow-Invite-2026!');
    await screenshot(page, 'set-password');
    await page.getByRole('button', { name: '保存密码' }).click();
    await page.getByText('密码已设置').waitFor();
    await page.getByRole('link', { name: '登录' }).click();
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill('Roadshow-Invite-2026!');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/judge');
    await page.getByText('暂无分配给您的评审轮次。').waitFor();

    // Forgotten password: the page never says whether the address exists.
    await page.getByRole('button', { name: '退出' }).click();
    await page.getByRole('link', { name: '忘记密码' }).click();
    await page.getByLabel('邮箱').fill(email);
    await page.getByRole('button', { name: '发送邮件' }).click();
    await page.getByText('如果该邮箱已注册').waitFor();
    ctx.assertClean();
    await ctx.close();
  });
});
