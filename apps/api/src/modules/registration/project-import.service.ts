import { Injectable } from '@nestjs/common';
import { ProjectImportRow } from '@app/domain';
import { PrismaService, isUniqueViolation } from '@app/database';

// Registration's side of a spreadsheet import: projects registered on another
// portal (a heat's list from a government site) enter as SUBMITTED, owned by
// their contact, keyed by `importRef` so the same list twice adds nothing.
@Injectable()
export class ProjectImportService {
  constructor(private readonly prisma: PrismaService) {}

  async existingRefs(competitionId: string, refs: string[]): Promise<Map<string, string>> {
    if (!refs.length) return new Map();
    const rows = await this.prisma.project.findMany({
      where: { competitionId, importRef: { in: refs } },
      select: { id: true, importRef: true },
    });
    return new Map(rows.map((r) => [r.importRef!, r.id]));
  }

  // Creates the project unless one with this reference exists; says which.
  async createImported(
    competitionId: string,
    ownerId: string,
    row: ProjectImportRow,
  ): Promise<{ projectId: string; created: boolean }> {
    const existing = await this.existingRefs(competitionId, [row.importRef]);
    if (existing.has(row.importRef))
      return { projectId: existing.get(row.importRef)!, created: false };
    const team = [
      {
        name: row.contact.name,
        role: '联系人',
        email: row.contact.email,
        ...(row.contact.phone ? { phone: row.contact.phone } : {}),
      },
      ...row.team.map((name) => ({ name, role: '成员' })),
    ];
    try {
      const project = await this.prisma.project.create({
        data: {
          competitionId,
          ownerId,
          heatId: row.heatId,
          trackCode: row.trackCode,
          title: row.title,
          summary: row.summary,
          organisation: row.organisation,
          organisationName: row.organisation.name.trim(),
          team: team,
          fundingStage: row.fundingStage,
          status: 'SUBMITTED',
          submittedAt: new Date(),
          importRef: row.importRef,
        },
        select: { id: true },
      });
      return { projectId: project.id, created: true };
    } catch (e) {
      // Another process imported the same row meanwhile.
      if (!isUniqueViolation(e)) throw e;
      const again = await this.existingRefs(competitionId, [row.importRef]);
      if (!again.has(row.importRef)) throw e;
      return { projectId: again.get(row.importRef)!, created: false };
    }
  }
}
