import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { DomainError } from '@app/domain';

export type SheetFormat = 'XLSX' | 'CSV';
export type SheetEncoding = 'UTF-8' | 'UTF-16' | 'GB18030' | null;

export interface SheetRow {
  // As the spreadsheet numbers it: the header is row 1 when it is the first line.
  rowNumber: number;
  cells: string[];
}

export interface ReadSheet {
  format: SheetFormat;
  encoding: SheetEncoding;
  headerRowNumber: number;
  headers: string[];
  rows: SheetRow[];
}

export const MAX_IMPORT_ROWS = 5000;

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

// Chooses the reader by the bytes, not the name: an .xlsx is a zip, anything
// else is CSV text. Excel in China saves "CSV (逗号分隔)" in GB18030/GBK
// without a BOM and "CSV UTF-8" with one; both are read.
export async function readSpreadsheet(bytes: Buffer, fileName = ''): Promise<ReadSheet> {
  if (!bytes.length) throw fileProblem('the file is empty');
  if (bytes.subarray(0, 4).equals(XLSX_MAGIC)) return readXlsx(bytes);
  if (
    /\.xlsx?$/i.test(fileName) &&
    bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))
  )
    throw fileProblem('this is an old .xls workbook: save it as .xlsx or CSV and upload that');
  return readCsv(bytes);
}

const fileProblem = (message: string) =>
  DomainError.unprocessable(message, [{ field: 'file', message }]);

export function decodeCsv(bytes: Buffer): { text: string; encoding: Exclude<SheetEncoding, null> } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: bytes.subarray(3).toString('utf8'), encoding: 'UTF-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return { text: iconv.decode(bytes.subarray(2), 'utf16le'), encoding: 'UTF-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return { text: iconv.decode(bytes.subarray(2), 'utf16be'), encoding: 'UTF-16' };
  try {
    // Strict UTF-8 refuses GBK's byte pairs, which are almost never valid UTF-8.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'GB18030' };
  }
}

function readCsv(bytes: Buffer): ReadSheet {
  const { text, encoding } = decodeCsv(bytes);
  if (text.includes('\u0000')) throw fileProblem('the file is neither .xlsx nor CSV text');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Excel's "Unicode text" is tab separated; everything else here uses commas.
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
  } catch (e) {
    throw fileProblem(`the CSV cannot be read: ${(e as Error).message}`);
  }
  return toSheet(
    'CSV',
    encoding,
    // A record is a spreadsheet row, even when a quoted cell spans lines.
    records.map((cells, i) => ({ rowNumber: i + 1, cells: cells.map((c) => c.trim()) })),
  );
}

async function readXlsx(bytes: Buffer): Promise<ReadSheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw fileProblem(`the .xlsx workbook cannot be read: ${(e as Error).message}`);
  }
  const sheet = workbook.worksheets.find((s) => s.state !== 'hidden' && s.actualRowCount > 0);
  if (!sheet) throw fileProblem('the workbook has no rows');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    rows.push({ rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return toSheet('XLSX', null, rows);
}

const pad = (n: number) => String(n).padStart(2, '0');

// A cell as the text a person sees: rich text joined, a hyperlink's text, a
// formula's result, a date as YYYY-MM-DD (Excel stores dates without a zone,
// exceljs reads them as UTC), a phone number stored as a number without ".0".
export function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) {
    const d = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const t =
      value.getUTCHours() || value.getUTCMinutes()
        ? ` ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`
        : '';
    return d + t;
  }
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if ('richText' in value)
    return value.richText
      .map((r) => r.text)
      .join('')
      .trim();
  if ('text' in value && value.text != null) return cellText(value.text);
  if ('result' in value) return cellText(value.result ?? '');
  if ('error' in value) return '';
  return '';
}

function toSheet(format: SheetFormat, encoding: SheetEncoding, all: SheetRow[]): ReadSheet {
  const nonEmpty = all.filter((r) => r.cells.some((c) => c !== ''));
  const [header, ...rows] = nonEmpty;
  if (!header) throw fileProblem('the file has no header row');
  if (rows.length > MAX_IMPORT_ROWS)
    throw fileProblem(`the file has ${rows.length} rows; at most ${MAX_IMPORT_ROWS} per import`);
  return {
    format,
    encoding,
    headerRowNumber: header.rowNumber,
    headers: header.cells.map((c) => c.trim()),
    rows,
  };
}
