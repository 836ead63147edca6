import { Actor, DomainError } from '@app/domain';
import { PrismaService, SAVE_SCORE, closeRound } from '@app/database';
import { waitFor } from '../support/stack';
import { JudgingModule } from '../../apps/api/src/modules/judging/judging.module';
import { CompetitionsModule } from '../../apps/api/src/modules/competitions/competitions.module';
import { TestWorld, lockWaiters, providerOf, sleep } from './support/harness';
import { OpenRound, openRound } from './support/judging-fixture';

// The score write (SAVE_SCORE, one statement holding the round FOR KEY SHARE)
// against the round's close (FOR UPDATE, then OPEN → CLOSED with its event):
// no score gets into a closed round, the close comes after every score it
// lets in, and two writes to one score never lose one of them.

interface ScoreAnswer {
  status: 'DRAFT' | 'SUBMITTED';
  scores: Record<string, number>;
  comment: string | null;
}
interface ScoreWriter {
  save(
    actor: Actor,
    roundId: string,
    projectId: string,
    dto: { scores: Record<string, number>; comment?: string; submit?: boolean },
  ): Promise<ScoreAnswer>;
}
interface RoundCloser {
  close(
    actor: Actor,
    roundId: string,
    dto?: { force?: boolean; reason?: string },
  ): Promise<unknown>;
}

const PROCESSES = 3;
const ITERATIONS = 30;

let world: TestWorld;
let writers: ScoreWriter[];
let closers: { rounds: RoundCloser; prisma: PrismaService }[];

const judge = (id: string): Actor => ({ id, roles: ['JUDGE'] });
const scores = (n: number) => ({ tech: 50 + (n % 50), market: 40 + (n % 60) });
const codeOf = (e: unknown) =>
  e instanceof DomainError ? e.code : `not a DomainError: ${String(e)}`;

beforeAll(async () => {
  world = await TestWorld.create();
  const Scoring = providerOf<ScoreWriter>(JudgingModule, 'ScoringService');
  const Rounds = providerOf<RoundCloser>(JudgingModule, 'RoundsService');
  const Competitions = providerOf<object>(CompetitionsModule, 'CompetitionsService');
  const Pledges = providerOf<object>(JudgingModule, 'PledgeService');
  const DoubleMarking = providerOf<object>(JudgingModule, 'DoubleMarkingService');
  // Several api processes: each its own pools, its own criteria cache.
  writers = [];
  closers = [];
  for (let i = 0; i < PROCESSES; i++) {
    const prisma = world.prisma();
    const competitions = new Competitions(prisma);
    const rounds = new Rounds(prisma, competitions);
    // The pledge and 2+1 checks of a write use only the database here (no
    // pledge, no double marking): the services they would call otherwise are absent.
    const pledges = new Pledges(prisma, competitions, null);
    const doubleMarking = new DoubleMarking(prisma, rounds, null, competitions);
    writers.push(new Scoring(prisma, world.pg(), rounds, pledges, doubleMarking));
    closers.push({ rounds, prisma });
  }
});

afterAll(() => world?.close());

async function closeEvent(roundId: string) {
  const rows = await world.sql<{ seq: string; xid: string }>(
    `SELECT payload->>'seq' AS seq, payload->>'xid' AS xid FROM outbox_events
      WHERE type = 'judging.round-closed' AND aggregate_id = $1`,
    [roundId],
  );
  expect(rows).toHaveLength(1);
  return { seq: BigInt(rows[0].seq), xid: BigInt(rows[0].xid) };
}

async function storedScores(roundId: string) {
  return world.sql<{
    judge_id: string;
    project_id: string;
    status: string;
    seq: string;
    total: number;
  }>(`SELECT judge_id, project_id, status, seq::text, total FROM scores WHERE round_id = $1`, [
    roundId,
  ]);
}

