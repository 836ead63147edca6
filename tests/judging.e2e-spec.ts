import { Stack, waitFor } from './support/stack';
import {
  HeatFixture,
  deterministicScores,
  eligibleHeat,
  expectedRanking,
  round2,
  total,
} from './support/judging-scenario';

// A heat of 40 projects and 7 judges through assignment, scoring, close, and a
// final ranking equal to an independent computation.
describe('judging a heat, end to end', () => {
  const stack = new Stack({ env: { SCHEDULER_INTERVAL_MS: '300' } });
  let heat: HeatFixture;
  let roundId: string;

  beforeAll(async () => {
    await stack.start();
    heat = await eligibleHeat(stack, 40, 7);
  });
  afterAll(() => stack.stop());

  const judgeIndex = (id: string) => heat.judges.findIndex((j) => j.id === id);
  const projectIndex = (id: string) => heat.projectIds.indexOf(id);

  it('assigns every project to 3 judges without conflicts and even loads, mailing nobody before the round opens', async () => {
    const { organiser, competition, judges } = heat;
    const round = await stack.post(
      `/heats/${competition.heatId}/rounds`,
      {
        name: '专家评审',
        kind: 'EXPERT_REVIEW',
        rubricId: competition.rubricId,
        method: 'MEAN',
        weight: 1,
      },
      organiser.token,
    );
    expect(round.status).toBe(201);
    expect(round.body.status).toBe('DRAFT');
    roundId = round.body.id;

    expect(
      (
        await stack.post(
          `/rounds/${roundId}/judges`,
          { judgeIds: judges.map((j) => j.id) },
          organiser.token,
        )
      ).status,
    ).toBe(200);
    const tooMany = await stack.post(
      `/rounds/${roundId}/assignments`,
      { judgesPerProject: 8 },
      organiser.token,
    );
    expect(tooMany.status).toBe(422);

    const assigned = await stack.post(
      `/rounds/${roundId}/assignments`,
      { judgesPerProject: 3 },
      organiser.token,
    );
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignments).toBe(120);
    const loads: number[] = Object.values(assigned.body.loads);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);

    const list = (await stack.get(`/rounds/${roundId}/assignments`, organiser.token)).body
      .items as { judgeId: string; projectId: string }[];
    expect(list).toHaveLength(120);
    // 同单位回避: judge 0 works at project 0's organisation.
    expect(list.some((a) => a.judgeId === judges[0].id && a.projectId === heat.projectIds[0])).toBe(
      false,
    );
    for (const p of heat.projectIds) expect(list.filter((a) => a.projectId === p)).toHaveLength(3);

    // Assignment mails go out when the round opens (tests/assignment-mails).
    await stack.drained();
    for (const j of judges)
      expect(stack.smtp.to(j.email).filter((m) => m.subject?.startsWith('评审任务'))).toHaveLength(
        0,
      );
  });

  it('lets a judge declare its own conflict, which removes the assignment', async () => {
    const judge = heat.judges[1];
    const mine = (await stack.get('/judge/assignments', judge.token)).body.items as {
      projectId: string;
      roundId: string;
    }[];
    const target = mine[0].projectId;
    const other = heat.judges[2];
    expect(
      (
        await stack.post(
          `/rounds/${roundId}/conflicts`,
          { judgeId: other.id, projectId: target, reason: 'x' },
          judge.token,
        )
      ).status,
    ).toBe(403);
    const declared = await stack.post(
      `/rounds/${roundId}/conflicts`,
      { judgeId: judge.id, projectId: target, reason: '曾为该项目提供咨询' },
      judge.token,
    );
    expect(declared.status).toBe(201);
    expect(declared.body.removedAssignment).toBe(true);
    const after = (await stack.get('/judge/assignments', judge.token)).body.items as {
      projectId: string;
    }[];
    expect(after.map((a) => a.projectId)).not.toContain(target);
    expect(
      (
        await stack.put(
          `/rounds/${roundId}/projects/${target}/score`,
          { scores: deterministicScores(1, 0) },
          judge.token,
        )
      ).status,
    ).toBe(403);
  });

  it('validates scores, locks them on submit, reopens with a reason, and refuses after close', async () => {
    const { organiser } = heat;
    const judge = heat.judges[3];
    const mine = (await stack.get('/judge/assignments', judge.token)).body.items as {
      projectId: string;
    }[];
    const p = mine[0].projectId;
    const notMine = heat.projectIds.find((id) => !mine.some((m) => m.projectId === id))!;

    expect(
      (
        await stack.put(
          `/rounds/${roundId}/projects/${p}/score`,
          { scores: deterministicScores(3, 0) },
          judge.token,
        )
      ).status,
    ).toBe(409); // DRAFT round
    expect((await stack.post(`/rounds/${roundId}/open`, {}, organiser.token)).body.status).toBe(
      'OPEN',
    );

    expect(
      (
        await stack.put(
          `/rounds/${roundId}/projects/${notMine}/score`,
          { scores: deterministicScores(3, 0) },
          judge.token,
        )
      ).status,
    ).toBe(403);
    const outOfRange = await stack.put(
      `/rounds/${roundId}/projects/${p}/score`,
      { scores: { ...deterministicScores(3, 0), TECH: 101 } },
      judge.token,
    );
    expect(outOfRange.status).toBe(422);
    expect(outOfRange.body.details).toEqual([expect.objectContaining({ field: 'scores.TECH' })]);
    const { TEAM: _team, ...missing } = deterministicScores(3, 0);
    const missingRes = await stack.put(
      `/rounds/${roundId}/projects/${p}/score`,
      { scores: missing },
      judge.token,
    );
    expect(missingRes.status).toBe(422);
    expect(missingRes.body.details).toEqual([expect.objectContaining({ field: 'scores.TEAM' })]);
    expect(
      (await stack.put(`/rounds/${roundId}/projects/${p}/score`, { scores: 'high' }, judge.token))
        .status,
    ).toBe(400);

    const draft = await stack.put(
      `/rounds/${roundId}/projects/${p}/score`,
      { scores: { TECH: 1, BUSINESS: 1, MARKET: 1, TEAM: 1 } },
      judge.token,
    );
    expect(draft.status).toBe(200);
    expect(draft.body.status).toBe('DRAFT');
    const submitted = await stack.post(
      `/rounds/${roundId}/projects/${p}/score/submit`,
      {},
      judge.token,
    );
    expect(submitted.body.status).toBe('SUBMITTED');
    expect(
      (
        await stack.put(
          `/rounds/${roundId}/projects/${p}/score`,
          { scores: deterministicScores(3, 0) },
          judge.token,
        )
      ).status,
    ).toBe(409);
    // A repeated submit is idempotent: the same score again.
    const again = await stack.post(
      `/rounds/${roundId}/projects/${p}/score/submit`,
      {},
      judge.token,
    );
    expect(again.status).toBe(200);
    expect(again.body).toEqual(submitted.body);

    expect(
      (
        await stack.post(
          `/rounds/${roundId}/projects/${p}/score/reopen`,
          { judgeId: judge.id },
          organiser.token,
        )
      ).status,
    ).toBe(400);
    const reopened = await stack.post(
      `/rounds/${roundId}/projects/${p}/score/reopen`,
      { judgeId: judge.id, reason: '评委误录' },
      organiser.token,
    );
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('DRAFT');
    const [audit] = await stack.sql(
      `SELECT action, reason FROM audit_log WHERE action = 'score.reopened'`,
    );
    expect(audit).toEqual({ action: 'score.reopened', reason: '评委误录' });
  });

  it('shows progress, reminds judges with missing scores, and streams the ranking', async () => {
    const { organiser } = heat;
    const progress = (await stack.get(`/rounds/${roundId}/progress`, organiser.token)).body;
    expect(progress.assignments).toBe(119);
    expect(progress.submitted).toBe(0);
    expect(progress.missing).toHaveLength(7);

    const reminded = await stack.post(`/rounds/${roundId}/remind`, {}, organiser.token);
    expect(reminded.body.remindedJudges).toBe(7);
    await stack.drained();
    for (const j of heat.judges)
      expect(stack.smtp.to(j.email).filter((m) => m.subject?.startsWith('评分提醒'))).toHaveLength(
        1,
      );

    // The stream gives the current ranking at once, then one after each recompute.
    const controller = new AbortController();
    const res = await fetch(
      `${stack.apiUrl}/rounds/${roundId}/ranking/stream?access_token=${organiser.token}`,
      { signal: controller.signal },
    );
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const events: { entries: { projectId: string }[] }[] = [];
    let buffer = '';
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += Buffer.from(value).toString('utf8');
        let idx: number;
        while ((idx = buffer.indexOf('\n\n')) >= 0) {
          const chunk = buffer.slice(0, idx);
          buffer = buffer.slice(idx + 2);
          const data = chunk.split('\n').find((l) => l.startsWith('data:'));
          if (data) events.push(JSON.parse(data.slice(5)));
        }
      }
    })().catch(() => undefined);
    await waitFor('the first ranking event', () => events.length >= 1);
    const judge = heat.judges[4];
    const p = (
      (await stack.get('/judge/assignments', judge.token)).body.items as { projectId: string }[]
    )[0].projectId;
    await stack.put(
      `/rounds/${roundId}/projects/${p}/score`,
      { scores: deterministicScores(4, projectIndex(p)) },
      judge.token,
    );
    await stack.post(`/rounds/${roundId}/projects/${p}/score/submit`, {}, judge.token);
    await waitFor('a pushed ranking with the new score', () =>
      events.some((e) => e.entries.length === 1 && e.entries[0].projectId === p),
    );
    controller.abort();
    await pump;
  });

  it('closes with a final ranking equal to an independent computation', async () => {
    const { organiser, judges } = heat;
    const submitted: { judgeId: string; projectId: string; total: number }[] = [];
    await Promise.all(
      judges.map(async (judge) => {
        const mine = (await stack.get('/judge/assignments', judge.token)).body.items as {
          projectId: string;
          scoreStatus: string;
        }[];
        for (const a of mine) {
          const scores = deterministicScores(judgeIndex(judge.id), projectIndex(a.projectId));
          if (a.scoreStatus !== 'SUBMITTED') {
            const put = await stack.put(
              `/rounds/${roundId}/projects/${a.projectId}/score`,
              { scores },
              judge.token,
            );
            expect(put.status).toBe(200);
            expect(
              (
                await stack.post(
                  `/rounds/${roundId}/projects/${a.projectId}/score/submit`,
                  {},
                  judge.token,
                )
              ).status,
            ).toBe(200);
          }
          submitted.push({ judgeId: judge.id, projectId: a.projectId, total: total(scores) });
        }
      }),
    );
    expect(submitted).toHaveLength(119);
    expect((await stack.post(`/rounds/${roundId}/close`, {}, organiser.token)).body.status).toBe(
      'CLOSED',
    );
    const p = submitted[0];
    const owner = judges.find((j) => j.id === p.judgeId)!;
    expect(
      (
        await stack.put(
          `/rounds/${roundId}/projects/${p.projectId}/score`,
          { scores: deterministicScores(0, 0) },
          owner.token,
        )
      ).status,
    ).toBe(409);

    const ranking = await waitFor('the final ranking', async () => {
      const r = (await stack.get(`/rounds/${roundId}/ranking`, organiser.token)).body;
      return r.final ? r : null;
    });
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
    const top = ranking.entries[0];
    const topTotals = submitted.filter((s) => s.projectId === top.projectId).map((s) => s.total);
    expect(top.spread).toBe(round2(Math.max(...topTotals) - Math.min(...topTotals)));

    const csv = await stack.get(`/rounds/${roundId}/ranking.csv`, organiser.token);
    expect(csv.status).toBe(200);
    expect(String(csv.body).split('\r\n')).toHaveLength(40 + 2);

    const standings = (
      await stack.get(`/heats/${heat.competition.heatId}/standings`, organiser.token)
    ).body;
    expect(standings.final).toBe(true);
    expect(
      standings.entries.map((e: { projectId: string; score: number }) => [e.projectId, e.score]),
    ).toEqual(expected.map((e) => [e.projectId, e.score]));
    expect((await stack.get(`/rounds/${roundId}/ranking`, heat.judges[0].token)).status).toBe(403);
  });
});
