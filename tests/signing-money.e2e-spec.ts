import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { Stack } from './support/stack';
import {
  createCompetition,
  createOrganiser,
  registerProject,
  signUpApplicant,
} from './support/scenario';
import { download } from './support/upload';

// Defect 6: the console asked for 万元 and sent the figure as 元, so 500 万元
// was stored and exported as 500 元. The API keeps 元
// (`investmentAmount`, a decimal string, documented as 元) and the exports show the
// 万元 figure organisers typed, under a header that says so.
describe('signing investment amounts: 元 in the API, 万元 in the exports', () => {
  const stack = new Stack();
  let token: string;
  let competitionId: string;
  let projectId: string;

  beforeAll(async () => {
    await stack.start();
    const organiser = await createOrganiser(stack);
    token = organiser.token;
    const competition = await createCompetition(stack, organiser);
    competitionId = competition.id;
    const applicant = await signUpApplicant(stack);
    projectId = (await registerProject(stack, applicant, competition.heatId, competitionId)).id;
  });
  afterAll(() => stack.stop());

  const sign = (body: object) => stack.post(`/competitions/${competitionId}/signings`, body, token);

  it('stores and answers the amount in 元, exactly as sent', async () => {
    const res = await sign({
      projectId,
      host: '江阴高新区管委会',
      investmentAmount: '5000000.00',
    });
    expect(res.status).toBe(201);
    expect(res.body.investmentAmount).toBe('5000000.00');
    const [row] = await stack.sql<{ amount: string }>(
      'SELECT investment_amount::text AS amount FROM signings WHERE id = $1',
      [res.body.id],
    );
    expect(row.amount).toBe('5000000.00');
    const list = await stack.get(`/competitions/${competitionId}/signings`, token);
    expect(list.body.items.map((s: { investmentAmount: string }) => s.investmentAmount)).toEqual([
      '5000000.00',
    ]);
  });

  it('refuses an amount that is not a decimal string of 元, naming the field; nothing stored', async () => {
    const before = await stack.sql('SELECT count(*)::int AS n FROM signings');
    const wan = await sign({ projectId, host: '无锡创投', investmentAmount: '500万' });
    expect(wan.status).toBe(400);
    expect(JSON.stringify(wan.body)).toContain('investmentAmount');
    const commas = await sign({ projectId, host: '无锡创投', investmentAmount: '5,000,000' });
    expect(commas.status).toBe(400);
    expect(JSON.stringify(commas.body)).toContain('investmentAmount');
    expect(await stack.sql('SELECT count(*)::int AS n FROM signings')).toEqual(before);
  });

  it('exports the 万元 figure under a 万元 header (CSV and xlsx)', async () => {
    expect(
      (await sign({ projectId, host: '无锡创投集团', investmentAmount: '12345.67' })).status,
    ).toBe(201);
    const csv = await stack.get(`/competitions/${competitionId}/signings.csv`, token);
    expect(csv.status).toBe(200);
    const rows = parse<Record<string, string>>(String(csv.body).replace(/^\uFEFF/, ''), {
      columns: true,
    });
    expect(Object.keys(rows[0])).toContain('投资额（万元）');
    expect(Object.keys(rows[0])).not.toContain('投资额（元）');
    const byHost = new Map(rows.map((r) => [r['签约方'], r['投资额（万元）']]));
    expect(byHost.get('江阴高新区管委会')).toBe('500');
    expect(byHost.get('无锡创投集团')).toBe('1.234567');

    const xlsx = await download(stack, `/competitions/${competitionId}/signings.xlsx`, token);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    const amountColumn = header.indexOf('投资额（万元）') + 1;
    const hostColumn = header.indexOf('签约方') + 1;
    expect(amountColumn).toBeGreaterThan(0);
    const cells = new Map<string, ExcelJS.CellValue>();
    ws.eachRow((row, n) => {
      if (n > 1) cells.set(row.getCell(hostColumn).text, row.getCell(amountColumn).value);
    });
    // Numbers a spreadsheet can sum, not text.
    expect(cells.get('江阴高新区管委会')).toBe(500);
    expect(cells.get('无锡创投集团')).toBe(1.234567);
  });
});
