import { Stack, waitFor } from './support/stack';
import {
  HeatFixture,
  deterministicScores,
  eligibleHeat,
  expectedRanking,
  total,
} from './support/judging-scenario';

interface RankingEvent {
  entries: { judgeCount: number }[];
}

// Reads a round's Server-Sent Events stream from one api process.
function followRanking(apiUrl: string, roundId: string, token: string) {
  const controller = new AbortController();
  const events: RankingEvent[] = [];
  const done = (async () => {
    const res = await fetch(`${apiUrl}/rounds/${roundId}/ranking/stream?access_token=${token}`, {
      signal: controller.signal,
    });
    if (res.status !== 200) throw new Error(`stream: ${res.status}`);
    const reader = res.body!.getReader();
    let buffer = '';
    for (;;) {
      const { value, done: end } = await reader.read();
      if (end) return;
      buffer += Buffer.from(value).toString('utf8');
      let idx: number;
      while ((idx = buffer.indexOf('\n\n')) >= 0) {
        const data = buffer
          .slice(0, idx)
          .split('\n')
          .find((l) => l.startsWith('data:'));
        buffer = buffer.slice(idx + 2);
        if (data) events.push(JSON.parse(data.slice(5)) as RankingEvent);
      }
    }
  })().catch(() => undefined);
  return { events, stop: () => (controller.abort(), done) };
}

