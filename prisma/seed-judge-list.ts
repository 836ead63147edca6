// The demo season's judge list (评委库) arrives the way a real one does: as a
// spreadsheet. The seed stages it through the import pipeline itself (read,
// map headers, validate, stage rows), and the api's ImportRunner carries it
// out when the api starts: existing demo judges join the list, new experts
// get an account and an invitation mail, exactly as an uploaded file would.
import ExcelJS from 'exceljs';
import { analyseSheet } from '../apps/api/src/modules/imports/import-analysis';
import { ImportTables, stageImport } from '../apps/api/src/modules/imports/import-staging';
import { readSpreadsheet } from '../apps/api/src/modules/imports/parse/spreadsheet-reader';

export const DEMO_JUDGE_LIST_FILE = '江阴大赛评委库（2026）.xlsx';

// Demo judges already have accounts (they log in with the demo password);
// the last three are new to the platform and are invited.
export const DEMO_JUDGE_LIST: [string, string, string, string, string][] = [
  ['赵敏', '江阴高新区科技局', '研究员', '139 1234 0001', 'judge1@demo.local'],
  ['孙浩', '深圳天使投资协会', '合伙人', '139 1234 0002', 'judge2@demo.local'],
  ['周倩', '南京大学', '教授', '139 1234 0003', 'judge3@demo.local'],
  ['吴强', '华为深圳研究院', '高级工程师', '139 1234 0004', 'judge4@demo.local'],
  ['郑洁', '上海交通大学', '副教授', '139 1234 0005', 'judge5@demo.local'],
  ['冯立', '江苏省产业技术研究院', '研究员', '139 1234 0006', 'expert1@demo.local'],
  ['陈静', '无锡创投集团', '投资总监', '139 1234 0007', 'expert2@demo.local'],
  ['Anna Weber', 'Fraunhofer IPMS', 'Senior Scientist', '+49 351 8823 0', 'expert3@demo.local'],
];

export async function judgeListWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('评委库');
  ws.addRow(['序号', '姓名', '工作单位', '职称', '手机号码', '电子邮箱']);
  DEMO_JUDGE_LIST.forEach(([name, unit, title, phone, email], i) =>
    ws.addRow([i + 1, name, unit, title, phone, email]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// Reading and checking the file happens before the seed's transaction opens.
export async function readDemoJudgeList() {
  const bytes = await judgeListWorkbook();
  const sheet = await readSpreadsheet(bytes, DEMO_JUDGE_LIST_FILE);
  const analysis = analyseSheet('JUDGES', sheet);
  const problems = [...analysis.fileProblems, ...analysis.rows.flatMap((r) => r.problems)];
  if (problems.length) throw new Error(`demo judge list: ${JSON.stringify(problems)}`);
  return { bytes, sheet, analysis };
}

export async function seedImportedJudgeList(
  tx: ImportTables,
  { bytes, sheet, analysis }: Awaited<ReturnType<typeof readDemoJudgeList>>,
  competitionId: string,
  organiserId: string,
): Promise<void> {
  await stageImport(tx, {
    competitionId,
    kind: 'JUDGES',
    fileName: DEMO_JUDGE_LIST_FILE,
    bytes,
    sheet,
    analysis,
    createdById: organiserId,
    heatId: null,
  });
}
