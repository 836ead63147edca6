import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { decodeCsv, readSpreadsheet } from './spreadsheet-reader';

const csv =
  '姓名,邮箱,单位\r\n王芳,wang@example.cn,"清华大学, 深圳研究院"\r\n\r\n李强,li@example.cn,\r\n';

describe('readSpreadsheet', () => {
  it('reads UTF-8 CSV with a BOM, numbering rows as Excel does', async () => {
    const sheet = await readSpreadsheet(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]),
    );
    expect(sheet).toMatchObject({
      format: 'CSV',
      encoding: 'UTF-8',
      headers: ['姓名', '邮箱', '单位'],
    });
    expect(sheet.rows).toEqual([
      { rowNumber: 2, cells: ['王芳', 'wang@example.cn', '清华大学, 深圳研究院'] },
      { rowNumber: 4, cells: ['李强', 'li@example.cn', ''] },
    ]);
  });

  it('detects GB18030/GBK CSV as Excel in China writes it', async () => {
    const sheet = await readSpreadsheet(iconv.encode(csv, 'gbk'));
    expect(sheet.encoding).toBe('GB18030');
    expect(sheet.headers).toEqual(['姓名', '邮箱', '单位']);
    expect(sheet.rows[0].cells[2]).toBe('清华大学, 深圳研究院');
    expect(decodeCsv(Buffer.from('name,email\n')).encoding).toBe('UTF-8');
  });

  it('reads UTF-16 tab-separated text', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      iconv.encode('Name\tEmail\r\nAnna\ta@b.de\r\n', 'utf16le'),
    ]);
    const sheet = await readSpreadsheet(bytes);
    expect(sheet.headers).toEqual(['Name', 'Email']);
    expect(sheet.rows[0].cells).toEqual(['Anna', 'a@b.de']);
  });

  it('reads the first visible sheet of an .xlsx with the cells a person sees', async () => {
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet('说明');
    hidden.state = 'hidden';
    hidden.addRow(['ignore me']);
    const ws = wb.addWorksheet('评委');
    ws.addRow(['评委名单']); // a title row above the header is not uncommon
    ws.spliceRows(1, 1);
    ws.addRow(['姓名', '邮箱', '电话', '成立时间']);
    ws.addRow([
      { richText: [{ text: '王' }, { text: '芳' }] },
      { text: 'wang@example.cn', hyperlink: 'mailto:wang@example.cn' },
      13800138000,
      new Date(Date.UTC(2023, 5, 1)),
    ]);
    ws.addRow([]);
    ws.addRow(['李强', { formula: 'LOWER("LI@EXAMPLE.CN")', result: 'li@example.cn' }]);
    const sheet = await readSpreadsheet(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(sheet.format).toBe('XLSX');
    expect(sheet.headers).toEqual(['姓名', '邮箱', '电话', '成立时间']);
    expect(sheet.rows).toEqual([
      { rowNumber: 2, cells: ['王芳', 'wang@example.cn', '13800138000', '2023-06-01'] },
      { rowNumber: 4, cells: ['李强', 'li@example.cn'] },
    ]);
  });

  it('refuses empty and binary files with a 422 naming the file', async () => {
    await expect(readSpreadsheet(Buffer.alloc(0))).rejects.toMatchObject({ kind: 'UNPROCESSABLE' });
    await expect(
      readSpreadsheet(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])),
    ).rejects.toMatchObject({
      kind: 'UNPROCESSABLE',
      details: [{ field: 'file' }],
    });
  });
});

describe('readSpreadsheet within its limits', () => {
  const workbook = async (fill: (ws: ExcelJS.Worksheet) => void, date1904 = false) => {
    const wb = new ExcelJS.Workbook();
    if (date1904) wb.properties.date1904 = true;
    fill(wb.addWorksheet('S'));
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('refuses a cell longer than Excel allows, while it inflates', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(['姓名', '邮箱']);
      ws.addRow(['x'.repeat(40_000), 'a@b.cn']);
    });
    await expect(readSpreadsheet(bytes)).rejects.toMatchObject({
      problem: { code: 'IMPORT_CELL_TOO_LONG' },
    });
  });

  it('stops at the first row past the cap', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(['姓名', '邮箱']);
      for (let i = 0; i < 5001; i++) ws.addRow([`评委${i}`, `j${i}@b.cn`]);
    });
    await expect(readSpreadsheet(bytes)).rejects.toMatchObject({
      problem: { code: 'IMPORT_TOO_MANY_ROWS' },
    });
    const csv =
      '姓名,邮箱\n' + Array.from({ length: 5001 }, (_, i) => `评委${i},j${i}@b.cn`).join('\n');
    await expect(readSpreadsheet(Buffer.from(csv))).rejects.toMatchObject({
      problem: { code: 'IMPORT_TOO_MANY_ROWS' },
    });
  });

  it('refuses a value beyond the 200th column', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(['姓名']);
      ws.getCell(2, 250).value = 'far away';
    });
    await expect(readSpreadsheet(bytes)).rejects.toMatchObject({
      problem: { code: 'IMPORT_TOO_MANY_COLUMNS' },
    });
  });

  it('reads dates of a workbook that counts from 1904', async () => {
    const bytes = await workbook((ws) => {
      ws.addRow(['成立时间']);
      ws.addRow([new Date(Date.UTC(2023, 5, 1, 9, 30))]);
    }, true);
    expect((await readSpreadsheet(bytes)).rows[0].cells).toEqual(['2023-06-01 09:30']);
  });
});