// Two api and two worker processes against one PostgreSQL and Redis, as a park
// scales them: both schedulers race for the reminder, both relays and both
// scoring workers share the events, requests alternate between the apis, and
// one worker is SIGKILLed in the middle of the burst and restarted.
describe('2 api and 2 worker processes through a heat, a worker killed mid-burst', () => {
  const stack = new Stack({
    apiProcesses: 2,
    workerProcesses: 2,
    env: {
      SCHEDULER_INTERVAL_MS: '100',
      REMINDER_BEFORE_CLOSE_MS: String(3600 * 1000),
      WORKER_LOCK_MS: '2000',
      RELAY_LEASE_MS: '2000',
      RECONCILE_INTERVAL_MS: '1000',
      RECONCILE_AFTER_MS: '3000',
    },
  });
  let heat: HeatFixture;

  beforeAll(async () => {
    await stack.start();
    heat = await eligibleHeat(stack, 24, 8, false);
  });
  afterAll(() => stack.stop());

  it('sends every mail once, one scheduled reminder per judge, and ends with the exact ranking on every api', async () => {
    const { organiser, competition, judges, projectIds } = heat;
    // Closes in 30 minutes, reminders 1 hour before close: due as soon as it opens.
    const round = await stack.post(
      `/heats/${competition.heatId}/rounds`,
      {
        name: '路演',
        kind: 'ROADSHOW',
        rubricId: competition.rubricId,
        method: 'TRIMMED_MEAN',
        trim: 1,
        closesAt: new Date(Date.now() + 30 * 60 * 1000).toISOString(),
      },
      organiser.token,
    );
    expect(round.status).toBe(201);
    const roundId = round.body.id as string;
    await stack.post(
      `/rounds/${roundId}/judges`,
      { judgeIds: judges.map((j) => j.id) },
      organiser.token,
    );
    const assigned = await stack.post(
      `/rounds/${roundId}/assignments`,
      { judgesPerProject: 6 },
      organiser.token,
    );
    expect(assigned.status).toBe(200);
    expect((await stack.post(`/rounds/${roundId}/open`, {}, organiser.token)).status).toBe(200);

    // Both workers' schedulers see the reminder due; one claims it.
    await waitFor('a reminder for every judge', () =>
      judges.every((j) => stack.smtp.to(j.email).some((m) => m.subject?.startsWith('评分提醒'))),
    );
    // Every mail out before the kill below: a SIGKILL between the SMTP server's
    // acceptance and the SENT mark may repeat a mail (with its Message-ID),
    // and this test counts exactly one delivery per mail. The burst kills
    // during score writes, which mail nobody.
    await stack.drained(60000);

    // A stream on each api: the NOTIFY of a recompute reaches both.
    const streams = stack.apiUrls.map((url) => followRanking(url, roundId, organiser.token));
    await waitFor('both streams open', () => streams.every((s) => s.events.length >= 1));

    const list = (await stack.get(`/rounds/${roundId}/assignments`, organiser.token)).body
      .items as { judgeId: string; projectId: string }[];
    expect(list).toHaveLength(144);
    const submitted: { judgeId: string; projectId: string; total: number }[] = [];
    const queue = [...list];
    let killed = false;
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const ji = judges.findIndex((j) => j.id === next.judgeId);
          const scores = deterministicScores(ji, projectIds.indexOf(next.projectId));
          const res = await stack.put(
            `/rounds/${roundId}/projects/${next.projectId}/score`,
            { scores, submit: true },
            judges[ji].token,
          );
          expect(res.status).toBe(200);
          submitted.push({
            judgeId: next.judgeId,
            projectId: next.projectId,
            total: total(scores),
          });
          if (!killed && submitted.length >= 50) {
            killed = true;
            await stack.killWorker('SIGKILL', 0);
            setTimeout(() => stack.startWorker(0), 1500);
          }
        }
      }),
    );
    expect(submitted).toHaveLength(144);

    const expected = expectedRanking(submitted, 'TRIMMED_MEAN', 1).map((e) => [
      e.rank,
      e.projectId,
      e.score,
      e.judgeCount,
    ]);
    // Every api pushes the complete ranking.
    await waitFor(
      'both streams to push the ranking of all 144 scores',
      () =>
        streams.every((s) =>
          s.events.some((e) => e.entries.reduce((n, x) => n + x.judgeCount, 0) === 144),
        ),
      60000,
    );
    await Promise.all(streams.map((s) => s.stop()));

    expect((await stack.post(`/rounds/${roundId}/close`, {}, organiser.token)).status).toBe(200);
    const ranking = await waitFor(
      'the final ranking',
      async () => {
        const r = (await stack.get(`/rounds/${roundId}/ranking`, organiser.token)).body;
        return r.final ? r : null;
      },
      60000,
      200,
    );
    expect(
      ranking.entries.map(
        (e: { rank: number; projectId: string; score: number; judgeCount: number }) => [
          e.rank,
          e.projectId,
          e.score,
          e.judgeCount,
        ],
      ),
    ).toEqual(expected);
    // Both apis answer the same final ranking.
    const other = (await stack.get(`/rounds/${roundId}/ranking`, organiser.token)).body;
    expect(other.entries).toEqual(ranking.entries);

    await stack.drained(60000);
    // One reminder event for the round, one reminder mail per judge.
    const [{ reminders }] = await stack.sql(
      `SELECT count(*)::int AS reminders FROM outbox_events
        WHERE type = 'judging.reminder-requested' AND aggregate_id = $1`,
      [roundId],
    );
    expect(reminders).toBe(1);
    for (const j of judges)
      expect(stack.smtp.to(j.email).filter((m) => m.subject?.startsWith('评分提醒'))).toHaveLength(
        1,
      );
    // Every mail row sent exactly once: one SMTP delivery per Message-ID, none missing.
    const sent = await stack.sql<{ id: string }>(
      `SELECT id FROM notifications WHERE status = 'SENT'`,
    );
    const [{ other: unsent }] = await stack.sql(
      `SELECT count(*)::int AS other FROM notifications WHERE status <> 'SENT'`,
    );
    expect(unsent).toBe(0);
    const ids = stack.smtp.mails.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(sent.length);
    for (const { id } of sent) expect(ids.some((mid) => mid?.includes(id))).toBe(true);
    // Every scoring event consumed once.
    const [{ unconsumed }] = await stack.sql(
      `SELECT count(*)::int AS unconsumed FROM outbox_events o
        WHERE type LIKE 'judging.%' AND NOT EXISTS (SELECT 1 FROM processed_events p WHERE p.event_id = o.id)`,
    );
    expect(unconsumed).toBe(0);
  });
});
