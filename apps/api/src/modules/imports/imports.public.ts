// What imports publishes besides its Nest module: the steps of an upload
// (read the file, analyse it, stage its rows), so the demo seed stages its
// judge list exactly as an uploaded file is staged.
import type { FastifyRequest } from 'fastify';
import { DomainError, IMPORT_LIMITS, fieldProblem } from '@app/domain';
import type { UploadedSheet } from './imports.service';
import { limitRefusal } from './parse/sheet-parser.service';
export { analyseSheet } from './import-analysis';
export { type ImportTables, stageImport } from './import-staging';
export { readSpreadsheet } from './parse/spreadsheet-reader';

// Uploads for other contexts' spreadsheets (the expert pool, issue 22): one
// spreadsheet read from a multipart request, with the same limits as every import.
export const MAX_IMPORT_BYTES = IMPORT_LIMITS.uploadBytes;

export const UPLOAD_BODY = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: { file: { type: 'string', format: 'binary', description: '.xlsx or .csv' } },
  },
};

export async function readUpload(req: FastifyRequest): Promise<UploadedSheet> {
  if (!req.isMultipart())
    throw DomainError.of(
      'UPLOAD_NOT_MULTIPART',
      'send the spreadsheet as multipart/form-data, part "file"',
      [fieldProblem('file', 'UPLOAD_NOT_MULTIPART', 'expected multipart/form-data')],
    );
  // The size is checked here, not left to the plugin's toBuffer(): busboy
  // stops a part at the limit and only marks it truncated, and a truncated
  // part read as a whole file is a different file. Past the limit nothing
  // more is kept (the rest of the part is drained, not buffered).
  const part = await req.file({
    limits: { fileSize: MAX_IMPORT_BYTES, files: 1 },
    throwFileSizeLimit: false,
  });
  if (!part || part.fieldname !== 'file')
    throw DomainError.of('UPLOAD_FILE_MISSING', 'no part named "file" in the upload', [
      fieldProblem('file', 'FIELD_REQUIRED', 'required'),
    ]);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_IMPORT_BYTES) chunks.push(chunk);
  }
  if (part.file.truncated || size > MAX_IMPORT_BYTES)
    throw limitRefusal({
      code: 'IMPORT_FILE_TOO_LARGE',
      message: `the file is larger than ${MAX_IMPORT_BYTES} bytes (10 MiB)`,
      params: { limit: MAX_IMPORT_BYTES },
    });
  return { fileName: part.filename || 'upload', bytes: Buffer.concat(chunks) };
}
