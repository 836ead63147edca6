// A stored_files row as the API shows it.
export interface StoredFileRow {
  id: string;
  projectId: string;
  fieldKey: string;
  version: number;
  name: string;
  size: bigint;
  sha256: string;
  contentType: string;
  storageKey: string;
  createdAt: Date;
  supersededAt: Date | null;
}

export function fileView(row: StoredFileRow, current = row.supersededAt === null) {
  return {
    id: row.id,
    field: row.fieldKey,
    name: row.name,
    size: Number(row.size),
    sha256: row.sha256,
    contentType: row.contentType,
    version: row.version,
    createdAt: row.createdAt,
    supersededAt: row.supersededAt,
    current,
  };
}
