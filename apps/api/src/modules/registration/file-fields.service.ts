import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/database';
import { FormField, RegistrationForm } from '@app/domain';
import { CompetitionsService } from '../competitions/competitions.service';

// What the files module asks of registration (its FileFieldResolver port,
// bound in files.module.ts): a project's owner and deadline, and the file
// fields of the competition's registration form. Reads only `definition` of
// registration_forms (a RegistrationForm, libs/domain).
@Injectable()
export class RegistrationFileFields {
  constructor(
    private readonly prisma: PrismaService,
    private readonly competitions: CompetitionsService,
  ) {}

  async project(projectId: string) {
    const p = await this.prisma.project.findUnique({
      where: { id: projectId },
      select: {
        id: true,
        competitionId: true,
        heatId: true,
        ownerId: true,
        title: true,
        status: true,
      },
    });
    if (!p) return null;
    const ctx = await this.competitions.registrationContext(p.competitionId);
    return {
      projectId: p.id,
      competitionId: p.competitionId,
      heatId: p.heatId,
      ownerId: p.ownerId,
      title: p.title,
      closesAt: ctx.closesAt,
      timeZone: ctx.timeZone,
      deadlinePassed: Date.now() >= ctx.closesAt.getTime(),
      status: p.status as string,
    };
  }

  async resolve(projectId: string, fieldKey: string) {
    const project = await this.project(projectId);
    if (!project) return null;
    const field = (await this.fileFields(project.competitionId)).find((f) => f.key === fieldKey);
    return field ? { ...project, field } : null;
  }

  async fileFields(competitionId: string): Promise<FormField[]> {
    const rows = await this.prisma.$queryRaw<{ definition: RegistrationForm | null }[]>`
      SELECT definition FROM registration_forms WHERE competition_id = ${competitionId}::uuid`;
    const fields = rows[0]?.definition?.fields;
    return Array.isArray(fields) ? fields.filter((f) => f?.type === 'file') : [];
  }

  async projectsOfHeat(heatId: string) {
    return this.prisma.project.findMany({
      where: { heatId, status: { notIn: ['DRAFT', 'WITHDRAWN'] } },
      select: { id: true, title: true },
      orderBy: { createdAt: 'asc' },
    });
  }
}
