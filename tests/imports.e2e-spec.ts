import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { Stack, waitFor } from './support/stack';
import {
  createCompetition,
  createOrganiser,
  signUpApplicant,
  uniqueEmail,
} from './support/scenario';
import { upload } from './support/upload';

// Spreadsheets in: judges and projects from .xlsx/.csv with Chinese or English
// headers; a dry run that changes nothing; an import whose re-run changes nothing.
describe('spreadsheet imports', () => {
  const stack = new Stack();

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  async function xlsx(rows: (string | number | null)[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('评委名单');
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  const finished = (id: string, token: string) =>
    waitFor('the import to complete', async () => {
      const job = (await stack.get(`/imports/${id}`, token)).body;
      return job.status === 'COMPLETED' ? job : null;
    });

  const invitations = (email: string) =>
    stack.smtp.to(email).filter((m) => m.subject === '您受邀加入创新创业大赛平台');

  it('dry-runs, imports and re-imports a judge list; only new judges are invited, once', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const existingJudge = uniqueEmail('judge.existing');
    expect(
      (
        await stack.post(
          '/users',
          {
            email: existingJudge,
            name: '赵敏',
            roles: ['JUDGE'],
            password: 'Roadshow-Judge-2026!',
          },
          organiser.token,
        )
      ).status,
    ).toBe(201);
    const applicant = await signUpApplicant(stack, '钱多多');
    const [wang, li] = [uniqueEmail('wang.fang'), uniqueEmail('li.qiang')];
    const route = `/competitions/${competition.id}/imports/judges`;

    // A sheet with mistakes: every one is reported by row and column.
    const faulty = await xlsx([
      ['序号', '姓名', '邮箱', '工作单位', '手机号码'],
      [1, '王芳', wang.toUpperCase(), '清华大学深圳国际研究生院', 13800138000],
      [2, '', 'not-an-email', '复旦大学', 'call me'],
      [3, '王芳二', wang, null, null],
      [4, '钱多多', applicant.email, null, null],
    ]);
    const dry = await upload(
      stack,
      `${route}?dryRun=true`,
      '评委名单.xlsx',
      faulty,
      organiser.token,
    );
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      dryRun: true,
      kind: 'JUDGES',
      format: 'XLSX',
      total: 4,
      // An address with an account elsewhere (the applicant's) reads like a new one.
      summary: { created: 0, added: 2, invalid: 2, invitations: 2 },
      ignoredColumns: [{ column: 'A', header: '序号' }],
    });
    const where = (p: { row: number; column: string; field: string }) =>
      `${p.row}${p.column}:${p.field}`;
    expect(dry.body.problems.map(where)).toEqual(['3B:name', '3C:email', '3E:phone', '4C:email']);
    expect(dry.body.problems[1].messageZh).toBe('邮箱「not-an-email」不是有效的邮箱地址');
    expect(dry.body.problems[3].message).toContain('repeats row 2');
    expect(dry.body.rows.map((r: { action: string }) => r.action)).toEqual([
      'ADDED',
      'INVALID',
      'INVALID',
      'ADDED',
    ]);

    // The import refuses a file with problems, and changes nothing either way.
    const refused = await upload(stack, route, '评委名单.xlsx', faulty, organiser.token);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'IMPORT_HAS_PROBLEMS', params: { problems: 4 } });
    expect(refused.body.details).toHaveLength(4);
    expect(refused.body.details[0]).toMatchObject({
      field: 'row 3, column B: name',
      code: 'IMPORT_ROW_PROBLEM',
      params: { row: 3, column: 'B', messageZh: expect.any(String) },
    });
    await stack.drained();
    expect(await stack.sql(`SELECT 1 FROM users WHERE email = $1`, [wang])).toHaveLength(0);
    expect(
      (await stack.get(`/competitions/${competition.id}/judges`, organiser.token)).body,
    ).toEqual({
      items: [],
    });
    expect(
      await stack.sql(`SELECT 1 FROM import_jobs WHERE competition_id = $1`, [competition.id]),
    ).toHaveLength(0);
    expect(invitations(wang)).toHaveLength(0);

    const clean = await xlsx([
      ['姓名', '邮箱', '单位', '电话'],
      ['王芳', wang, '清华大学深圳国际研究生院', 13800138000],
      ['李强', `  ${li} `, '深圳市创新投资集团', '+86 755 8888 1234'],
      ['赵敏', existingJudge, '中山大学', null],
    ]);
    const started = await upload(stack, route, '评委名单.xlsx', clean, organiser.token);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ kind: 'JUDGES', total: 3 });
    const job = await finished(started.body.id, organiser.token);
    expect(job).toMatchObject({
      processed: 3,
      total: 3,
      // New accounts or not, each judge is added to the list.
      created: 0,
      added: 3,
      unchanged: 0,
      failed: 0,
      errors: [],
    });
    const roster = (await stack.get(`/competitions/${competition.id}/judges`, organiser.token)).body
      .items;
    expect(
      roster
        .map((j: { name: string; email: string; affiliation: string; phone: string }) => [
          j.name,
          j.email,
          j.affiliation,
          j.phone,
        ])
        .sort((a: string[], b: string[]) => a[1].localeCompare(b[1])),
    ).toEqual([
      ['赵敏', existingJudge, '中山大学', null],
      ['李强', li, '深圳市创新投资集团', '+86 755 8888 1234'],
      ['王芳', wang, '清华大学深圳国际研究生院', '13800138000'],
    ]);
    await stack.drained();
    expect(invitations(wang)).toHaveLength(1);
    expect(invitations(li)).toHaveLength(1);
    expect(invitations(existingJudge)).toHaveLength(0);
    expect(stack.smtp.to(existingJudge).map((m) => m.subject)).toContain(
      '您已列入评委名单：第四届中国江阴（高新区）创新创业大赛',
    );
    const [account] = await stack.sql(`SELECT roles, affiliation FROM users WHERE email = $1`, [
      li,
    ]);
    expect(account).toMatchObject({ affiliation: '深圳市创新投资集团' });

    // The same file again: the dry run and the import both change nothing.
    const again = await upload(
      stack,
      `${route}?dryRun=true`,
      '评委名单.xlsx',
      clean,
      organiser.token,
    );
    expect(again.body.summary).toEqual({
      created: 0,
      added: 0,
      updated: 0,
      unchanged: 3,
      invalid: 0,
      invitations: 0,
    });
    const rerun = await upload(stack, route, '评委名单.xlsx', clean, organiser.token);
    expect(await finished(rerun.body.id, organiser.token)).toMatchObject({
      processed: 3,
      created: 0,
      added: 0,
      updated: 0,
      unchanged: 3,
    });
    await stack.drained();
    expect(invitations(wang)).toHaveLength(1);
    expect(invitations(li)).toHaveLength(1);
    expect(
      (
        await stack.sql(`SELECT count(*)::int AS n FROM users WHERE email = ANY($1)`, [[wang, li]])
      )[0].n,
    ).toBe(2);
    const list = (await stack.get(`/competitions/${competition.id}/imports`, organiser.token)).body
      .items;
    expect(list.map((j: { status: string }) => j.status)).toEqual(['COMPLETED', 'COMPLETED']);
    const audit = (await stack.get(`/competitions/${competition.id}/audit`, organiser.token)).body
      .items as { action: string }[];
    expect(audit.filter((a) => a.action === 'import.judges')).toHaveLength(2);
  });

  it('reads a GBK CSV as Excel in China saves it, and English headers', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const route = `/competitions/${competition.id}/imports/judges`;
    const [a, b] = [uniqueEmail('gbk.a'), uniqueEmail('en.b')];
    const gbk = iconv.encode(
      `姓名,邮箱,单位,电话\r\n孙悦,${a},"江阴高新区管委会, 科技局",0510-86861234\r\n`,
      'gbk',
    );
    const dry = await upload(stack, `${route}?dryRun=true`, 'judges.csv', gbk, organiser.token);
    expect(dry.body).toMatchObject({ format: 'CSV', encoding: 'GB18030', problems: [] });
    const job = await upload(stack, route, 'judges.csv', gbk, organiser.token);
    expect((await finished(job.body.id, organiser.token)).added).toBe(1);

    const english = `\ufeffFull Name,E-mail Address,Affiliation,Mobile\nAnna Weber,${b},TU München,+49 89 1234567\n`;
    const en = await upload(stack, route, 'judges-en.csv', english, organiser.token);
    expect(en.status).toBe(202);
    expect((await finished(en.body.id, organiser.token)).added).toBe(1);
    const roster = (await stack.get(`/competitions/${competition.id}/judges`, organiser.token)).body
      .items;
    expect(roster).toMatchObject([
      { name: '孙悦', email: a, affiliation: '江阴高新区管委会, 科技局', phone: '0510-86861234' },
      { name: 'Anna Weber', email: b, affiliation: 'TU München', phone: '+49 89 1234567' },
    ]);
  });

  it('imports a heat’s project list from another portal, idempotently by its reference', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const route = `/competitions/${competition.id}/imports/projects`;
    const [contact1, contact2] = [uniqueEmail('contact.one'), uniqueEmail('contact.two')];
    const csv =
      '\ufeff报名编号,项目名称,赛道,赛区,单位名称,所在城市,成立时间,联系人,联系邮箱,联系电话,团队成员,融资阶段\r\n' +
      `GD-001,柔性电子皮肤传感器,物联网,华南赛区,深圳智感科技有限公司,深圳,2023/6/1,李娜,${contact1},13900001111,"李娜、陈刚",天使轮\r\n` +
      `GD-002,工业大数据平台,BIG_DATA,华南赛区,深圳数联科技有限公司,深圳,2022年3月,李娜,${contact1},,,\r\n` +
      `GD-003,医学影像AI,人工智能,华南赛区,广州影智医疗科技有限公司,广州,,周杰,${contact2},,,\r\n` +
      `GD-004,量子通信,航天,火星赛区,某公司,,2099-01-01,,bad-email,,,\r\n`;
    const dry = await upload(
      stack,
      `${route}?dryRun=true`,
      '华南赛区报名表.csv',
      csv,
      organiser.token,
    );
    expect(dry.status).toBe(200);
    expect(dry.body.summary).toMatchObject({ created: 3, invalid: 1, invitations: 2 });
    expect(
      dry.body.problems.map(
        (p: { row: number; column: string; field: string }) => `${p.row}${p.column}:${p.field}`,
      ),
    ).toEqual(['5H:contactName', '5I:contactEmail', '5C:track', '5D:heat', '5G:foundedAt']);
    expect(
      (await stack.get(`/competitions/${competition.id}/projects`, organiser.token)).body.total,
    ).toBe(0);

    expect((await upload(stack, route, 'list.csv', csv, organiser.token)).status).toBe(422);
    const started = await upload(
      stack,
      `${route}?skipInvalidRows=true`,
      'list.csv',
      csv,
      organiser.token,
    );
    expect(started.status).toBe(202);
    const job = await finished(started.body.id, organiser.token);
    expect(job).toMatchObject({ total: 4, processed: 4, created: 3, skipped: 1, failed: 0 });
    expect(job.errors.map((e: { row: number }) => e.row)).toEqual([5, 5, 5, 5, 5]);

    const projects = (
      await stack.get(`/competitions/${competition.id}/projects?pageSize=50`, organiser.token)
    ).body.items as {
      title: string;
      status: string;
      trackCode: string;
      heatId: string;
      organisation: unknown;
      team: unknown;
      fundingStage: string | null;
    }[];
    expect(projects).toHaveLength(3);
    const sensor = projects.find((p) => p.title === '柔性电子皮肤传感器')!;
    expect(sensor).toMatchObject({
      status: 'SUBMITTED',
      trackCode: 'IOT',
      heatId: competition.heatId,
      organisation: { name: '深圳智感科技有限公司', city: '深圳', foundedAt: '2023-06-01' },
      team: [
        { name: '李娜', role: '联系人', email: contact1, phone: '13900001111' },
        { name: '陈刚', role: '成员' },
      ],
      fundingStage: '天使轮',
    });
    await stack.drained();
    // One account and one invitation per contact, however many projects they list.
    expect(invitations(contact1)).toHaveLength(1);
    expect(invitations(contact2)).toHaveLength(1);

    const rerun = await upload(
      stack,
      `${route}?skipInvalidRows=true`,
      'list.csv',
      csv,
      organiser.token,
    );
    expect(await finished(rerun.body.id, organiser.token)).toMatchObject({
      created: 0,
      unchanged: 3,
      skipped: 1,
    });
    await stack.drained();
    expect(invitations(contact1)).toHaveLength(1);
    expect(
      (await stack.get(`/competitions/${competition.id}/projects`, organiser.token)).body.total,
    ).toBe(3);
  });

  it('keeps the unit’s province (所在省份) of an imported project, for the expert draw', async () => {
    const organiser = await createOrganiser(stack);
    const competition = await createCompetition(stack, organiser);
    const route = `/competitions/${competition.id}/imports/projects`;
    const contact = uniqueEmail('contact.province');
    const csv =
      '\ufeff报名编号,项目名称,赛道,赛区,单位名称,所在城市,所在省份,联系人,联系邮箱\r\n' +
      `GX-001,边缘计算网关,物联网,华南赛区,南宁边云科技有限公司,南宁,广西壮族自治区,韦华,${contact}\r\n` +
      `GX-002,智慧糖业平台,物联网,华南赛区,柳州糖联科技有限公司,柳州,,韦华,${contact}\r\n`;
    const dry = await upload(stack, `${route}?dryRun=true`, 'list.csv', csv, organiser.token);
    expect(dry.status).toBe(200);
    expect(dry.body.columns.find((c: { header: string }) => c.header === '所在省份')).toMatchObject(
      { column: 'G', field: 'province' },
    );
    const started = await upload(stack, route, 'list.csv', csv, organiser.token);
    expect(started.status).toBe(202);
    expect(await finished(started.body.id, organiser.token)).toMatchObject({ created: 2 });
    const projects = (
      await stack.get(`/competitions/${competition.id}/projects?pageSize=50`, organiser.token)
    ).body.items as { title: string; organisation: Record<string, unknown> }[];
    expect(projects.find((p) => p.title === '边缘计算网关')!.organisation).toEqual({
      name: '南宁边云科技有限公司',
      city: '南宁',
      province: '广西壮族自治区',
    });
    expect(projects.find((p) => p.title === '智慧糖业平台')!.organisation).toEqual({
      name: '柳州糖联科技有限公司',
      city: '柳州',
    });
  });

  it('answers 4xx naming the problem, and only to the competition’s organisers', async () => {
    const organiser = await createOrganiser(stack);
    const other = await createOrganiser(stack, '另一位组委会');
    const competition = await createCompetition(stack, organiser);
    const route = `/competitions/${competition.id}/imports/judges`;
    const csv = `姓名,邮箱\r\n王芳,${uniqueEmail('w')}\r\n`;
    const notMultipart = await stack.post(route, { file: 'x' }, organiser.token);
    expect(notMultipart.status).toBe(400);
    expect(notMultipart.body.code).toBe('UPLOAD_NOT_MULTIPART');
    expect(notMultipart.body.details[0].field).toBe('file');
    const noHeaders = await upload(
      stack,
      `${route}?dryRun=true`,
      'x.csv',
      'foo,bar\r\n1,2\r\n',
      organiser.token,
    );
    expect(noHeaders.status).toBe(200);
    expect(noHeaders.body.problems.map((p: { field: string }) => p.field)).toEqual([
      'name',
      'email',
    ]);
    const noColumns = await upload(stack, route, 'x.csv', 'foo,bar\r\n1,2\r\n', organiser.token);
    expect({ status: noColumns.status, code: noColumns.body.code }).toEqual({
      status: 422,
      code: 'IMPORT_HAS_PROBLEMS',
    });
    const empty = await upload(stack, route, 'empty.csv', '', organiser.token);
    expect({ status: empty.status, code: empty.body.code }).toEqual({
      status: 422,
      code: 'IMPORT_FILE_EMPTY',
    });
    const headerOnly = await upload(stack, route, 'x.csv', '姓名,邮箱\r\n', organiser.token);
    expect({ status: headerOnly.status, code: headerOnly.body.code }).toEqual({
      status: 422,
      code: 'IMPORT_NO_ROWS',
    });
    expect(
      (await upload(stack, `${route}?dryRun=maybe`, 'x.csv', csv, organiser.token)).status,
    ).toBe(400);
    expect((await upload(stack, route, 'x.csv', csv, other.token)).status).toBe(404);
    const applicant = await signUpApplicant(stack);
    expect((await upload(stack, route, 'x.csv', csv, applicant.token)).status).toBe(403);
    const job = await upload(stack, route, 'x.csv', csv, organiser.token);
    expect((await stack.get(`/imports/${job.body.id}`, other.token)).status).toBe(404);
    expect((await stack.get(`/imports/${job.body.id}`, organiser.token)).status).toBe(200);
    const projects = `/competitions/${competition.id}/imports/projects?heatId=${competition.id}`;
    const wrongHeat = await upload(stack, projects, 'p.csv', csv, organiser.token);
    expect(wrongHeat.status).toBe(422);
    expect(wrongHeat.body.code).toBe('IMPORT_HEAT_NOT_ENTRY');
    expect(wrongHeat.body.details[0].field).toBe('heatId');
  });
});
