import path from 'node:path/posix';
import { IMPORT_LIMITS, ImportLimitExceeded } from '@app/domain';
import { XmlHandler } from './xml-scanner';
import { ZipParts } from './zip-parts';

// The small parts that say where things are: which sheets exist in which
// order and whether hidden, where the shared strings and styles live, which
// cell styles are dates, and whether the workbook counts days from 1904.

export interface SheetRef {
  name: string;
  hidden: boolean;
  part: string;
}

export interface WorkbookLayout {
  sheets: SheetRef[];
  sharedStringsPart: string | null;
  stylesPart: string | null;
  date1904: boolean;
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

// Collects every element's attributes by name; text is ignored.
function collector(names: string[]): { handler: XmlHandler; found: Record<string, string>[] } {
  const found: Record<string, string>[] = [];
  const handler: XmlHandler = {
    open: (name, attrs) => {
      if (names.includes(name)) found.push({ '#': name, ...attrs });
    },
    close: () => undefined,
    text: () => undefined,
  };
  return { handler, found };
}

async function relationships(zip: ZipParts, part: string): Promise<Map<string, string>> {
  const relsPart = path.join(path.dirname(part), '_rels', `${path.basename(part)}.rels`);
  const out = new Map<string, string>();
  if (!zip.has(relsPart)) return out;
  const { handler, found } = collector(['Relationship']);
  await zip.scan(relsPart, handler);
  for (const r of found) {
    if (!r.Id || !r.Target || r.TargetMode === 'External') continue;
    const target = r.Target.startsWith('/')
      ? r.Target.slice(1)
      : path.normalize(path.join(path.dirname(part), r.Target));
    out.set(r.Id, target);
    if (r.Type?.startsWith(REL)) out.set(`type:${r.Type.slice(REL.length)}`, target);
  }
  return out;
}

export async function readLayout(zip: ZipParts): Promise<WorkbookLayout> {
  const root = await relationships(zip, '');
  const workbookPart = root.get('type:officeDocument') ?? 'xl/workbook.xml';
  if (!zip.has(workbookPart)) throw new Error('the workbook part is missing');
  const rels = await relationships(zip, workbookPart);
  const { handler, found } = collector(['sheet', 'workbookPr']);
  await zip.scan(workbookPart, handler);
  const sheets = found
    .filter((a) => a['#'] === 'sheet')
    .map((a) => ({
      name: a.name ?? '',
      hidden: a.state === 'hidden' || a.state === 'veryHidden',
      part: rels.get(a.id) ?? '',
    }))
    .filter((s) => s.part && zip.has(s.part));
  const pr = found.find((a) => a['#'] === 'workbookPr');
  const existing = (part?: string) => (part && zip.has(part) ? part : null);
  return {
    sheets,
    sharedStringsPart: existing(rels.get('type:sharedStrings')),
    stylesPart: existing(rels.get('type:styles')),
    date1904: pr?.date1904 === '1' || pr?.date1904 === 'true',
  };
}

// Built-in number formats that show a date or time (ECMA-376 18.8.30, and
// the East Asian ones Excel in China uses).
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);

export function isDateFormat(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '');
  return /[ymdhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

// For each cell style index (a cell's `s`), whether its number is a date.
export async function readDateStyles(zip: ZipParts, part: string | null): Promise<boolean[]> {
  if (!part) return [];
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  await zip.scan(part, {
    open: (name, attrs) => {
      if (name === 'numFmt') custom.set(Number(attrs.numFmtId), attrs.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfs.push(Number(attrs.numFmtId ?? 0));
    },
    close: (name) => {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text: () => undefined,
  });
  return xfs.map((id) =>
    custom.has(id) ? isDateFormat(custom.get(id)!) : DATE_FORMAT_IDS.has(id),
  );
}

// Every shared string, as the text a person sees (runs joined, phonetic
// guides left out). Each is bounded by the cell limit and all together by
// the sheet's text limit: one 60 MB string is refused while it inflates.
export async function readSharedStrings(
  zip: ZipParts,
  part: string | null,
  limits = IMPORT_LIMITS,
): Promise<string[]> {
  if (!part) return [];
  const strings: string[] = [];
  let current: string[] | null = null;
  let length = 0;
  let total = 0;
  let inText = false;
  let phonetic = 0;
  await zip.scan(part, {
    open: (name) => {
      if (name === 'si') {
        current = [];
        length = 0;
      } else if (name === 't') inText = true;
      else if (name === 'rPh') phonetic++;
    },
    close: (name) => {
      if (name === 'si' && current) {
        strings.push(current.join(''));
        current = null;
      } else if (name === 't') inText = false;
      else if (name === 'rPh') phonetic--;
    },
    text: (piece) => {
      if (!current || !inText || phonetic > 0) return;
      length += piece.length;
      total += piece.length;
      if (length > limits.cellChars)
        throw new ImportLimitExceeded({
          code: 'IMPORT_CELL_TOO_LONG',
          message: `shared string ${strings.length + 1} is longer than ${limits.cellChars} characters`,
          params: { limit: limits.cellChars },
        });
      if (total > limits.sheetChars) throw tooMuchText(limits);
      current.push(piece);
    },
  });
  return strings;
}

export const tooMuchText = (limits = IMPORT_LIMITS) =>
  new ImportLimitExceeded({
    code: 'IMPORT_SHEET_TOO_MUCH_TEXT',
    message: `the sheet holds more than ${limits.sheetChars} characters of text`,
    params: { limit: limits.sheetChars },
  });
