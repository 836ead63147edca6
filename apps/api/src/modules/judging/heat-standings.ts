import { combineRounds, rankEntries, roundHalfAwayFromZero } from '@app/domain';
import type { Prisma } from '@app/database';
import type { RankingEntry } from './rankings.service';

type StandingsTables = Pick<Prisma.TransactionClient, 'round' | 'ranking' | 'roundProject'>;

// A heat's standings, weighted over its closed rounds' final rankings. A plain
// function over a client or a transaction, so the demo seed reads a seeded
// heat exactly as GET /heats/:id/standings (and the award assignment) does.
export async function heatStandings(db: StandingsTables, heatId: string) {
  const rounds = await db.round.findMany({
    where: { heatId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const closed = rounds.filter((r) => r.status === 'CLOSED');
  const rankings = await db.ranking.findMany({
    where: { roundId: { in: closed.map((r) => r.id) }, final: true },
  });
  const projects = await db.roundProject.findMany({
    where: { roundId: { in: rounds.map((r) => r.id) } },
  });
  const titles = new Map(projects.map((p) => [p.projectId, p.title]));
  const results = closed.map((r) => {
    const entries = (rankings.find((k) => k.roundId === r.id)?.entries ??
      []) as unknown as RankingEntry[];
    return {
      weight: r.weight,
      entries,
      scores: new Map(entries.map((e) => [e.projectId, e.score])),
    };
  });
  const combined = combineRounds([...titles.keys()], results);
  const entries = rankEntries(combined).map((e) => {
    const own = results.flatMap((r) => r.entries.filter((x) => x.projectId === e.projectId));
    return {
      rank: e.rank,
      projectId: e.projectId,
      title: titles.get(e.projectId) ?? '',
      score: e.score,
      judgeCount: own.reduce((s, x) => s + x.judgeCount, 0),
      spread: roundHalfAwayFromZero(Math.max(0, ...own.map((x) => x.spread))),
    };
  });
  return {
    heatId,
    rounds: rounds.map((r) => ({
      id: r.id,
      name: r.name,
      // Each round's method (and so its scale): a heat never mixes ZSCORE
      // with 0–100 rounds (refused at round creation).
      method: r.method,
      weight: r.weight,
      status: r.status,
      included: closed.includes(r),
    })),
    // Every round closed and its final ranking computed: the standings are settled.
    final:
      rounds.length > 0 && closed.length === rounds.length && rankings.length === closed.length,
    entries,
  };
}
