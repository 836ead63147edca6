import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { Stack, waitFor } from './support/stack';
import { eligibleHeat } from './support/judging-scenario';
import { createOrganiser, registerProject, signUpApplicant } from './support/scenario';
import { download } from './support/upload';

// Beijing wall clock computed independently of the product's formatter.
const beijing = (d: Date) =>
  new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

async function readXlsx(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

const rowValues = (ws: ExcelJS.Worksheet, n: number) =>
  (ws.getRow(n).values as ExcelJS.CellValue[]).slice(1);

// Spreadsheets out, read back cell by cell: the registration list and the
// per-judge score sheets, Chinese by default, English on request, times in
// the competition's zone, numbers as numbers.
describe('spreadsheet exports', () => {
  const stack = new Stack();
  let heat: Awaited<ReturnType<typeof eligibleHeat>>;
  let roundId: string;
  let draftProjectId: string;

  beforeAll(async () => {
    await stack.start();
    heat = await eligibleHeat(stack, 3, 2, false);
    const { organiser, competition, judges } = heat;
    const applicant = await signUpApplicant(stack, '周杰');
    draftProjectId = (
      await registerProject(
        stack,
        applicant,
        competition.heatId,
        competition.id,
        '草稿项目',
        '草稿科技有限公司',
      )
    ).id;
    const round = await stack.post(
      `/heats/${competition.heatId}/rounds`,
      { name: '路演评审', kind: 'ROADSHOW', rubricId: competition.rubricId, method: 'MEAN' },
      organiser.token,
    );
    roundId = round.body.id;
    await stack.post(
      `/rounds/${roundId}/judges`,
      { judgeIds: judges.map((j) => j.id) },
      organiser.token,
    );
    expect(
      (await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: 2 }, organiser.token))
        .status,
    ).toBe(200);
    expect((await stack.post(`/rounds/${roundId}/open`, {}, organiser.token)).status).toBe(200);
    const scores = [
      { TECH: 85, BUSINESS: 80, MARKET: 78, TEAM: 84 },
      { TECH: 70.5, BUSINESS: 66, MARKET: 90, TEAM: 71 },
      { TECH: 60, BUSINESS: 61, MARKET: 62, TEAM: 63 },
    ];
    const titles = ['项目00', '项目01', '项目02'];
    for (let i = 0; i < 3; i++) {
      const res = await stack.put(
        `/rounds/${roundId}/projects/${heat.projectIds[i]}/score`,
        { scores: scores[i], comment: `${titles[i]}：技术扎实`, submit: true },
        judges[0].token,
      );
      expect(res.status).toBe(200);
    }
    // Judge 1 leaves a draft on project 0 and nothing on the others.
    expect(
      (
        await stack.put(
          `/rounds/${roundId}/projects/${heat.projectIds[0]}/score`,
          { scores: { TECH: 50, BUSINESS: 50, MARKET: 50, TEAM: 50 } },
          judges[1].token,
        )
      ).status,
    ).toBe(200);
  });
  afterAll(() => stack.stop());

  it('writes one printable score sheet per judge, with every criterion, total, comment and time', async () => {
    const file = await download(
      stack,
      `/rounds/${roundId}/score-sheets.xlsx`,
      heat.organiser.token,
    );
    expect(file.status).toBe(200);
    expect(file.contentType).toContain('spreadsheetml');
    expect(file.disposition).toContain("filename*=UTF-8''");
    const wb = await readXlsx(file.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['评委0', '评委1']);
    const submitted = await stack.sql<{ project_id: string; submitted_at: Date }>(
      `SELECT project_id, submitted_at FROM scores WHERE round_id = $1 AND status = 'SUBMITTED'`,
      [roundId],
    );
    const at = (projectId: string) =>
      beijing(submitted.find((s) => s.project_id === projectId)!.submitted_at);

    const first = wb.worksheets[0];
    expect(first.getCell('A1').value).toBe(
      '第四届中国江阴（高新区）创新创业大赛 · 华南赛区 · 路演评审 · 评分表',
    );
    expect(first.getCell('A2').text).toMatch(
      /^评委：评委0\u3000单位：评审单位0\u3000打印时间：\d{4}年\d+月\d+日 \d\d:\d\d（北京时间）$/,
    );
    expect(rowValues(first, 3)).toEqual([
      '序号',
      '项目名称',
      '单位名称',
      '技术与产品（满分100，权重0.3）',
      '商业模式（满分100，权重0.25）',
      '行业与市场（满分100，权重0.25）',
      '团队（满分100，权重0.2）',
      '总分',
      '评语',
      '状态',
      '提交时间（北京时间）',
    ]);
    expect(rowValues(first, 4)).toEqual([
      1,
      '项目00',
      '测试科技0有限公司',
      85,
      80,
      78,
      84,
      81.8,
      '项目00：技术扎实',
      '已提交',
      at(heat.projectIds[0]),
    ]);
    expect(rowValues(first, 5)).toEqual([
      2,
      '项目01',
      '测试科技1有限公司',
      70.5,
      66,
      90,
      71,
      74.35,
      '项目01：技术扎实',
      '已提交',
      at(heat.projectIds[1]),
    ]);
    expect(rowValues(first, 6)).toEqual([
      3,
      '项目02',
      '测试科技2有限公司',
      60,
      61,
      62,
      63,
      61.35,
      '项目02：技术扎实',
      '已提交',
      at(heat.projectIds[2]),
    ]);
    expect(typeof first.getCell('H4').value).toBe('number');
    expect(first.getCell('A8').value).toBe(
      '评委签字：____________________\u3000\u3000\u3000日期：____________________',
    );
    expect(first.pageSetup.orientation).toBe('landscape');
    expect(first.pageSetup.printTitlesRow).toBe('3:3');

    const second = wb.worksheets[1];
    expect(rowValues(second, 4)).toEqual(
      [1, '项目00', '测试科技0有限公司', 50, 50, 50, 50, 50, null, '草稿（未提交）', null].map(
        (v) => v ?? undefined,
      ),
    );
    expect(rowValues(second, 5).slice(0, 2)).toEqual([2, '项目01']);
    expect(second.getCell('J5').value).toBe('未评分');
    expect(second.getCell('H5').value).toBeNull();
  });

  it('writes the score sheet in English and as CSV', async () => {
    const en = await readXlsx(
      (await download(stack, `/rounds/${roundId}/score-sheets.xlsx?lang=en`, heat.organiser.token))
        .bytes,
    );
    const ws = en.worksheets[0];
    expect(ws.getCell('A1').value).toBe(
      '第四届中国江阴（高新区）创新创业大赛 · 华南赛区 · 路演评审 · Score sheet',
    );
    expect(rowValues(ws, 3)).toEqual([
      'No.',
      'Project',
      'Organisation',
      '技术与产品 (max 100, weight 0.3)',
      '商业模式 (max 100, weight 0.25)',
      '行业与市场 (max 100, weight 0.25)',
      '团队 (max 100, weight 0.2)',
      'Total',
      'Comment',
      'Status',
      'Submitted (Asia/Shanghai, UTC+08:00)',
    ]);
    expect(ws.getCell('J4').value).toBe('Submitted');
    expect(ws.getCell('A8').text).toMatch(/^Judge’s signature/);

    const csv = await download(stack, `/rounds/${roundId}/score-sheets.csv`, heat.organiser.token);
    expect(csv.contentType).toContain('text/csv');
    const text = csv.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const rows: string[][] = parse(text.slice(1));
    expect(rows[0].slice(0, 5)).toEqual(['评委', '评委单位', '评委邮箱', '项目名称', '单位名称']);
    expect(rows).toHaveLength(1 + 6);
    expect(rows[1].slice(0, 1).concat(rows[1].slice(3))).toEqual([
      '评委0',
      '项目00',
      '测试科技0有限公司',
      '85',
      '80',
      '78',
      '84',
      '81.8',
      '项目00：技术扎实',
      '已提交',
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
    ]);
    expect(rows[4].slice(11)).toEqual(['草稿（未提交）', '']);
    expect(rows[5].slice(9)).toEqual(['', '', '未评分', '']);
  });

  it('writes the registration list with the list endpoint’s filters, statuses in Chinese', async () => {
    const { organiser, competition } = heat;
    const all = await download(
      stack,
      `/competitions/${competition.id}/projects.xlsx`,
      organiser.token,
    );
    expect(all.status).toBe(200);
    const ws = (await readXlsx(all.bytes)).worksheets[0];
    expect(ws.name).toBe('报名表');
    expect(ws.getCell('A1').value).toBe('第四届中国江阴（高新区）创新创业大赛 · 报名表');
    expect(rowValues(ws, 2)).toEqual([
      '序号',
      '项目名称',
      '赛道',
      '赛区',
      '单位名称',
      '所在城市',
      '成立时间',
      '申报人',
      '申报人邮箱',
      '团队成员',
      '融资阶段',
      '状态',
      '审查意见',
      '提交时间（北京时间）',
      '审查时间（北京时间）',
      '组别',
      '资格提示',
      '声明确认时间（北京时间）',
      '项目编号',
    ]);
    expect(ws.rowCount).toBe(2 + 4);
    const [p0] = await stack.sql<{ submitted_at: Date; reviewed_at: Date }>(
      `SELECT submitted_at, reviewed_at FROM projects WHERE id = $1`,
      [heat.projectIds[0]],
    );
    const owner = heat.applicants[0];
    const row = rowValues(ws, 3);
    expect(row).toEqual([
      1,
      '项目00',
      '物联网',
      '华南赛区',
      '测试科技0有限公司',
      '深圳',
      '2023-06-01',
      '申请人0',
      owner.email,
      '李娜、陈刚',
      'ANGEL',
      '资格审查通过',
      undefined,
      beijing(p0.submitted_at),
      beijing(p0.reviewed_at),
      // No registration form: no group, no form columns, no flags, no declaration.
      undefined,
      undefined,
      undefined,
      heat.projectIds[0],
    ]);
    expect(rowValues(ws, 6).slice(1, 2).concat(rowValues(ws, 6)[11])).toEqual(['草稿项目', '草稿']);

    const eligible = await download(
      stack,
      `/competitions/${competition.id}/projects.csv?status=ELIGIBLE&lang=en`,
      organiser.token,
    );
    const rows: string[][] = parse(eligible.bytes.toString('utf8').slice(1));
    expect(rows[0].slice(0, 3)).toEqual(['No.', 'Title', 'Track']);
    expect(rows[0][13]).toBe('Submitted (Asia/Shanghai, UTC+08:00)');
    // Rows follow registration order; the test registered them concurrently.
    const titleOrder = (a: string[], b: string[]) => a[0].localeCompare(b[0]);
    expect(
      rows
        .slice(1)
        .map((r) => [r[1], r[11]])
        .sort(titleOrder),
    ).toEqual([
      ['项目00', 'Eligible'],
      ['项目01', 'Eligible'],
      ['项目02', 'Eligible'],
    ]);
    expect(rows.slice(1).map((r) => r[15])).not.toContain(draftProjectId);
  });

  it('is for the competition’s organisers only, and refuses bad filters by name', async () => {
    const { competition, judges } = heat;
    expect(
      (await download(stack, `/rounds/${roundId}/score-sheets.xlsx`, judges[0].token)).status,
    ).toBe(403);
    const stranger = await createOrganiser(stack, '别的组委会');
    expect(
      (await download(stack, `/rounds/${roundId}/score-sheets.csv`, stranger.token)).status,
    ).toBe(404);
    expect(
      (await download(stack, `/competitions/${competition.id}/projects.xlsx`, stranger.token))
        .status,
    ).toBe(404);
    const bad = await stack.get(
      `/competitions/${competition.id}/projects.csv?status=WINNING`,
      heat.organiser.token,
    );
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('status');
    expect(
      (
        await stack.get(
          `/competitions/${competition.id}/projects.csv?lang=fr`,
          heat.organiser.token,
        )
      ).status,
    ).toBe(400);
  });

  // Defect 7: the standings exports showed UUIDs and half-English headers.
  it('writes the ranking and the standings with names and Chinese headers, English on request', async () => {
    const token = heat.organiser.token;
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    await waitFor('the ranking of the three scored projects', async () => {
      const ranking = await stack.get(`/rounds/${roundId}/ranking`, token);
      return ranking.body.entries?.length === 3;
    });
    const ranking = await download(stack, `/rounds/${roundId}/ranking.csv`, token);
    expect(ranking.status).toBe(200);
    expect(ranking.disposition).toContain(encodeURIComponent('华南赛区 · 路演评审 · 排名.csv'));
    const rankingText = ranking.bytes.toString('utf8');
    expect(rankingText).not.toMatch(uuid);
    const rankingRows: string[][] = parse(rankingText.slice(1));
    expect(rankingRows[0]).toEqual([
      '名次',
      '项目名称',
      '单位名称',
      '得分',
      '已评评委数',
      '应评评委数',
      '评分完成',
      '最大分差',
    ]);
    // Judge 1 has submitted nothing: every score is partial, and says so.
    expect(rankingRows[1]).toEqual([
      '1',
      '项目00',
      '测试科技0有限公司',
      '81.80',
      '1',
      '2',
      '否',
      '0.00',
    ]);
    const rankingEn: string[][] = parse(
      (await download(stack, `/rounds/${roundId}/ranking.csv?lang=en`, token)).bytes
        .toString('utf8')
        .slice(1),
    );
    expect(rankingEn[0]).toEqual([
      'Rank',
      'Project',
      'Organisation',
      'Score',
      'Judges counted',
      'Judges assigned',
      'Complete',
      'Spread',
    ]);
    expect(rankingEn[1][6]).toBe('no');

    const closed = await stack.post(
      `/rounds/${roundId}/close`,
      { force: true, reason: '评委1缺席' },
      token,
    );
    expect(closed.status).toBe(200);
    const heatId = heat.competition.heatId;
    await waitFor(
      'the final standings',
      async () => (await stack.get(`/heats/${heatId}/standings`, token)).body.final === true,
    );
    const csv = await download(stack, `/heats/${heatId}/standings.csv`, token);
    expect(csv.status).toBe(200);
    const csvText = csv.bytes.toString('utf8');
    expect(csvText).not.toMatch(uuid);
    const rows: string[][] = parse(csvText.slice(1));
    expect(rows[0]).toEqual(['名次', '项目名称', '单位名称', '综合得分', '评委数', '最大分差']);
    expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['1', '项目00', '测试科技0有限公司'],
      ['2', '项目01', '测试科技1有限公司'],
      ['3', '项目02', '测试科技2有限公司'],
    ]);

    for (const [lang, title, header] of [
      [
        '',
        '华南赛区 · 成绩排名',
        ['名次', '项目名称', '单位名称', '综合得分', '评委数', '最大分差'],
      ],
      [
        '?lang=en',
        '华南赛区 · Standings',
        ['Rank', 'Project', 'Organisation', 'Score', 'Judges', 'Spread'],
      ],
    ] as const) {
      const xlsx = await download(stack, `/heats/${heatId}/standings.xlsx${lang}`, token);
      expect(xlsx.status).toBe(200);
      const ws = (await readXlsx(xlsx.bytes)).worksheets[0];
      expect(ws.getCell('A1').value).toBe(title);
      const cells: string[] = [];
      ws.eachRow((row) => cells.push(...(row.values as ExcelJS.CellValue[]).map(String)));
      expect(cells.join(' ')).not.toMatch(uuid);
      let headerRow = 0;
      ws.eachRow((row, n) => {
        if (!headerRow && rowValues(ws, n)[0] === header[0]) headerRow = n;
      });
      expect(rowValues(ws, headerRow)).toEqual(header);
      expect(rowValues(ws, headerRow + 1)).toEqual([1, '项目00', '测试科技0有限公司', 81.8, 1, 0]);
    }
  });
});
