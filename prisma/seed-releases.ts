// Issue 12: decisions reach applicants only through releases. The demo shows
// its eligibility decisions and heat results as released (what each owner was
// told is recorded, as POST …/release records it), so the release previews
// list nobody until an organiser changes a decision.
import { randomUUID } from 'node:crypto';
import { Prisma, Project } from '../libs/database/src/generated/prisma/client';

type Tx = Prisma.TransactionClient;

export interface SeededRelease {
  competitionId: string;
  organiserId: string;
  heatId: string;
  projects: Project[];
  results: {
    projectId: string;
    result: 'ADVANCED' | 'ELIMINATED' | 'AWARDED';
    award: string | null;
  }[];
  at: number;
}

export async function seedReleases(tx: Tx, s: SeededRelease): Promise<void> {
  const releasedAt = new Date(s.at);
  const eligibilityRelease = randomUUID();
  const reviewed = s.projects.filter((p) => p.status === 'ELIGIBLE' || p.status === 'INELIGIBLE');
  for (const p of reviewed)
    await tx.eligibilityRelease.create({
      data: {
        projectId: p.id,
        competitionId: s.competitionId,
        decision: p.status,
        reason: p.status === 'INELIGIBLE' ? p.reviewReason : null,
        releaseId: eligibilityRelease,
        releasedAt: new Date(s.at - 86400000),
      },
    });
  const resultsRelease = randomUUID();
  for (const r of s.results)
    await tx.resultRelease.create({
      data: {
        heatId: s.heatId,
        projectId: r.projectId,
        competitionId: s.competitionId,
        result: r.result,
        award: r.award,
        releaseId: resultsRelease,
        releasedAt,
      },
    });
  const owners = (ids: string[]) =>
    new Set(s.projects.filter((p) => ids.includes(p.id)).map((p) => p.ownerId)).size;
  await tx.auditEntry.createMany({
    data: [
      {
        competitionId: s.competitionId,
        actorId: s.organiserId,
        action: 'eligibility.released',
        entityType: 'competition',
        entityId: s.competitionId,
        data: { releaseId: eligibilityRelease, mails: owners(reviewed.map((p) => p.id)) },
        at: new Date(s.at - 86400000),
      },
      {
        competitionId: s.competitionId,
        actorId: s.organiserId,
        action: 'heat.results-released',
        entityType: 'heat',
        entityId: s.heatId,
        data: {
          releaseId: resultsRelease,
          mails: owners(s.results.map((r) => r.projectId)),
        },
        at: releasedAt,
      },
    ],
  });
}
