import { Stack } from './support/stack';
import { statusOf } from './support/faults';
import { eligibleHeat, deterministicScores } from './support/judging-scenario';
import { Organiser } from './support/scenario';
import { upload } from './support/upload';
import {
  ZipPart,
  hugeSharedString,
  inflatedSize,
  sheetOfRows,
  workbookParts,
  zip,
} from './support/xlsx-bombs';

// Spreadsheets built to exhaust the api, sent as an organiser's dry run: each
// is refused with a coded 413/422 before it inflates, the api's resident
// memory stays under a stated bound, and a judge saving scores meanwhile keeps
// getting 2xx answers.
//
// Bound: the api's peak RSS (VmHWM) grows by at most PEAK_GROWTH_MB over
// what it reached before the first upload. Before the fix the first file
// alone grew the api from ~300 MB to 4.4 GB and killed it (heap out of memory).
const PEAK_GROWTH_MB = 200;

describe('spreadsheet bombs', () => {
  const stack = new Stack();
  let organiser: Organiser;
  let route: string;
  let scoreUrl: string;
  let judgeToken: string;
  const scores = deterministicScores(0, 0);

  beforeAll(async () => {
    await stack.start();
    const heat = await eligibleHeat(stack, 2, 1, false);
    organiser = heat.organiser;
    route = `/competitions/${heat.competition.id}/imports/judges?dryRun=true`;
    const round = await stack.post(
      `/heats/${heat.competition.heatId}/rounds`,
      { name: '路演', kind: 'ROADSHOW', rubricId: heat.competition.rubricId, method: 'MEAN' },
      organiser.token,
    );
    await stack.post(
      `/rounds/${round.body.id}/judges`,
      { judgeIds: [heat.judges[0].id] },
      organiser.token,
    );
    await stack.post(
      `/rounds/${round.body.id}/assignments`,
      { judgesPerProject: 1 },
      organiser.token,
    );
    expect((await stack.post(`/rounds/${round.body.id}/open`, {}, organiser.token)).status).toBe(
      200,
    );
    scoreUrl = `/rounds/${round.body.id}/projects/${heat.projectIds[0]}/score`;
    judgeToken = heat.judges[0].token;
    expect((await stack.put(scoreUrl, { scores }, judgeToken)).status).toBe(200);
  });
  afterAll(() => stack.stop());

  const apiPeakMb = async () =>
    (await stack.peakMemory()).find((p) => p.label === 'api')!.peakRssMb;

  // Sends `file` while the judge keeps saving; the saves' statuses come back.
  async function sendWhileJudging(file: Buffer, name: string) {
    const statuses: number[] = [];
    let sending = true;
    const saves = (async () => {
      while (sending || statuses.length < 5)
        statuses.push(await statusOf(() => stack.put(scoreUrl, { scores }, judgeToken)));
    })();
    const answer = await upload(stack, route, name, file, organiser.token).finally(
      () => (sending = false),
    );
    await saves;
    return { answer, statuses };
  }

  const bombs: { what: string; parts: () => ZipPart[]; status: number; code: string }[] = [
    {
      what: 'rows that deflate ~230:1 (760 MB in ~3.3 MiB)',
      parts: () => [...workbookParts(1), sheetOfRows('xl/worksheets/sheet1.xml', 2200)],
      status: 413,
      code: 'IMPORT_PART_TOO_LARGE',
    },
    {
      what: 'the same rows behind a central directory that declares 1 MB',
      parts: () => [...workbookParts(1), sheetOfRows('xl/worksheets/sheet1.xml', 2200, 1_000_000)],
      // Read as far as the 5,000-row cap, which refuses it.
      status: 422,
      code: 'IMPORT_TOO_MANY_ROWS',
    },
    {
      what: 'one 60 MB shared string in a 63 KiB file',
      parts: () => [...workbookParts(1, true), ...hugeSharedString(60)],
      status: 413,
      code: 'IMPORT_PART_TOO_LARGE',
    },
    {
      what: 'one 60 MB shared string declared as 1 MB',
      parts: () => [...workbookParts(1, true), ...hugeSharedString(60, 1_000_000)],
      status: 422,
      code: 'IMPORT_CELL_TOO_LONG',
    },
    {
      what: 'a 30 MB shared string (under the part limit, over the ratio)',
      parts: () => [...workbookParts(1, true), ...hugeSharedString(30)],
      status: 413,
      code: 'IMPORT_COMPRESSION_RATIO',
    },
    {
      what: '120 worksheets',
      parts: () => [
        ...workbookParts(120),
        ...Array.from({ length: 120 }, (_, i) => sheetOfRows(`xl/worksheets/sheet${i + 1}.xml`, 1)),
      ],
      status: 413,
      code: 'IMPORT_TOO_MANY_SHEETS',
    },
  ];

  it('refuses each bomb with a coded answer; memory stays bounded; a judge’s saves go on', async () => {
    const baseline = await apiPeakMb();
    const report: string[] = [];
    for (const bomb of bombs) {
      const parts = bomb.parts();
      const file = zip(parts);
      const inflated = parts.reduce((n, p) => n + inflatedSize(p), 0);
      const { answer, statuses } = await sendWhileJudging(file, 'bomb.xlsx');
      const peak = await apiPeakMb();
      report.push(
        `${bomb.what}: ${(file.length / 1024).toFixed(0)} KiB → ${(inflated / 1048576).toFixed(0)} MB; ` +
          `answer ${answer.status} ${answer.body?.details?.[0]?.code}; api peak RSS ${peak.toFixed(0)} MB; ` +
          `saves ${statuses.length}, all 2xx: ${statuses.every((s) => s >= 200 && s < 300)}`,
      );
      expect({ what: bomb.what, status: answer.status }).toEqual({
        what: bomb.what,
        status: bomb.status,
      });
      expect(answer.body.details[0]).toMatchObject({ field: 'file', code: bomb.code });
      expect(statuses.filter((s) => s < 200 || s >= 300)).toEqual([]);
      expect(stack.alive().api).toBe(true);
    }
    console.log(`api peak RSS before: ${baseline.toFixed(0)} MB\n${report.join('\n')}`);
    expect(await apiPeakMb()).toBeLessThan(baseline + PEAK_GROWTH_MB);
  });

  it('refuses an upload just over 10 MiB with 413, every time, and reads one of exactly 10 MiB', async () => {
    const MiB = 1024 * 1024;
    const header = '姓名,邮箱,单位\r\n';
    // Rows whose start, if it went missing, would still read as a sheet.
    const row = Buffer.from(`王芳,wang@example.cn,${'清'.repeat(700)}\r\n`);
    const csvOf = (bytes: number) => {
      const rows = Math.floor((bytes - Buffer.byteLength(header)) / row.length);
      const body = Buffer.concat([Buffer.from(header), ...Array<Buffer>(rows).fill(row)]);
      return Buffer.concat([body, Buffer.alloc(bytes - body.length, 32)]);
    };
    for (const over of [1, 2, 100, 4096, 65_536, 1, 1, 1]) {
      const answer = await upload(stack, route, 'big.csv', csvOf(10 * MiB + over), organiser.token);
      expect({ over, status: answer.status }).toEqual({ over, status: 413 });
      expect(answer.body.details[0]).toMatchObject({
        field: 'file',
        code: 'IMPORT_FILE_TOO_LARGE',
      });
    }
    const exact = await upload(stack, route, 'exact.csv', csvOf(10 * MiB), organiser.token);
    expect(exact.status).toBe(200);
    expect(exact.body.total).toBeGreaterThan(4000);
  });
});
