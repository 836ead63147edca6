// What one spreadsheet upload may cost the api, and the refusal for each
// bound. An .xlsx is a zip: its size on the wire says little about what it
// inflates to (rows that deflate 300:1, one 60 MB shared string in a 63 KiB
// file), so every bound below is checked on what the zip declares before
// anything is inflated, and again on what is actually read.

const MiB = 1024 * 1024;

export const IMPORT_LIMITS = {
  // The upload itself, as sent (multipart part "file").
  uploadBytes: 10 * MiB,
  // Data rows read from the sheet (the header row not counted).
  rows: 5000,
  // Columns read per row; a non-empty cell further right refuses the file.
  columns: 200,
  // Characters in one cell: Excel's own limit.
  cellChars: 32_767,
  // Characters of cell text in the whole sheet, however often a shared
  // string is repeated.
  sheetChars: 16 * 1024 * 1024,
  // Zip entries (parts) in one workbook, and worksheets among them.
  zipEntries: 500,
  worksheets: 100,
  // What one part may inflate to, and all parts together.
  entryBytes: 50 * MiB,
  totalBytes: 100 * MiB,
  // Inflated : compressed bytes, for parts above `ratioFloorBytes` (tiny
  // parts compress oddly and cost nothing). Apache POI refuses above 100:1 too.
  ratio: 100,
  ratioFloorBytes: 1 * MiB,
  // The parse runs in a worker thread with this heap and this much time.
  workerHeapMb: 160,
  workerTimeoutMs: 30_000,
  // One parse at a time per api process; this many uploads wait their turn,
  // further ones are answered 503 with Retry-After.
  parseQueue: 3,
  retryAfterSeconds: 5,
} as const;

// A refusal's machine code (see docs/security.md) and its HTTP status: 413
// for "this costs more than an import may", 422 for "this is not a sheet we
// can read", 503 for "busy, retry".
export type ImportLimitCode =
  | 'IMPORT_FILE_TOO_LARGE'
  | 'IMPORT_TOO_MANY_PARTS'
  | 'IMPORT_TOO_MANY_SHEETS'
  | 'IMPORT_PART_TOO_LARGE'
  | 'IMPORT_WORKBOOK_TOO_LARGE'
  | 'IMPORT_COMPRESSION_RATIO'
  | 'IMPORT_TOO_MANY_ROWS'
  | 'IMPORT_TOO_MANY_COLUMNS'
  | 'IMPORT_CELL_TOO_LONG'
  | 'IMPORT_SHEET_TOO_MUCH_TEXT'
  | 'IMPORT_PARSE_LIMIT'
  | 'IMPORT_BUSY';

export const IMPORT_LIMIT_STATUS: Record<ImportLimitCode, 413 | 422 | 503> = {
  IMPORT_FILE_TOO_LARGE: 413,
  IMPORT_TOO_MANY_PARTS: 413,
  IMPORT_TOO_MANY_SHEETS: 413,
  IMPORT_PART_TOO_LARGE: 413,
  IMPORT_WORKBOOK_TOO_LARGE: 413,
  IMPORT_COMPRESSION_RATIO: 413,
  IMPORT_TOO_MANY_ROWS: 422,
  IMPORT_TOO_MANY_COLUMNS: 422,
  IMPORT_CELL_TOO_LONG: 422,
  IMPORT_SHEET_TOO_MUCH_TEXT: 413,
  IMPORT_PARSE_LIMIT: 413,
  IMPORT_BUSY: 503,
};

export interface ImportLimitProblem {
  code: ImportLimitCode;
  message: string;
  params: Record<string, string | number>;
}

export interface ZipEntryFacts {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

// Checked first, on the count the zip's end record declares.
export function partCountProblem(parts: number, limits = IMPORT_LIMITS): ImportLimitProblem | null {
  if (parts <= limits.zipEntries) return null;
  return {
    code: 'IMPORT_TOO_MANY_PARTS',
    message: `the workbook has ${parts} parts; at most ${limits.zipEntries}`,
    params: { parts, limit: limits.zipEntries },
  };
}

const isWorksheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name);

// The first bound a workbook's central directory breaks, or null. Declared
// sizes can lie; the reader also stops at them while inflating.
export function zipDirectoryProblem(
  entries: ZipEntryFacts[],
  limits = IMPORT_LIMITS,
): ImportLimitProblem | null {
  const tooMany = partCountProblem(entries.length, limits);
  if (tooMany) return tooMany;
  const sheets = entries.filter((e) => isWorksheet(e.name)).length;
  if (sheets > limits.worksheets)
    return {
      code: 'IMPORT_TOO_MANY_SHEETS',
      message: `the workbook has ${sheets} worksheets; at most ${limits.worksheets}`,
      params: { sheets, limit: limits.worksheets },
    };
  let total = 0;
  for (const e of entries) {
    if (e.uncompressedSize > limits.entryBytes)
      return {
        code: 'IMPORT_PART_TOO_LARGE',
        message: `the workbook part ${e.name} inflates to ${e.uncompressedSize} bytes; at most ${limits.entryBytes}`,
        params: { part: e.name, bytes: e.uncompressedSize, limit: limits.entryBytes },
      };
    if (
      e.uncompressedSize > limits.ratioFloorBytes &&
      e.uncompressedSize > limits.ratio * Math.max(e.compressedSize, 1)
    ) {
      const ratio = Math.round(e.uncompressedSize / Math.max(e.compressedSize, 1));
      return {
        code: 'IMPORT_COMPRESSION_RATIO',
        message: `the workbook part ${e.name} inflates ${ratio}:1; at most ${limits.ratio}:1`,
        params: { part: e.name, ratio, limit: limits.ratio },
      };
    }
    total += e.uncompressedSize;
  }
  if (total > limits.totalBytes)
    return {
      code: 'IMPORT_WORKBOOK_TOO_LARGE',
      message: `the workbook inflates to ${total} bytes; at most ${limits.totalBytes}`,
      params: { bytes: total, limit: limits.totalBytes },
    };
  return null;
}

// Thrown by the readers when a bound is met; the api answers it with the
// problem's status and code.
export class ImportLimitExceeded extends Error {
  constructor(readonly problem: ImportLimitProblem) {
    super(problem.message);
    this.name = 'ImportLimitExceeded';
  }
}