describe('a score write against the round close', () => {
  it(`lets no score into a closed round and closes after every score it let in (${ITERATIONS} races)`, async () => {
    let accepted = 0;
    let refused = 0;
    let mixed = 0; // races the close landed in the middle of
    for (let it = 0; it < ITERATIONS; it++) {
      const round: OpenRound = await openRound(world, { judges: 4, projects: 3 });
      const pairs = round.judges.flatMap((j) => round.projects.map((p) => ({ j, p })));
      // Prime each process's criteria cache, so the writes are one statement each.
      await Promise.all(
        writers.map((w, i) =>
          w
            .save(judge(round.judges[i % 4]), round.roundId, round.projects[0], {
              scores: scores(it),
            })
            .then(() => undefined),
        ),
      );
      const closer = closers[it % PROCESSES];
      // The writes arrive over ~30 ms (as a roadshow's judges press submit);
      // the close lands somewhere among them.
      const closeAfterMs = 2 + ((it * 7) % 20);
      let seenAtClose = -1;
      const close = sleep(closeAfterMs).then(async () => {
        if (it % 2 === 0) {
          // The organiser's close: refuses over drafts unless forced (the
          // primed drafts above), under the same FOR UPDATE.
          await closer.rounds.close(round.admin, round.roundId, { force: true, reason: '时间到' });
          return;
        }
        // The scheduler's close, and what that transaction sees once it holds the round.
        await closer.prisma.$transaction(async (tx) => {
          expect(await closeRound(tx, round.roundId)).toBe(true);
          seenAtClose = await tx.score.count({
            where: { roundId: round.roundId, status: 'SUBMITTED' },
          });
        });
      });
      const writes = pairs.map(({ j, p }, i) =>
        sleep(((i * 5 + it) % 12) * 2.5)
          .then(() =>
            writers[i % PROCESSES].save(judge(j), round.roundId, p, {
              scores: scores(i + it),
              submit: true,
            }),
          )
          .then(
            (answer) => ({ j, p, ok: true as const, answer }),
            (error: unknown) => ({ j, p, ok: false as const, code: codeOf(error) }),
          ),
      );
      const [results] = await Promise.all([Promise.all(writes), close]);

      // Every write either went in (SUBMITTED) or was refused as a closed round.
      const ins = results.filter((r) => r.ok);
      const outs = results.filter((r) => !r.ok);
      for (const r of ins) if (r.ok) expect(r.answer.status).toBe('SUBMITTED');
      expect(new Set(outs.map((r) => (r.ok ? '' : r.code)))).toEqual(
        new Set(outs.length ? ['ROUND_NOT_OPEN'] : []),
      );
      accepted += ins.length;
      refused += outs.length;
      if (ins.length && outs.length) mixed += 1;

      // What is stored is exactly what was accepted: nothing refused slipped in.
      const stored = await storedScores(round.roundId);
      const submitted = stored.filter((s) => s.status === 'SUBMITTED');
      expect(submitted.map((s) => `${s.judge_id}/${s.project_id}`).sort()).toEqual(
        ins.map((r) => `${r.j}/${r.p}`).sort(),
      );
      // The close is ordered after every score it let in (its change number
      // is drawn once the writers holding the round have committed) …
      const closed = await closeEvent(round.roundId);
      for (const s of submitted) expect(BigInt(s.seq)).toBeLessThan(closed.seq);
      // … and the scheduler's closing transaction saw every one of them.
      if (it % 2 === 1) expect(seenAtClose).toBe(submitted.length);
      // One change event per accepted submit, none for a refused one.
      const [events] = await world.sql<{ n: string }>(
        `SELECT count(*) AS n FROM outbox_events
          WHERE type = 'judging.scores-changed' AND aggregate_id = $1 AND payload->>'change' = 'SUBMITTED'`,
        [round.roundId],
      );
      expect(Number(events.n)).toBe(ins.length);
      const [status] = await world.sql<{ status: string }>(
        `SELECT status FROM rounds WHERE id = $1`,
        [round.roundId],
      );
      expect(status.status).toBe('CLOSED');
    }
    // The races really went both ways.
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    expect(mixed).toBeGreaterThan(0);
    if (process.env.INTEGRATION_VERBOSE)
      console.log({ races: ITERATIONS, accepted, refused, mixed });
  });

  it('a write in flight holds the close back; the close then sees it', async () => {
    const round = await openRound(world, { judges: 1, projects: 1 });
    const [{ fingerprint }] = await world.sql<{ fingerprint: string }>(
      `SELECT md5(criteria::text) AS fingerprint FROM rounds WHERE id = $1`,
      [round.roundId],
    );
    const client = await world.pg().pool.connect();
    try {
      await client.query('BEGIN');
      // The api's statement, with its parameters, left uncommitted.
      const { rows } = await client.query(SAVE_SCORE, [
        round.roundId,
        round.judges[0],
        round.projects[0],
        JSON.stringify({ tech: 80, market: 70 }),
        null,
        76,
        true,
        fingerprint,
      ]);
      expect(rows[0].written).toBe(true);
      const before = await lockWaiters(world);
      const close = closers[0].rounds.close(round.admin, round.roundId);
      await waitFor(
        'the close to wait for the writer',
        async () => (await lockWaiters(world)) > before,
      );
      await sleep(100);
      const [still] = await world.sql(`SELECT status FROM rounds WHERE id = $1`, [round.roundId]);
      expect(still.status).toBe('OPEN');
      await client.query('COMMIT');
      await close;
    } finally {
      client.release();
    }
    const [score] = await storedScores(round.roundId);
    expect(score.status).toBe('SUBMITTED');
    expect(BigInt(score.seq)).toBeLessThan((await closeEvent(round.roundId)).seq);
  });

  it('a close in flight holds the write back; the write then finds the round CLOSED', async () => {
    const round = await openRound(world, { judges: 1, projects: 1 });
    // Prime the criteria cache, so the write below is the one statement.
    await writers[1].save(judge(round.judges[0]), round.roundId, round.projects[0], {
      scores: { tech: 10, market: 10 },
    });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const close = closers[0].prisma.$transaction(
      async (tx) => {
        expect(await closeRound(tx, round.roundId)).toBe(true);
        locked();
        await held;
      },
      { timeout: 30000 },
    );
    await isLocked;
    const before = await lockWaiters(world);
    const write = writers[1]
      .save(judge(round.judges[0]), round.roundId, round.projects[0], {
        scores: { tech: 90, market: 90 },
        submit: true,
      })
      .then(
        () => 'written',
        (e: unknown) => codeOf(e),
      );
    await waitFor(
      'the write to wait for the close',
      async () => (await lockWaiters(world)) > before,
    );
    release();
    await close;
    expect(await write).toBe('ROUND_NOT_OPEN');
    const [score] = await storedScores(round.roundId);
    expect(score.status).toBe('DRAFT');
    expect(score.total).toBeCloseTo(10);
  });
});

