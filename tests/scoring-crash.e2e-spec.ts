import { Stack, waitFor } from './support/stack';
import {
  deterministicScores,
  eligibleHeat,
  expectedRanking,
  total,
} from './support/judging-scenario';

// SIGKILL the scoring worker in the middle of a burst of 1,000 score
// submissions; after a restart the final ranking still equals an independent
// computation from the submitted scores.
describe('scoring worker killed during a burst of 1,000 submissions', () => {
  const stack = new Stack({
    env: {
      WORKER_LOCK_MS: '2000',
      RELAY_LEASE_MS: '2000',
      RECONCILE_INTERVAL_MS: '1000',
      RECONCILE_AFTER_MS: '3000',
    },
  });

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('ends with the exact ranking', async () => {
    const heat = await eligibleHeat(stack, 40, 26);
    const { organiser, competition, judges, projectIds } = heat;
    const round = await stack.post(
      `/heats/${competition.heatId}/rounds`,
      {
        name: '路演',
        kind: 'ROADSHOW',
        rubricId: competition.rubricId,
        method: 'TRIMMED_MEAN',
        trim: 2,
      },
      organiser.token,
    );
    const roundId = round.body.id;
    // 26 judges, judge 0 in conflict with project 0 (同单位): 24 each, then topped up to 1,000.
    await stack.post(
      `/rounds/${roundId}/judges`,
      { judgeIds: judges.map((j) => j.id) },
      organiser.token,
    );
    const assigned = await stack.post(
      `/rounds/${roundId}/assignments`,
      { judgesPerProject: 24 },
      organiser.token,
    );
    expect(assigned.status).toBe(200);
    await stack.post(`/rounds/${roundId}/open`, {}, organiser.token);
    // Top the burst up to 1,000 with single assignments for judges 1..40-th slots not yet used.
    const list = (await stack.get(`/rounds/${roundId}/assignments`, organiser.token)).body
      .items as { judgeId: string; projectId: string }[];
    const have = new Set(list.map((a) => `${a.judgeId}:${a.projectId}`));
    for (const j of judges.slice(1)) {
      for (const p of projectIds) {
        if (have.size >= 1000) break;
        if (!have.has(`${j.id}:${p}`)) {
          expect(
            (
              await stack.request(
                'PUT',
                `/rounds/${roundId}/assignments/${p}/${j.id}`,
                undefined,
                organiser.token,
              )
            ).status,
          ).toBe(200);
          have.add(`${j.id}:${p}`);
        }
      }
    }
    const pairs = [...have].map((k) => {
      const [judgeId, projectId] = k.split(':');
      return { judge: judges.find((j) => j.id === judgeId)!, projectId };
    });
    expect(pairs).toHaveLength(1000);

    const submitted: { judgeId: string; projectId: string; total: number }[] = [];
    let killed = false;
    const queue = [...pairs];
    const workers = Array.from({ length: 16 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const scores = deterministicScores(
          judges.indexOf(next.judge),
          projectIds.indexOf(next.projectId),
        );
        const put = await stack.put(
          `/rounds/${roundId}/projects/${next.projectId}/score`,
          { scores },
          next.judge.token,
        );
        expect(put.status).toBe(200);
        expect(
          (
            await stack.post(
              `/rounds/${roundId}/projects/${next.projectId}/score/submit`,
              {},
              next.judge.token,
            )
          ).status,
        ).toBe(200);
        submitted.push({ judgeId: next.judge.id, projectId: next.projectId, total: total(scores) });
        if (!killed && submitted.length >= 350) {
          killed = true;
          await stack.killWorker('SIGKILL');
          setTimeout(() => stack.startWorker(), 1500);
        }
      }
    });
    await Promise.all(workers);
    expect(submitted).toHaveLength(1000);

    expect((await stack.post(`/rounds/${roundId}/close`, {}, organiser.token)).status).toBe(200);
    const ranking = await waitFor(
      'the final ranking',
      async () => {
        const r = (await stack.get(`/rounds/${roundId}/ranking`, organiser.token)).body;
        return r.final ? r : null;
      },
      90000,
      250,
    );
    const expected = expectedRanking(submitted, 'TRIMMED_MEAN', 2);
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
    await stack.drained(60000);
    const [{ recomputes }] = await stack.sql(
      `SELECT count(*)::int AS recomputes FROM processed_events WHERE consumer = 'scoring'`,
    );

    console.log(
      `scoring-crash: 1000 submissions, worker SIGKILLed after 350; ${recomputes} scoring events consumed, final ranking exact`,
    );
  });
});
