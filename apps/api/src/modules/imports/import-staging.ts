import { createHash } from 'node:crypto';
import type { ImportKind } from '@app/domain';
import type { Prisma } from '@app/database';
import type { Analysis } from './import-analysis';
import type { ReadSheet } from './parse/spreadsheet-reader';

// The tables an import is staged in; a transaction client or the client.
export type ImportTables = Pick<Prisma.TransactionClient, 'importJob' | 'importRow'>;

export interface StagedImport {
  competitionId: string;
  kind: ImportKind;
  fileName: string;
  bytes: Buffer;
  sheet: ReadSheet;
  analysis: Analysis;
  createdById: string;
  heatId: string | null;
}

// Stores the job and every analysed row (valid ones PENDING, invalid ones
// SKIPPED with their problems) for the ImportRunner. The upload route and the
// demo seed both stage imports through here, so both run the same code.
export async function stageImport(db: ImportTables, input: StagedImport) {
  const { analysis } = input;
  const skipped = analysis.rows.filter((r) => !r.values).length;
  const job = await db.importJob.create({
    data: {
      competitionId: input.competitionId,
      kind: input.kind,
      fileName: input.fileName,
      fileSha256: createHash('sha256').update(input.bytes).digest('hex'),
      format: input.sheet.format,
      encoding: input.sheet.encoding,
      heatId: input.heatId,
      total: analysis.rows.length,
      skipped,
      processed: skipped,
      createdById: input.createdById,
    },
  });
  await db.importRow.createMany({
    data: analysis.rows.map((r) => ({
      importId: job.id,
      rowNumber: r.row,
      key: r.key || `row:${r.row}`,
      data: (r.values ?? {}) as Prisma.InputJsonValue,
      status: r.values ? ('PENDING' as const) : ('SKIPPED' as const),
      errors: r.problems.length ? (r.problems as unknown as Prisma.InputJsonValue) : undefined,
    })),
  });
  return job;
}
