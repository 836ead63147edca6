import { Injectable } from '@nestjs/common';
import { ProjectImportRow, RoleName } from '@app/domain';
import { EventPayloads } from '@app/events';
import { PrismaService, appendEvent, isUniqueViolation } from '@app/database';

// Which existing accounts an imported project may be attached to, when its
// contact address already has one: an applicant's own account, and nothing
// else. A staff account (admin, organiser) or a judge-only account named as
// contact would receive a project, and with it a say over it, from another
// competition's list; such a row fails instead.
export const canOwnImportedProject = (roles: RoleName[]): boolean =>
  roles.includes('APPLICANT') && !roles.includes('ADMIN') && !roles.includes('ORGANISER');

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
  // `named`: the mail for an owner whose account existed before the import,
  // written with the project so that it goes exactly once.
  async createImported(
    competitionId: string,
    ownerId: string,
    row: ProjectImportRow,
    named?: EventPayloads['imports.account-named'],
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
      const project = await this.prisma.$transaction(async (tx) => {
        const created = await tx.project.create({
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
        if (named) await appendEvent(tx, 'imports.account-named', created.id, named);
        return created;
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