describe('two writes to one score', () => {
  it('never lose an update: one submit wins, every answer agrees with what is stored', async () => {
    const round = await openRound(world, { judges: 6, projects: 5 });
    const pairs = round.judges.flatMap((j) => round.projects.map((p) => ({ j, p })));
    const REQUESTS = 6;
    await Promise.all(
      pairs.map(async ({ j, p }, pairIndex) => {
        // Drafts and submits of different content, from three processes at once.
        const requests = Array.from({ length: REQUESTS }, (_, k) => ({
          submit: k % 2 === 1,
          scores: { tech: 10 + k, market: 20 + ((pairIndex + k) % 50) },
        }));
        const answers = await Promise.all(
          requests.map((dto, k) =>
            writers[k % PROCESSES].save(judge(j), round.roundId, p, dto).then(
              (a) => ({ dto, ok: true as const, a }),
              (e: unknown) => ({ dto, ok: false as const, code: codeOf(e) }),
            ),
          ),
        );
        const [stored] = await world.sql<{
          status: string;
          scores: Record<string, number>;
          seq: string;
        }>(
          `SELECT status, scores, seq::text FROM scores WHERE round_id = $1 AND judge_id = $2 AND project_id = $3`,
          [round.roundId, j, p],
        );
        expect(stored.status).toBe('SUBMITTED');
        // Every submit that was answered OK answers the stored content: none
        // was told "submitted" and then overwritten.
        const okSubmits = answers.filter((x) => x.ok && x.dto.submit);
        expect(okSubmits.length).toBeGreaterThanOrEqual(1);
        for (const x of okSubmits) {
          expect(x.dto.scores).toEqual(stored.scores);
          if (x.ok) expect(x.a.status).toBe('SUBMITTED');
        }
        // The refusals are the documented ones, never a server error.
        for (const x of answers)
          if (!x.ok)
            expect(['SCORE_SUBMITTED_DIFFERENT', 'SCORE_LOCKED', 'CHANGED_MEANWHILE']).toContain(
              x.code,
            );
        // A refused submit was refused because another content is stored.
        for (const x of answers)
          if (!x.ok && x.dto.submit) expect(x.dto.scores).not.toEqual(stored.scores);
        // Exactly one submit was written: one change event, carrying the stored row's number.
        const events = await world.sql<{ seq: string }>(
          `SELECT payload->>'seq' AS seq FROM outbox_events
            WHERE type = 'judging.scores-changed' AND aggregate_id = $1
              AND payload->>'judgeId' = $2 AND payload->>'projectId' = $3`,
          [round.roundId, j, p],
        );
        expect(events.map((e) => e.seq)).toEqual([stored.seq]);
      }),
    );
  });
});
