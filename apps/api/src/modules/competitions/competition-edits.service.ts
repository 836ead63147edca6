import { Injectable } from '@nestjs/common';
import { Criterion } from '@app/domain';
import { Prisma, PrismaService } from '@app/database';

type Tx = Prisma.TransactionClient;

export interface CompetitionPatch {
  name?: string;
  registrationOpensAt?: Date;
  registrationClosesAt?: Date;
  timeZone?: string;
}

export interface HeatPatch {
  name?: string;
  region?: string;
  city?: string;
  venue?: string;
  enclave?: string;
  startsAt?: Date;
  advanceQuota?: number;
}

/**
 * The writes behind PATCH of a competition, a heat or a rubric. Competitions
 * owns these tables; the editing rules (what may change once scores or
 * decisions exist) live in heats' EditingService, which calls these inside its
 * transaction together with judging's own updates and the audit row.
 */
@Injectable()
export class CompetitionEditsService {
  constructor(private readonly prisma: PrismaService) {}

  rubric(rubricId: string) {
    return this.prisma.rubric.findUnique({ where: { id: rubricId } });
  }

  updateCompetition(tx: Tx, id: string, patch: CompetitionPatch) {
    return tx.competition.update({ where: { id }, data: patch });
  }

  updateHeat(tx: Tx, heatId: string, patch: HeatPatch) {
    return tx.heat.update({ where: { id: heatId }, data: patch });
  }

  updateRubric(tx: Tx, rubricId: string, patch: { name?: string; criteria?: Criterion[] }) {
    return tx.rubric.update({
      where: { id: rubricId },
      data: {
        name: patch.name,
        criteria: patch.criteria as unknown as Prisma.InputJsonValue | undefined,
      },
    });
  }
}
