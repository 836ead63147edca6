import { IMPORT_LIMITS, IMPORT_LIMIT_STATUS, zipDirectoryProblem } from './upload-limits';

const MiB = 1024 * 1024;
const part = (name: string, uncompressedSize: number, compressedSize = uncompressedSize) => ({
  name,
  uncompressedSize,
  compressedSize,
});

describe('zipDirectoryProblem', () => {
  const ordinary = [
    part('[Content_Types].xml', 1200, 400),
    part('xl/workbook.xml', 900, 400),
    part('xl/sharedStrings.xml', 3 * MiB, 600 * 1024),
    part('xl/worksheets/sheet1.xml', 8 * MiB, 700 * 1024),
  ];

  it('lets an ordinary 5,000-row workbook through', () => {
    expect(zipDirectoryProblem(ordinary)).toBeNull();
  });

  it('refuses each bound with its code, before anything is inflated', () => {
    const codes = [
      [...ordinary, part('xl/worksheets/sheet2.xml', 60 * MiB, 300 * 1024)],
      [...ordinary, part('xl/worksheets/sheet2.xml', 30 * MiB, 100 * 1024)],
      [...ordinary, ...Array.from({ length: 3 }, (_, i) => part(`xl/media/${i}.png`, 40 * MiB))],
      Array.from({ length: 101 }, (_, i) => part(`xl/worksheets/sheet${i}.xml`, 100)),
      Array.from({ length: 501 }, (_, i) => part(`xl/x${i}.xml`, 100)),
    ].map((entries) => zipDirectoryProblem(entries)?.code);
    expect(codes).toEqual([
      'IMPORT_PART_TOO_LARGE',
      'IMPORT_COMPRESSION_RATIO',
      'IMPORT_WORKBOOK_TOO_LARGE',
      'IMPORT_TOO_MANY_SHEETS',
      'IMPORT_TOO_MANY_PARTS',
    ]);
  });

  it('does not hold a tiny part’s odd ratio against it', () => {
    expect(zipDirectoryProblem([part('xl/styles.xml', 900 * 1024, 10)])).toBeNull();
  });

  it('answers 413 for cost, 422 for shape and 503 for busy', () => {
    expect(IMPORT_LIMIT_STATUS.IMPORT_COMPRESSION_RATIO).toBe(413);
    expect(IMPORT_LIMIT_STATUS.IMPORT_TOO_MANY_ROWS).toBe(422);
    expect(IMPORT_LIMIT_STATUS.IMPORT_BUSY).toBe(503);
    expect(IMPORT_LIMITS.uploadBytes).toBe(10 * MiB);
  });
});
