import type { Prisma } from '@app/database';

// Registration's side of the final's awards, as plain functions over a client
// or a transaction: the api's RegistrationService and the demo seed use the
// same ones, so a seeded final follows the rules the api applies.

type ProjectTable = Pick<Prisma.TransactionClient, 'project'>;

// The projects a final's awards are decided among.
export function finalistsOf(db: ProjectTable, heatId: string) {
  return db.project.findMany({
    where: { heatId, status: { in: ['ELIGIBLE', 'AWARDED', 'ELIMINATED'] } },
    select: { id: true, title: true, ownerId: true },
  });
}

// The final's outcome, inside the award assignment's transaction; a later
// re-assignment (a resolved tie, a correction) may swap AWARDED and ELIMINATED.
export async function applyFinalOutcome(
  tx: ProjectTable,
  heatId: string,
  outcome: { awarded: string[]; notAwarded: string[] },
): Promise<void> {
  const among: Prisma.ProjectWhereInput = {
    heatId,
    status: { in: ['ELIGIBLE', 'AWARDED', 'ELIMINATED'] },
  };
  await tx.project.updateMany({
    where: { ...among, id: { in: outcome.awarded } },
    data: { status: 'AWARDED' },
  });
  await tx.project.updateMany({
    where: { ...among, id: { in: outcome.notAwarded } },
    data: { status: 'ELIMINATED' },
  });
}
