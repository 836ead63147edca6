import {
  HeaderMapping,
  ImportKind,
  JudgeImportRow,
  ProjectImportContext,
  ProjectImportRow,
  RowValues,
  mapHeaders,
  rowKey,
  validateJudgeRow,
  validateProjectRow,
} from '@app/domain';
import type { ImportProblemDto, RowAction } from './dto/imports.dto';
import type { ReadSheet } from './parse/spreadsheet-reader';

export type ImportValues = JudgeImportRow | ProjectImportRow;

export interface AnalysedRow {
  row: number;
  key: string;
  values: ImportValues | null;
  problems: ImportProblemDto[];
  action: RowAction;
  invites: boolean;
}

export interface Analysis {
  mapping: HeaderMapping;
  fileProblems: ImportProblemDto[];
  rows: AnalysedRow[];
}

// What the database says about the rows, looked up in bulk by the service:
// only this competition's own facts. Whether an address has an account
// anywhere is never looked up for a dry run, so the answer cannot tell.
export interface ImportFacts {
  // Judges: what putting the row on this competition's list would change.
  rosterChange?: (row: JudgeImportRow) => 'ADDED' | 'UPDATED' | 'UNCHANGED';
  // Projects: references already imported into this competition.
  importedRefs?: Set<string>;
}

// Pure: parse every row into values or problems (by row and column), then
// flag duplicates within the file. Database facts come second (resolve).
export function analyseSheet(
  kind: ImportKind,
  sheet: ReadSheet,
  projectContext?: ProjectImportContext,
): Analysis {
  const mapping = mapHeaders(kind, sheet.headers);
  const fileProblems: ImportProblemDto[] = mapping.problems.map((p) => ({
    row: p.column ? sheet.headerRowNumber : null,
    column: p.column,
    header: p.header,
    field: p.field,
    message: p.message,
    messageZh: p.messageZh,
  }));
  if (fileProblems.length) return { mapping, fileProblems, rows: [] };
  const byField = new Map(mapping.columns.map((c) => [c.field, c]));
  const seen = new Map<string, number>();
  const rows = sheet.rows.map((r): AnalysedRow => {
    const values: RowValues = {};
    for (const c of mapping.columns) values[c.field] = r.cells[c.index] ?? '';
    const result =
      kind === 'JUDGES' ? validateJudgeRow(values) : validateProjectRow(values, projectContext!);
    const at = (field: string) => ({
      row: r.rowNumber,
      column: byField.get(field)?.column ?? null,
      header: byField.get(field)?.header ?? null,
      field,
    });
    if (!result.ok) {
      return {
        row: r.rowNumber,
        key: '',
        values: null,
        problems: result.problems.map((p) => ({
          ...at(p.field),
          message: p.message,
          messageZh: p.messageZh,
        })),
        action: 'INVALID',
        invites: false,
      };
    }
    const key = rowKey(kind, result.value);
    const first = seen.get(key);
    if (first !== undefined) {
      const field =
        kind === 'JUDGES'
          ? 'email'
          : byField.has('externalRef') && (result.value as ProjectImportRow).externalRef
            ? 'externalRef'
            : 'title';
      return {
        row: r.rowNumber,
        key,
        values: null,
        problems: [
          {
            ...at(field),
            message: `row ${r.rowNumber} repeats row ${first} (${key})`,
            messageZh: `第 ${r.rowNumber} 行与第 ${first} 行重复`,
          },
        ],
        action: 'INVALID',
        invites: false,
      };
    }
    seen.set(key, r.rowNumber);
    return {
      row: r.rowNumber,
      key,
      values: result.value,
      problems: [],
      action: 'CREATED',
      invites: false,
    };
  });
  return { mapping, fileProblems, rows };
}

// Predicts each valid row's outcome from what this competition already has.
// `invites`: the row's address is mailed (an invitation to set a password, or
// a notice to an existing account; the dry run does not say which).
export function resolveRows(kind: ImportKind, analysis: Analysis, facts: ImportFacts): void {
  const mailed = new Set<string>();
  for (const r of analysis.rows) {
    if (!r.values) continue;
    if (kind === 'JUDGES') {
      const row = r.values as JudgeImportRow;
      r.action = facts.rosterChange!(row);
      r.invites = r.action === 'ADDED';
    } else {
      const row = r.values as ProjectImportRow;
      if (facts.importedRefs!.has(row.importRef)) {
        r.action = 'UNCHANGED';
        continue;
      }
      r.action = 'CREATED';
      r.invites = !mailed.has(row.contact.email);
      mailed.add(row.contact.email);
    }
  }
}

export const allProblems = (a: Analysis): ImportProblemDto[] => [
  ...a.fileProblems,
  ...a.rows.flatMap((r) => r.problems),
];
