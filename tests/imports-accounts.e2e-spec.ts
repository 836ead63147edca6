import { ADMIN, Stack, waitFor } from './support/stack';
import {
  createCompetition,
  createOrganiser,
  signUpApplicant,
  uniqueEmail,
} from './support/scenario';
import { upload } from './support/upload';

// What an import may do to accounts that exist already, possibly in another
// competition: it never tells the organiser whether an address has an
// account, never hands it another competition's pending invitation, and never
// attaches a project to an account that is not an applicant's own.
describe('imports and existing accounts', () => {
  const stack = new Stack();

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  const finished = (id: string, token: string) =>
    waitFor('the import to complete', async () => {
      const job = (await stack.get(`/imports/${id}`, token)).body;
      return job.status === 'COMPLETED' ? job : null;
    });
  const invitationTokens = (email: string) =>
    stack.smtp
      .to(email)
      .filter((m) => m.subject === '您受邀加入创新创业大赛平台')
      .map((m) => decodeURIComponent(/token=([^\s&]+)/.exec(m.text)![1]));
  const subjects = (email: string) => stack.smtp.to(email).map((m) => m.subject);

  it('answers the same for existing and new addresses, and gives no hold on another competition’s invitation', async () => {
    // Competition A invites judge X by import; X has not set a password yet.
    const organiserA = await createOrganiser(stack, '组委会 甲');
    const competitionA = await createCompetition(stack, organiserA);
    const x = uniqueEmail('judge.pending');
    const first = await upload(
      stack,
      `/competitions/${competitionA.id}/imports/judges`,
      'a.csv',
      `姓名,邮箱\r\n许评委,${x}\r\n`,
      organiserA.token,
    );
    await finished(first.body.id, organiserA.token);
    await stack.drained();
    const [linkOfA] = invitationTokens(x);
    expect(linkOfA).toBeDefined();

    // Competition B's organiser names X, an applicant, the admin and a new address.
    const organiserB = await createOrganiser(stack, '组委会 乙');
    const competitionB = await createCompetition(stack, organiserB);
    const applicant = await signUpApplicant(stack, '钱申请');
    const fresh = uniqueEmail('judge.new');
    const csv =
      '姓名,邮箱\r\n' +
      [
        ['许评委', x],
        ['钱申请', applicant.email],
        ['管理员', ADMIN.email],
        ['新评委', fresh],
      ]
        .map((r) => r.join(','))
        .join('\r\n');
    const route = `/competitions/${competitionB.id}/imports/judges`;
    const dry = await upload(stack, `${route}?dryRun=true`, 'b.csv', csv, organiserB.token);
    expect(dry.status).toBe(200);
    expect(dry.body.problems).toEqual([]);
    expect(dry.body.rows.map((r: { action: string; invites: boolean }) => r)).toEqual(
      [2, 3, 4, 5].map((row) => expect.objectContaining({ row, action: 'ADDED', invites: true })),
    );
    expect(dry.body.summary).toMatchObject({ created: 0, added: 4, invitations: 4 });

    const started = await upload(stack, route, 'b.csv', csv, organiserB.token);
    expect(started.status).toBe(202);
    const job = await finished(started.body.id, organiserB.token);
    expect(job).toMatchObject({ created: 0, added: 4, failed: 0, errors: [] });
    await stack.drained();

    // Existing accounts are told by mail, with no new link and no change of roles.
    expect(invitationTokens(x)).toEqual([linkOfA]);
    expect(subjects(x)).toContain(`您已列入评委名单：${'第四届中国江阴（高新区）创新创业大赛'}`);
    expect(subjects(applicant.email).some((s) => s?.startsWith('您已列入评委名单'))).toBe(true);
    expect(invitationTokens(fresh)).toHaveLength(1);
    const roles = await stack.sql<{ email: string; roles: string[] }>(
      `SELECT email, roles::text[] AS roles FROM users WHERE email = ANY($1) ORDER BY email`,
      [[applicant.email, ADMIN.email]],
    );
    expect(Object.fromEntries(roles.map((r) => [r.email, r.roles]))).toEqual({
      [applicant.email]: ['APPLICANT'],
      [ADMIN.email]: ['ADMIN'],
    });
    // The notice mail is not listed in B's notification log either (it would
    // tell B which addresses had accounts).
    const mails = await stack.get(
      `/notifications?competitionId=${competitionB.id}`,
      organiserB.token,
    );
    expect(mails.status).toBe(200);
    expect(JSON.stringify(mails.body)).not.toContain('ACCOUNT_NAMED');
    expect(JSON.stringify(mails.body)).not.toContain(x);

    // B puts X in a pool of its own and tries to send X's invitation again.
    const roster = (await stack.get(`/competitions/${competitionB.id}/judges`, organiserB.token))
      .body.items as { email: string; userId: string }[];
    const xId = roster.find((j) => j.email === x)!.userId;
    const round = await stack.post(
      `/heats/${competitionB.heatId}/rounds`,
      { name: '路演', kind: 'ROADSHOW', rubricId: competitionB.rubricId, method: 'MEAN' },
      organiserB.token,
    );
    expect(
      (await stack.post(`/rounds/${round.body.id}/judges`, { judgeIds: [xId] }, organiserB.token))
        .status,
    ).toBeLessThan(300);
    const resend = await stack.post(`/users/${xId}/invitation`, {}, organiserB.token);
    expect(resend.status).toBe(403);
    await stack.drained();
    expect(invitationTokens(x)).toEqual([linkOfA]);
    // A's link still works; A itself may still send it again.
    expect((await stack.post(`/users/${xId}/invitation`, {}, organiserA.token)).status).toBe(201);
  });

  it('attaches an imported project only to an applicant’s own account', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const applicant = await signUpApplicant(stack, '周申请');
    const judge = uniqueEmail('judge.only');
    expect(
      (
        await stack.post(
          '/users',
          { email: judge, name: '评委 郑', roles: ['JUDGE'], password: 'Roadshow-Judge-2026!' },
          organiser.token,
        )
      ).status,
    ).toBe(201);
    const fresh = uniqueEmail('contact.new');
    const header = '报名编号,项目名称,赛道,赛区,单位名称,联系人,联系邮箱\r\n';
    const line = (ref: string, title: string, contact: string) =>
      `${ref},${title},物联网,华南赛区,${title}有限公司,联系人,${contact}`;
    const csv =
      header +
      [
        line('X-1', '申请人的项目', applicant.email),
        line('X-2', '挂到管理员名下', ADMIN.email),
        line('X-3', '挂到评委名下', judge),
        line('X-4', '新联系人的项目', fresh),
      ].join('\r\n');
    const route = `/competitions/${competition.id}/imports/projects`;
    const dry = await upload(stack, `${route}?dryRun=true`, 'p.csv', csv, organiser.token);
    expect(dry.status).toBe(200);
    // The same answer whether or not a contact has an account.
    expect(
      dry.body.rows.map((r: { action: string; invites: boolean }) => [r.action, r.invites]),
    ).toEqual([
      ['CREATED', true],
      ['CREATED', true],
      ['CREATED', true],
      ['CREATED', true],
    ]);

    const started = await upload(stack, route, 'p.csv', csv, organiser.token);
    const job = await finished(started.body.id, organiser.token);
    expect(job).toMatchObject({ total: 4, created: 2, failed: 2 });
    expect(job.errors.map((e: { row: number }) => e.row)).toEqual([3, 4]);
    const owners = await stack.sql<{ title: string; email: string }>(
      `SELECT p.title, u.email FROM projects p JOIN users u ON u.id = p.owner_id
        WHERE p.competition_id = $1 ORDER BY p.import_ref`,
      [competition.id],
    );
    expect(owners.map((o) => [o.title, o.email])).toEqual([
      ['申请人的项目', applicant.email],
      ['新联系人的项目', fresh],
    ]);
    await stack.drained();
    expect(subjects(applicant.email)).toContain('项目已导入您的账号：申请人的项目');
    expect(invitationTokens(fresh)).toHaveLength(1);
    expect(stack.smtp.to(ADMIN.email).filter((m) => m.subject?.includes('项目'))).toEqual([]);
  });
});
