import ExcelJS from 'exceljs';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// One sheet with a bold Chinese header row, for organisers' reports to leadership.
export async function toXlsx(
  sheetName: string,
  headers: string[],
  rows: (string | number | null)[][],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'roadshow-backend';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.columns.forEach((c, i) => (c.width = Math.max(10, headers[i].length * 2 + 4)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export type XlsxCell = string | number | null;

export interface PrintableSheet {
  name: string;
  // Printed above the table: a bold title, then lines such as the judge's name.
  title?: string;
  subtitle?: string[];
  headers: string[];
  rows: XlsxCell[][];
  // After the table and one blank row: e.g. a line to sign on.
  footer?: string[];
  // Column widths in characters; computed from the contents when absent.
  widths?: number[];
  // A picture after the footer (a judge's drawn signature), at most `height` px high.
  image?: { png: Uint8Array; width: number; height: number };
}

// Sheet names: at most 31 characters, none of : \ / ? * [ ], unique in the book.
export function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[:\\/?*[\]]/g, ' ')
      .trim()
      .slice(0, 28) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 26)}(${n})`;
  taken.add(name.toLowerCase());
  return name;
}

const displayWidth = (v: XlsxCell) =>
  [...String(v ?? '')].reduce((w, ch) => w + (ch.charCodeAt(0) > 0xff ? 2 : 1), 0);

// Sheets made for paper: title lines, a bold header that repeats on every
// printed page, thin borders, A4 landscape fitted to the page width, and an
// optional footer (signature line). Numbers stay numbers.
export async function toPrintableXlsx(sheets: PrintableSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'roadshow-backend';
  const taken = new Set<string>();
  for (const spec of sheets) {
    const ws = workbook.addWorksheet(sheetName(spec.name, taken), {
      pageSetup: {
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      },
    });
    const width = spec.headers.length;
    if (spec.title) {
      const row = ws.addRow([spec.title]);
      row.font = { bold: true, size: 14 };
      ws.mergeCells(row.number, 1, row.number, width);
    }
    for (const line of spec.subtitle ?? []) {
      const row = ws.addRow([line]);
      ws.mergeCells(row.number, 1, row.number, width);
    }
    const header = ws.addRow(spec.headers);
    header.font = { bold: true };
    header.alignment = { vertical: 'middle', wrapText: true };
    ws.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
    const thin = { style: 'thin' as const };
    for (const r of [header, ...spec.rows.map((cells) => ws.addRow(cells))]) {
      for (let c = 1; c <= width; c++) {
        const cell = r.getCell(c);
        cell.border = { top: thin, bottom: thin, left: thin, right: thin };
        if (r !== header) cell.alignment = { vertical: 'top', wrapText: true };
      }
    }
    if (spec.footer?.length) {
      ws.addRow([]);
      for (const line of spec.footer) ws.addRow([line]).height = 28;
    }
    if (spec.image) {
      const id = workbook.addImage({
        buffer: Buffer.from(spec.image.png) as unknown as ExcelJS.Buffer,
        extension: 'png',
      });
      const row = ws.addRow([]);
      row.height = (spec.image.height * 3) / 4 + 4;
      ws.addImage(id, {
        tl: { col: 1, row: row.number - 1 },
        ext: { width: spec.image.width, height: spec.image.height },
      });
    }
    for (let c = 0; c < width; c++) {
      const contentWidth = Math.max(
        displayWidth(spec.headers[c]),
        ...spec.rows.map((r) => Math.min(displayWidth(r[c] ?? ''), 60)),
      );
      ws.getColumn(c + 1).width = spec.widths?.[c] ?? Math.max(8, contentWidth + 2);
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
