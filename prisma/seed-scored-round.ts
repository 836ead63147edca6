// A closed round of the demo, scored: every judge in the pool, assigned every
// project and submitted, the round's projects and its final ranking as the
// scoring rules (libs/domain) compute it. Shared by this season's finished
// heat and last season's final.
import { Criterion, computeRanking, judgeTotal } from '../libs/domain/src';
import { Prisma, Round, User } from '../libs/database/src/generated/prisma/client';

export async function seedScoredRound(
  tx: Prisma.TransactionClient,
  round: Round,
  criteria: Criterion[],
  judges: User[],
  projects: { id: string; title: string; organisationName: string }[],
  when: { assignedAt?: Date; submittedAt: Date; computedAt: Date },
  // The judge's base mark for a project; each criterion differs from it by ±1.
  mark: (judgeIndex: number, projectIndex: number) => number,
) {
  const totals = [];
  for (const [ji, judge] of judges.entries()) {
    await tx.roundJudge.create({
      data: {
        roundId: round.id,
        judgeId: judge.id,
        name: judge.name,
        email: judge.email,
        locale: judge.locale,
        affiliation: judge.affiliation,
      },
    });
    for (const [pi, p] of projects.entries()) {
      const base = mark(ji, pi);
      const scores = Object.fromEntries(
        criteria.map((c, ci) => [c.code, Math.min(100, base + ((ci + ji) % 3) - 1)]),
      );
      const total = judgeTotal(criteria, scores);
      totals.push({ judgeId: judge.id, projectId: p.id, total });
      await tx.assignment.create({
        data: {
          roundId: round.id,
          judgeId: judge.id,
          projectId: p.id,
          ...(when.assignedAt && { createdAt: when.assignedAt }),
        },
      });
      await tx.score.create({
        data: {
          roundId: round.id,
          judgeId: judge.id,
          projectId: p.id,
          scores,
          total,
          status: 'SUBMITTED',
          seq: BigInt(ji * 10 + pi + 1),
          submittedAt: when.submittedAt,
        },
      });
    }
  }
  for (const p of projects)
    await tx.roundProject.create({
      data: {
        roundId: round.id,
        projectId: p.id,
        title: p.title,
        organisationName: p.organisationName,
      },
    });
  const ranking = computeRanking('TRIMMED_MEAN', totals, 1);
  await tx.ranking.create({
    data: {
      roundId: round.id,
      method: 'TRIMMED_MEAN',
      final: true,
      computedAt: when.computedAt,
      sourceSeq: BigInt(1000),
      entries: ranking.map((e) => ({
        ...e,
        title: projects.find((p) => p.id === e.projectId)!.title,
      })),
    },
  });
  return ranking;
}
