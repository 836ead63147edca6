import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { DomainError, IMPORT_LIMITS, ImportLimitExceeded, fieldProblem } from '@app/domain';
import { readXlsxRows } from './xlsx/xlsx-reader';

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

export const MAX_IMPORT_ROWS = IMPORT_LIMITS.rows;

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

// Chooses the reader by the bytes, not the name: an .xlsx is a zip, anything
// else is CSV text. Excel in China saves "CSV (逗号分隔)" in GB18030/GBK
// without a BOM and "CSV UTF-8" with one; both are read.
export async function readSpreadsheet(bytes: Buffer, fileName = ''): Promise<ReadSheet> {
  if (!bytes.length) throw fileProblem('IMPORT_FILE_EMPTY', 'the file is empty');
  if (bytes.subarray(0, 4).equals(XLSX_MAGIC)) return readXlsx(bytes);
  if (
    /\.xlsx?$/i.test(fileName) &&
    bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))
  )
    throw fileProblem(
      'IMPORT_FILE_OLD_XLS',
      'this is an old .xls workbook: save it as .xlsx or CSV and upload that',
    );
  return readCsv(bytes);
}

type FileCode =
  | 'IMPORT_FILE_EMPTY'
  | 'IMPORT_FILE_OLD_XLS'
  | 'IMPORT_FILE_NOT_SPREADSHEET'
  | 'IMPORT_FILE_NO_HEADER';

// A file that cannot be read as a sheet: its code, on the answer and on the `file` field.
function fileProblem(code: FileCode, message: string): DomainError {
  return DomainError.of(code, message, [fieldProblem('file', code, message)]);
}
function unreadable(format: 'CSV' | 'XLSX', message: string): DomainError {
  return DomainError.of('IMPORT_FILE_UNREADABLE', { format }, message, [
    fieldProblem('file', 'IMPORT_FILE_UNREADABLE', message, { format }),
  ]);
}

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

const csvLimit = (
  code: 'IMPORT_TOO_MANY_COLUMNS' | 'IMPORT_CELL_TOO_LONG',
  line: number,
  n: number,
) =>
  new ImportLimitExceeded({
    code,
    message:
      code === 'IMPORT_TOO_MANY_COLUMNS'
        ? `line ${line} has a value beyond column ${n}; at most ${n} columns are read`
        : `line ${line} has a cell longer than ${n} characters`,
    params: { row: line, limit: n },
  });

function readCsv(bytes: Buffer): ReadSheet {
  const { text, encoding } = decodeCsv(bytes);
  if (text.includes('\u0000'))
    throw fileProblem('IMPORT_FILE_NOT_SPREADSHEET', 'the file is neither .xlsx nor CSV text');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Excel's "Unicode text" is tab separated; everything else here uses commas.
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  // Bounded like a workbook: parsing stops at the first row past the cap, a
  // record may not hold more than a cell's worth per column, and a value far
  // right refuses the file instead of growing a row.
  let records: string[][];
  const refused: { limit?: ImportLimitExceeded } = {};
  let nonEmpty = 0;
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: IMPORT_LIMITS.cellChars * IMPORT_LIMITS.columns,
      on_record: (record: string[], { lines }: { lines: number }) => {
        if (record.some((c) => c.trim() !== '')) nonEmpty++;
        if (nonEmpty > MAX_IMPORT_ROWS + 1) refused.limit = tooManyRows();
        else if (record.findLastIndex((c) => c.trim() !== '') >= IMPORT_LIMITS.columns)
          refused.limit = csvLimit('IMPORT_TOO_MANY_COLUMNS', lines, IMPORT_LIMITS.columns);
        else if (record.some((c) => c.length > IMPORT_LIMITS.cellChars))
          refused.limit = csvLimit('IMPORT_CELL_TOO_LONG', lines, IMPORT_LIMITS.cellChars);
        if (refused.limit) throw refused.limit;
        return record.length > IMPORT_LIMITS.columns
          ? record.slice(0, IMPORT_LIMITS.columns)
          : record;
      },
    });
  } catch (e) {
    if (refused.limit) throw refused.limit;
    throw unreadable('CSV', `the CSV cannot be read: ${(e as Error).message}`);
  }
  return toSheet(
    'CSV',
    encoding,
    // A record is a spreadsheet row, even when a quoted cell spans lines.
    records.map((cells, i) => ({ rowNumber: i + 1, cells: cells.map((c) => c.trim()) })),
  );
}

async function readXlsx(bytes: Buffer): Promise<ReadSheet> {
  let rows: SheetRow[];
  try {
    rows = await readXlsxRows(bytes);
  } catch (e) {
    if (e instanceof ImportLimitExceeded) throw e;
    throw unreadable('XLSX', `the .xlsx workbook cannot be read: ${(e as Error).message}`);
  }
  if (!rows.length) throw fileProblem('IMPORT_FILE_EMPTY', 'the workbook has no rows');
  return toSheet('XLSX', null, rows);
}

const tooManyRows = () =>
  new ImportLimitExceeded({
    code: 'IMPORT_TOO_MANY_ROWS',
    message: `the file has more than ${MAX_IMPORT_ROWS} rows; at most ${MAX_IMPORT_ROWS} per import`,
    params: { limit: MAX_IMPORT_ROWS },
  });

function toSheet(format: SheetFormat, encoding: SheetEncoding, all: SheetRow[]): ReadSheet {
  const nonEmpty = all.filter((r) => r.cells.some((c) => c !== ''));
  const [header, ...rows] = nonEmpty;
  if (!header) throw fileProblem('IMPORT_FILE_NO_HEADER', 'the file has no header row');
  if (rows.length > MAX_IMPORT_ROWS) throw tooManyRows();
  return {
    format,
    encoding,
    headerRowNumber: header.rowNumber,
    headers: header.cells.map((c) => c.trim()),
    rows,
  };
}
