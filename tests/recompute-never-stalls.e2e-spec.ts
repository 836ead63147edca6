import { Client } from 'pg';
import { Stack, waitFor } from './support/stack';
import {
  HeatFixture,
  deterministicScores,
  eligibleHeat,
  expectedRanking,
  total,
} from './support/judging-scenario';

// A ranking recompute must never stall a score write. The test holds a
// recompute in the middle of its transaction (it has read its snapshot and
// waits to store the ranking, because the test locks the ranking row), then
// sends a round of save-and-submits: every one is answered while the
// recompute is still in progress. Released, the ranking catches up and equals
// an independent computation.
describe('score writes proceed while a ranking recompute is in progress', () => {
  const stack = new Stack();
  let heat: HeatFixture;
  let roundId: string;

  beforeAll(async () => {
    await stack.start();
    heat = await eligibleHeat(stack, 6, 4, false);
    const { organiser, competition, judges } = heat;
    const round = await stack.post(
      `/heats/${competition.heatId}/rounds`,
      { name: '路演', kind: 'ROADSHOW', rubricId: competition.rubricId, method: 'MEAN' },
      organiser.token,
    );
    roundId = round.body.id;
    await stack.post(
      `/rounds/${roundId}/judges`,
      { judgeIds: judges.map((j) => j.id) },
      organiser.token,
    );
    await stack.post(`/rounds/${roundId}/assignments`, { judgesPerProject: 4 }, organiser.token);
    expect((await stack.post(`/rounds/${roundId}/open`, {}, organiser.token)).status).toBe(200);
  });
  afterAll(() => stack.stop());

  const submitted: { judgeId: string; projectId: string; total: number }[] = [];
  const submit = async (ji: number, pi: number) => {
    const scores = deterministicScores(ji, pi);
    const res = await stack.put(
      `/rounds/${roundId}/projects/${heat.projectIds[pi]}/score`,
      { scores, submit: true },
      heat.judges[ji].token,
    );
    expect(res.status).toBe(200);
    submitted.push({
      judgeId: heat.judges[ji].id,
      projectId: heat.projectIds[pi],
      total: total(scores),
    });
  };
  const judged = async () =>
    (
      (await stack.get(`/rounds/${roundId}/ranking`, heat.organiser.token)).body.entries as {
        judgeCount: number;
      }[]
    ).reduce((s, e) => s + e.judgeCount, 0);

  it('answers every write while the recompute waits, then the ranking is exact', async () => {
    await submit(0, 0);
    await waitFor('the first ranking', async () => (await judged()) === 1);

    const blocker = new Client({ connectionString: stack.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query('SELECT 1 FROM rankings WHERE round_id = $1 FOR UPDATE', [roundId]);
      await submit(1, 0);
      // The recompute this submit triggers has its snapshot and waits for the ranking row.
      await waitFor('a recompute waiting to store its ranking', async () => {
        const rows = await stack.sql(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND query LIKE '%INSERT INTO rankings%'`,
        );
        return rows.length === 1;
      });

      // Meanwhile, the rest of the round: 22 writes, all answered.
      const pairs = heat.judges.flatMap((_, ji) => heat.projectIds.map((__, pi) => [ji, pi]));
      await Promise.all(
        pairs.filter(([ji, pi]) => pi > 0 || ji > 1).map(([ji, pi]) => submit(ji, pi)),
      );
      expect(submitted).toHaveLength(24);

      const [{ waiting }] = await stack.sql(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'
            AND query LIKE '%INSERT INTO rankings%'`,
      );
      expect(waiting).toBe(1); // the recompute is still in progress
      expect(await judged()).toBe(1);
    } finally {
      await blocker.query('COMMIT');
      await blocker.end();
    }

    await waitFor('the ranking to cover all 24 scores', async () => (await judged()) === 24);
    const ranking = (await stack.get(`/rounds/${roundId}/ranking`, heat.organiser.token)).body;
    const expected = expectedRanking(submitted, 'MEAN');
    expect(
      ranking.entries.map(
        (e: { rank: number; projectId: string; score: number; judgeCount: number }) => [
          e.rank,
          e.projectId,
          e.score,
          e.judgeCount,
        ],
      ),
    ).toEqual(expected.map((e) => [e.rank, e.projectId, e.score, e.judgeCount]));
  });
});
