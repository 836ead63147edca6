import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import type { RegistrationFileCheck } from '../registration/registration.public';

// What registration asks of the files module when it validates answers: is
// this file id one stored for this project's field (so another applicant's
// file id in answers is refused), and which are current.
@Injectable()
export class FileLookupService implements RegistrationFileCheck {
  constructor(private readonly prisma: PrismaService) {}

  /** The file `fileId` if it was stored for this project's field `fieldKey`; else null. */
  async fileOfField(projectId: string, fieldKey: string, fileId: string) {
    const row = await this.prisma.storedFile.findFirst({
      where: { id: fileId, projectId, fieldKey },
      select: { id: true, name: true, version: true, supersededAt: true },
    });
    return row
      ? { id: row.id, name: row.name, version: row.version, current: row.supersededAt === null }
      : null;
  }

  /** Of `fileIds`, those not stored for this project's field (registration refuses them). */
  async foreignFileIds(projectId: string, fieldKey: string, fileIds: string[]): Promise<string[]> {
    if (!fileIds.length) return [];
    const rows = await this.prisma.storedFile.findMany({
      where: { id: { in: fileIds }, projectId, fieldKey },
      select: { id: true },
    });
    const own = new Set(rows.map((r) => r.id));
    return fileIds.filter((id) => !own.has(id));
  }

  /** The project's current file per field key (exports: names and links). */
  async currentFiles(projectIds: string[]) {
    if (!projectIds.length) return [];
    return this.prisma.storedFile.findMany({
      where: { projectId: { in: projectIds }, supersededAt: null },
      select: { id: true, projectId: true, fieldKey: true, name: true, size: true, version: true },
    });
  }

  /** Stored files by id, any version (exports: the version an answer names). */
  async filesByIds(ids: string[]) {
    if (!ids.length) return [];
    return this.prisma.storedFile.findMany({
      where: { id: { in: ids } },
      select: { id: true, projectId: true, fieldKey: true, name: true, size: true, version: true },
    });
  }
}
