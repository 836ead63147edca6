import { IMPORT_LIMITS, ImportLimitExceeded } from '@app/domain';
import { readDateStyles, readLayout, readSharedStrings, tooMuchText } from './workbook-parts';
import { StopReading, ZipParts } from './zip-parts';

export interface XlsxRow {
  rowNumber: number;
  cells: string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

// An Excel serial day as the text a person sees: YYYY-MM-DD, with HH:MM when
// it has a time of day (Excel stores dates without a zone).
export function serialDateText(serial: number, date1904: boolean): string {
  // Day 0 is 1899-12-30 (1900 system, Lotus' leap-year bug included) or 1904-01-01.
  const days = serial - (date1904 ? 24107 : 25569);
  const ms = Math.round(days * 86400) * 1000;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(serial);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return d.getUTCHours() || d.getUTCMinutes()
    ? `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
    : date;
}

function columnIndex(ref: string | undefined): number | null {
  const letters = ref ? /^[A-Z]+/i.exec(ref)?.[0] : undefined;
  if (!letters) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

const numberText = (raw: string) => {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n)) return raw.trim();
  return Number.isInteger(n) ? n.toFixed(0) : String(n);
};

// Reads the first visible worksheet that has a non-empty row, streaming, and
// stops once the sheet has more data rows than an import may have (the first
// non-empty row is the header). Cells are the text a person sees: a shared
// or inline string, a formula's result, a date as YYYY-MM-DD, a phone number
// stored as a number without ".0".
export async function readXlsxRows(bytes: Buffer, limits = IMPORT_LIMITS): Promise<XlsxRow[]> {
  const zip = await ZipParts.open(bytes, limits);
  try {
    const layout = await readLayout(zip);
    const dateStyles = await readDateStyles(zip, layout.stylesPart);
    const shared = await readSharedStrings(zip, layout.sharedStringsPart, limits);
    for (const sheet of layout.sheets.filter((s) => !s.hidden)) {
      const rows = await readSheet(zip, sheet.part, shared, dateStyles, layout.date1904, limits);
      if (rows.length) return rows;
    }
    return [];
  } finally {
    zip.close();
  }
}

async function readSheet(
  zip: ZipParts,
  part: string,
  shared: string[],
  dateStyles: boolean[],
  date1904: boolean,
  limits: typeof IMPORT_LIMITS,
): Promise<XlsxRow[]> {
  const rows: XlsxRow[] = [];
  let totalChars = 0;
  let rowNumber = 0;
  let cells: string[] = [];
  let column = -1;
  let cell: { type: string; style: number } | null = null;
  let value: string[] = [];
  let valueLength = 0;
  // <v> holds the value; <is><t> an inline string (runs joined, <rPh> left out).
  let capture: 'v' | 't' | null = null;
  let phonetic = 0;

  const cellValue = (): string => {
    const raw = value.join('');
    switch (cell!.type) {
      case 's':
        return (shared[Number(raw)] ?? '').trim();
      case 'inlineStr':
      case 'str':
        return raw.trim();
      case 'b':
        return raw.trim() === '1' ? 'TRUE' : 'FALSE';
      case 'e':
        return '';
      case 'd':
        return raw
          .trim()
          .replace('T', ' ')
          .slice(0, 16)
          .replace(/ 00:00$/, '');
      default:
        return dateStyles[cell!.style] && raw.trim() !== '' && Number.isFinite(Number(raw))
          ? serialDateText(Number(raw), date1904)
          : numberText(raw);
    }
  };

  await zip.scan(part, {
    open: (name, attrs) => {
      if (name === 'row') {
        const r = Number(attrs.r);
        rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
        cells = [];
        column = -1;
      } else if (name === 'c') {
        column = columnIndex(attrs.r) ?? column + 1;
        cell = { type: attrs.t ?? 'n', style: Number(attrs.s ?? 0) };
        value = [];
        valueLength = 0;
      } else if (cell && name === 'v') capture = 'v';
      else if (cell && name === 't' && cell.type === 'inlineStr') capture = 't';
      else if (name === 'rPh') phonetic++;
    },
    close: (name) => {
      if (name === 'v' || name === 't') capture = null;
      else if (name === 'rPh') phonetic--;
      else if (name === 'c' && cell) {
        const text = cellValue();
        cell = null;
        if (!text) return;
        if (column >= limits.columns)
          throw new ImportLimitExceeded({
            code: 'IMPORT_TOO_MANY_COLUMNS',
            message: `row ${rowNumber} has a value in column ${column + 1}; at most ${limits.columns} columns are read`,
            params: { row: rowNumber, column: column + 1, limit: limits.columns },
          });
        totalChars += text.length;
        if (totalChars > limits.sheetChars) throw tooMuchText(limits);
        cells[column] = text;
      } else if (name === 'row') {
        if (!cells.length) return;
        rows.push({ rowNumber, cells: Array.from(cells, (c) => c ?? '') });
        // The header and one row more than the cap: enough to refuse.
        if (rows.length > limits.rows + 1) throw new StopReading();
      }
    },
    text: (piece) => {
      if (!capture || phonetic > 0) return;
      valueLength += piece.length;
      if (valueLength > limits.cellChars)
        throw new ImportLimitExceeded({
          code: 'IMPORT_CELL_TOO_LONG',
          message: `row ${rowNumber}, column ${column + 1} is longer than ${limits.cellChars} characters`,
          params: { row: rowNumber, column: column + 1, limit: limits.cellChars },
        });
      value.push(piece);
    },
  });
  return rows;
}
