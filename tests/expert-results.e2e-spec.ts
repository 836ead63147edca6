import { parse } from 'csv-parse/sync';
import { Stack, waitFor } from './support/stack';
import { HeatFixture, eligibleHeat } from './support/judging-scenario';
import { STRONG_PASSWORD, createRound } from './support/decisions-scenario';
import {
  Organiser,
  createCompetition,
  createOrganiser,
  projectBody,
  signUpApplicant,
  uniqueEmail,
} from './support/scenario';
import { download } from './support/upload';

// Issue 22, the follow-ups: the worker's stored ranking of a 2+1 round is the
// rule's result and marks the projects that needed a third expert; the chief
// expert's arbitration route; the pool's "reminders needed"; the draw's
// capacity and availability filters and the same-province rule against each
// project's unit.
describe('experts: 2+1 in the stored ranking, arbitration, reminders, draw filters', () => {
  const stack = new Stack();
  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  const marks = (m: number) => ({ TECH: m, BUSINESS: m, MARKET: m, TEAM: m });
  const round2 = (x: number) => Math.round(x * 100) / 100;

  type Assignment = { judgeId: string; projectId: string };

  // A 2+1 round over the heat: two judges per project, opened.
  async function doubleMarkedRound(heat: HeatFixture, rule: Record<string, unknown>, panel = 5) {
    const o = heat.organiser.token;
    const round = await createRound(stack, heat.organiser, heat.competition.heatId, {
      rubricId: heat.competition.rubricId,
      kind: 'EXPERT_REVIEW',
      name: '网评',
    });
    const set = await stack.put(`/rounds/${round}/double-marking`, rule, o);
    expect(set.status).toBe(200);
    const judges = heat.judges.slice(0, panel).map((j) => j.id);
    expect((await stack.post(`/rounds/${round}/judges`, { judgeIds: judges }, o)).status).toBe(200);
    expect(
      (await stack.post(`/rounds/${round}/assignments`, { judgesPerProject: 2 }, o)).status,
    ).toBe(200);
    expect((await stack.post(`/rounds/${round}/open`, {}, o)).status).toBe(200);
    const first = (await stack.get(`/rounds/${round}/assignments`, o)).body.items as Assignment[];
    return { round, first };
  }

  // Each project's first two marks, in the order its judges were assigned.
  async function markFirstTwo(
    heat: HeatFixture,
    round: string,
    first: Assignment[],
    firstMarks: (p: number) => [number, number],
  ) {
    const tokenOf = new Map(heat.judges.map((j) => [j.id, j.token]));
    const index = new Map(heat.projectIds.map((id, i) => [id, i]));
    const seen = new Map<string, number>();
    for (const a of first) {
      const p = index.get(a.projectId)!;
      const k = seen.get(a.projectId) ?? 0;
      seen.set(a.projectId, k + 1);
      const res = await stack.put(
        `/rounds/${round}/projects/${a.projectId}/score`,
        { scores: marks(firstMarks(p)[k]), submit: true },
        tokenOf.get(a.judgeId),
      );
      expect(res.status).toBe(200);
    }
  }

  // The third judge the server assigned to a project, once it has.
  async function thirdOf(heat: HeatFixture, round: string, first: Assignment[], p: number) {
    const projectId = heat.projectIds[p];
    const third = await waitFor(`a third expert for project ${p}`, async () => {
      const items = (await stack.get(`/rounds/${round}/assignments`, heat.organiser.token)).body
        .items as Assignment[];
      return items.find(
        (a) =>
          a.projectId === projectId &&
          !first.some((f) => f.judgeId === a.judgeId && f.projectId === a.projectId),
      );
    });
    return heat.judges.find((j) => j.id === third.judgeId)!;
  }

  async function scoreAs(token: string, round: string, projectId: string, mark: number) {
    const res = await stack.put(
      `/rounds/${round}/projects/${projectId}/score`,
      { scores: marks(mark), submit: true },
      token,
    );
    expect(res.status).toBe(200);
  }

  // The stored ranking (the scoring worker's), once it satisfies `done`.
  async function storedRanking(round: string, token: string, done: (r: any) => boolean) {
    return waitFor(
      'the stored ranking',
      async () => {
        const res = await stack.get(`/rounds/${round}/ranking`, token);
        return res.status === 200 && done(res.body) ? res.body : undefined;
      },
      60000,
    );
  }

  describe('the stored ranking of a 2+1 round', () => {
    it('3 of 10 projects get a third: the stored ranking equals an independent recompute and marks those 3', async () => {
      const heat = await eligibleHeat(stack, 10, 5, false);
      const o = heat.organiser.token;
      const { round, first } = await doubleMarkedRound(heat, {
        tolerance: 10,
        toleranceKind: 'ABSOLUTE',
        thirdMarkRule: 'CLOSEST_PAIR',
        pairTieRule: 'MEAN_OF_ALL',
      });
      // Projects 0..2 differ by 20; 3..9 by at most 10 (exactly 10 for project 3).
      const firstMarks = (p: number): [number, number] =>
        p < 3 ? [60, 80] : p === 3 ? [70, 80] : [70 + p, 72 + p];
      await markFirstTwo(heat, round, first, firstMarks);
      // Before the thirds mark, the three wait for them (provisional mean).
      const waiting = await storedRanking(
        round,
        o,
        (r) => r.entries.length === 10 && r.entries.every((e: any) => e.judgeCount === 2),
      );
      const waitingStatus = Object.fromEntries(
        waiting.entries.map((e: any) => [e.projectId, [e.doubleMarkStatus, e.thirdExpert]]),
      );
      expect(heat.projectIds.map((id) => waitingStatus[id])).toEqual([
        ['NEEDS_THIRD', true],
        ['NEEDS_THIRD', true],
        ['NEEDS_THIRD', true],
        ...Array.from({ length: 7 }, () => ['DONE', false]),
      ]);

      // The thirds: 75 (closest pair 80, 75), 70 (equidistant: the mean of all), 62 (closest 60, 62).
      const thirdMarks = [75, 70, 62];
      const thirds: string[] = [];
      for (let p = 0; p < 3; p++) {
        const third = await thirdOf(heat, round, first, p);
        thirds.push(third.email);
        await scoreAs(third.token, round, heat.projectIds[p], thirdMarks[p]);
      }
      // The notice telling a third expert to mark is not a reminder: the
      // judges, in the organiser's pool, needed none.
      for (const [j, judge] of heat.judges.entries())
        expect(
          (
            await stack.post(
              '/experts',
              { name: `评委${j}`, email: judge.email, fields: ['TECHNOLOGY'] },
              o,
            )
          ).status,
        ).toBe(201);
      for (const email of thirds)
        await waitFor('the third expert’s notice', () =>
          stack.smtp.to(email).some((m) => m.subject?.startsWith('评分提醒')),
        );
      const pool = (await stack.get('/experts', o)).body.items as any[];
      expect(pool.map((e) => e.remindersNeeded)).toEqual([0, 0, 0, 0, 0]);

      // An independent recompute from the marks: the pair within T; else the
      // closest pair; two equally close: the mean of all three. Rule 3 ranks.
      const totals = (p: number) => (p < 3 ? [...firstMarks(p), thirdMarks[p]] : firstMarks(p));
      const expected = heat.projectIds
        .map((projectId, p) => {
          const t = totals(p);
          let score: number;
          if (Math.abs(t[0] - t[1]) <= 10) score = (t[0] + t[1]) / 2;
          else {
            const pairs = [
              [t[0], t[1]],
              [t[0], t[2]],
              [t[1], t[2]],
            ];
            const d = Math.min(...pairs.map(([a, b]) => Math.abs(a - b)));
            const best = pairs.filter(([a, b]) => Math.abs(a - b) === d);
            score = best.length > 1 ? (t[0] + t[1] + t[2]) / 3 : (best[0][0] + best[0][1]) / 2;
          }
          return {
            projectId,
            score: round2(score),
            judgeCount: t.length,
            spread: Math.max(...t) - Math.min(...t),
            thirdExpert: p < 3,
            doubleMarkStatus: 'DONE',
          };
        })
        .sort((a, b) => b.score - a.score || (a.projectId < b.projectId ? -1 : 1));
      let rank = 0;
      const ranked = expected.map((e, i) => {
        if (i === 0 || e.score !== expected[i - 1].score) rank = i + 1;
        return { rank, ...e };
      });
      const pick = (r: any) =>
        r.entries.map((e: any) => ({
          rank: e.rank,
          projectId: e.projectId,
          score: e.score,
          judgeCount: e.judgeCount,
          spread: e.spread,
          thirdExpert: e.thirdExpert,
          doubleMarkStatus: e.doubleMarkStatus,
        }));
      const stored = await storedRanking(round, o, (r) =>
        r.entries.every((e: any) => e.doubleMarkStatus === 'DONE'),
      );
      expect(pick(stored)).toEqual(ranked);
      // Exactly the three that needed a third expert are marked.
      expect(
        stored.entries
          .filter((e: any) => e.thirdExpert)
          .map((e: any) => e.projectId)
          .sort(),
      ).toEqual(heat.projectIds.slice(0, 3).sort());
      // Not the round's plain method: project 0's mean of three would be 71.67, its 2+1 result is 77.5.
      const p0 = stored.entries.find((e: any) => e.projectId === heat.projectIds[0]);
      expect(p0).toMatchObject({ score: 77.5, doubleMarkVia: 'CLOSEST_PAIR', complete: true });
      // The 2+1 results route agrees with the stored ranking.
      const results = (await stack.get(`/rounds/${round}/double-marking`, o)).body;
      expect(Object.fromEntries(results.entries.map((e: any) => [e.projectId, e.score]))).toEqual(
        Object.fromEntries(stored.entries.map((e: any) => [e.projectId, e.score])),
      );

      // The export marks them too.
      const csv = await download(stack, `/rounds/${round}/ranking.csv`, o);
      expect(csv.status).toBe(200);
      const rows: string[][] = parse(csv.bytes.toString('utf8').slice(1));
      expect(rows[0].slice(-2)).toEqual(['第三位专家', '双评结果']);
      const byTitle = new Map(rows.slice(1).map((r) => [r[1], r]));
      for (let p = 0; p < 10; p++) {
        const row = byTitle.get(`项目${String(p).padStart(2, '0')}`)!;
        expect(row.slice(-2)).toEqual([p < 3 ? '是' : '否', '已确定']);
      }
      const en: string[][] = parse(
        (await download(stack, `/rounds/${round}/ranking.csv?lang=en`, o)).bytes
          .toString('utf8')
          .slice(1),
      );
      expect(en[0].slice(-2)).toEqual(['Third expert', '2+1 result']);

      // Recomputing is idempotent: closing the round recomputes the final
      // ranking from the same marks, and it is the same ranking.
      expect((await stack.post(`/rounds/${round}/close`, {}, o)).status).toBe(200);
      const final = await storedRanking(round, o, (r) => r.final === true);
      expect(final.entries).toEqual(stored.entries);
    });
  });

  describe("the chief expert's arbitration", () => {
    it('the organiser or the designated chief expert records it with a reason, audited; the ranking uses it; 409 where none is needed', async () => {
      const heat = await eligibleHeat(stack, 4, 6, false);
      const o = heat.organiser.token;
      // Judge 5 is the chief expert: not on the panel of judges 0..4.
      const chief = heat.judges[5];
      const notJudge = await stack.put(
        `/rounds/${await createRound(stack, heat.organiser, heat.competition.heatId, { rubricId: heat.competition.rubricId, kind: 'EXPERT_REVIEW', name: '试' })}/double-marking`,
        {
          tolerance: 10,
          toleranceKind: 'ABSOLUTE',
          thirdMarkRule: 'CLOSEST_PAIR',
          pairTieRule: 'MEAN_OF_ALL',
          chiefJudgeId: heat.applicants[0].id,
        },
        o,
      );
      expect(notJudge.status).toBe(422);
      expect(notJudge.body.code).toBe('DOUBLE_MARK_CHIEF_NOT_JUDGE');

      const { round, first } = await doubleMarkedRound(heat, {
        tolerance: 10,
        toleranceKind: 'ABSOLUTE',
        thirdMarkRule: 'CLOSEST_PAIR',
        pairTieRule: 'MEAN_OF_ALL',
        chiefJudgeId: chief.id,
      });
      // Project 0: 60, 80, third 95: no pair within T → arbitration.
      // Project 1: 70, 75: no third needed. Project 2: 60, 80, third 75: the closest pair decides.
      // Project 3: 60, 80: its third has not marked yet.
      const firstMarks = (p: number): [number, number] => (p === 1 ? [70, 75] : [60, 80]);
      await markFirstTwo(heat, round, first, firstMarks);
      const third0 = await thirdOf(heat, round, first, 0);
      await scoreAs(third0.token, round, heat.projectIds[0], 95);
      const third2 = await thirdOf(heat, round, first, 2);
      await scoreAs(third2.token, round, heat.projectIds[2], 75);
      await thirdOf(heat, round, first, 3);

      const waiting = await storedRanking(round, o, (r) =>
        r.entries.some(
          (e: any) =>
            e.projectId === heat.projectIds[0] && e.doubleMarkStatus === 'NEEDS_ARBITRATION',
        ),
      );
      expect(waiting.entries.find((e: any) => e.projectId === heat.projectIds[0])).toMatchObject({
        thirdExpert: true,
        score: 78.33, // provisional: the mean of the three marks
      });

      const route = (p: number) =>
        `/rounds/${round}/double-marking/${heat.projectIds[p]}/arbitration`;
      const body = { total: 82, reason: '三位专家分差均超过阈值，复核材料后裁定' };
      // 409 where the marks call for none, by the reason.
      for (const [p, because] of [
        [1, 'NO_THIRD_NEEDED'],
        [2, 'RULE_DECIDES'],
        [3, 'THIRD_PENDING'],
      ] as const) {
        const refused = await stack.put(route(p), body, o);
        expect(refused.status).toBe(409);
        expect(refused.body).toMatchObject({
          code: 'DOUBLE_MARK_ARBITRATION_NOT_NEEDED',
          params: { because },
        });
      }
      // A judge of the panel who is not the chief expert: 403; a reason is required.
      const panelJudge = heat.judges[0];
      const notChief = await stack.put(route(0), body, panelJudge.token);
      expect(notChief.status).toBe(403);
      expect(notChief.body.code).toBe('DOUBLE_MARK_NOT_CHIEF');
      const noReason = await stack.put(route(0), { total: 82, reason: '  ' }, chief.token);
      expect(noReason.status).toBe(400);
      const outOfRange = await stack.put(route(0), { total: 101, reason: '裁定' }, chief.token);
      expect(outOfRange.status).toBe(400);

      // The chief expert arbitrates.
      const done = await stack.put(route(0), body, chief.token);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({
        projectId: heat.projectIds[0],
        score: 82,
        status: 'DONE',
        via: 'ARBITRATION',
        arbitration: { total: 82, reason: body.reason, decidedById: chief.id },
      });
      const ranked = await storedRanking(round, o, (r) =>
        r.entries.some((e: any) => e.projectId === heat.projectIds[0] && e.score === 82),
      );
      expect(ranked.entries.find((e: any) => e.projectId === heat.projectIds[0])).toMatchObject({
        score: 82,
        thirdExpert: true,
        doubleMarkStatus: 'DONE',
        doubleMarkVia: 'ARBITRATION',
      });
      // The organiser corrects it; the ranking follows, the audit keeps both.
      const again = await stack.put(route(0), { total: 84, reason: '更正笔误' }, o);
      expect(again.status).toBe(200);
      await storedRanking(round, o, (r) =>
        r.entries.some((e: any) => e.projectId === heat.projectIds[0] && e.score === 84),
      );
      const audit = await stack.sql(
        `SELECT actor_id, reason, data FROM audit_log
          WHERE action = 'round.double-mark-arbitrated' AND entity_id = $1 ORDER BY at`,
        [round],
      );
      expect(
        audit.map((a: any) => [a.actor_id, a.reason, a.data.total, a.data.previousTotal]),
      ).toEqual([
        [chief.id, body.reason, 82, null],
        [heat.organiser.id, '更正笔误', 84, 82],
      ]);
      expect(audit[0].data).toMatchObject({ projectId: heat.projectIds[0], asChiefExpert: true });
      // The 2+1 results show the arbitration.
      const results = (await stack.get(`/rounds/${round}/double-marking`, o)).body;
      expect(results.entries.find((e: any) => e.projectId === heat.projectIds[0])).toMatchObject({
        score: 84,
        via: 'ARBITRATION',
        arbitration: { total: 84, reason: '更正笔误' },
      });

      // Closing while projects await their third mark would leave provisional
      // scores in the final ranking: 409 naming them, unless forced with a reason.
      const open = results.entries.filter(
        (e: any) => e.status === 'NEEDS_THIRD' || e.status === 'NEEDS_ARBITRATION',
      );
      expect(open.map((e: any) => e.projectId)).toContain(heat.projectIds[3]);
      const early = await stack.post(`/rounds/${round}/close`, {}, o);
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('ROUND_DOUBLE_MARK_UNDECIDED');
      expect([...early.body.params.projects].sort()).toEqual(open.map((e: any) => e.title).sort());
      const noWhy = await stack.post(`/rounds/${round}/close`, { force: true }, o);
      expect(noWhy.status).toBe(422);
      expect(noWhy.body.code).toBe('FORCE_REASON_REQUIRED');
      const forced = await stack.post(
        `/rounds/${round}/close`,
        { force: true, reason: '第三位专家无法按时评审，组委会决定结束本轮' },
        o,
      );
      expect(forced.status).toBe(200);
      const [forcedAudit] = await stack.sql(
        `SELECT reason, data FROM audit_log WHERE action = 'round.force-closed' AND entity_id = $1`,
        [round],
      );
      expect(forcedAudit.reason).toBe('第三位专家无法按时评审，组委会决定结束本轮');
      expect([...forcedAudit.data.undecidedDoubleMarks].sort()).toEqual(
        open.map((e: any) => e.projectId).sort(),
      );

      // A round whose rule is the mean of all three: never arbitrated.
      const heat2 = await eligibleHeat(stack, 1, 3, false);
      const mean = await doubleMarkedRound(
        heat2,
        {
          tolerance: 10,
          toleranceKind: 'ABSOLUTE',
          thirdMarkRule: 'MEAN_OF_ALL',
          pairTieRule: 'MEAN_OF_ALL',
        },
        3,
      );
      await markFirstTwo(heat2, mean.round, mean.first, () => [60, 80]);
      const t = await thirdOf(heat2, mean.round, mean.first, 0);
      await scoreAs(t.token, mean.round, heat2.projectIds[0], 99);
      const refused = await stack.put(
        `/rounds/${mean.round}/double-marking/${heat2.projectIds[0]}/arbitration`,
        body,
        heat2.organiser.token,
      );
      expect(refused.status).toBe(409);
      expect(refused.body.params).toEqual({ because: 'RULE_DECIDES' });
      // A round without double marking: 409 too.
      const plain = await createRound(stack, heat2.organiser, heat2.competition.heatId, {
        rubricId: heat2.competition.rubricId,
        kind: 'EXPERT_REVIEW',
        name: '普通网评',
      });
      const off = await stack.put(
        `/rounds/${plain}/double-marking/${heat2.projectIds[0]}/arbitration`,
        body,
        heat2.organiser.token,
      );
      expect(off.status).toBe(409);
      expect(off.body.code).toBe('DOUBLE_MARKING_NOT_SET');
    });
  });

  // A judge account with a password, so the expert can log in.
  async function judgeAccount(organiser: Organiser, name: string, unit: string) {
    const email = uniqueEmail('expert');
    const res = await stack.post(
      '/users',
      { email, name, roles: ['JUDGE'], affiliation: unit, password: STRONG_PASSWORD },
      organiser.token,
    );
    expect(res.status).toBe(201);
    return { email, id: res.body.user.id as string };
  }

  describe("the pool's history", () => {
    it('counts the reminders each expert needed, in the list and the export', async () => {
      const heat = await eligibleHeat(stack, 2, 0, false);
      const o = heat.organiser;
      const a = await judgeAccount(o, '催评甲', '北京大学');
      const b = await judgeAccount(o, '准时乙', '清华大学');
      const c = await judgeAccount(o, '没上场', '复旦大学');
      for (const [acct, name] of [
        [a, '催评甲'],
        [b, '准时乙'],
        [c, '没上场'],
      ] as const) {
        const res = await stack.post(
          '/experts',
          { name, email: acct.email, fields: ['TECHNOLOGY'] },
          o.token,
        );
        expect(res.status).toBe(201);
      }
      const round = await createRound(stack, o, heat.competition.heatId, {
        rubricId: heat.competition.rubricId,
        kind: 'EXPERT_REVIEW',
        name: '网评',
      });
      await stack.post(`/rounds/${round}/judges`, { judgeIds: [a.id, b.id] }, o.token);
      for (const j of [a, b])
        for (const p of heat.projectIds)
          expect(
            (await stack.put(`/rounds/${round}/assignments/${p}/${j.id}`, {}, o.token)).status,
          ).toBe(200);
      expect((await stack.post(`/rounds/${round}/open`, {}, o.token)).status).toBe(200);
      // 准时乙 submits everything; 催评甲 nothing, and is reminded twice.
      const bToken = await stack.login(b.email, STRONG_PASSWORD);
      for (const p of heat.projectIds) await scoreAs(bToken, round, p, 80);
      for (let i = 0; i < 2; i++) {
        const res = await stack.post(`/rounds/${round}/remind`, {}, o.token);
        expect([200, 201]).toContain(res.status);
        await waitFor(`reminder ${i + 1} mailed`, () =>
          stack.smtp.to(a.email).filter((m) => m.subject?.startsWith('评分提醒')).length === i + 1
            ? true
            : undefined,
        );
      }
      const pool = await waitFor('the pool with its history', async () => {
        const items = (await stack.get('/experts', o.token)).body.items as any[];
        return items.find((e) => e.name === '催评甲')?.remindersNeeded === 2 ? items : undefined;
      });
      const history = Object.fromEntries(
        pool.map((e: any) => [e.name, [e.roundsJudged, e.declines, e.remindersNeeded]]),
      );
      expect(history).toEqual({ 催评甲: [0, 0, 2], 准时乙: [0, 0, 0], 没上场: [0, 0, 0] });

      const exported = await download(stack, '/experts/export.xlsx', o.token);
      expect(exported.status).toBe(200);
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(exported.bytes as unknown as ArrayBuffer);
      const ws = wb.worksheets[0];
      const header = (ws.getRow(1).values as unknown[]).slice(1);
      const col = header.indexOf('催评次数');
      expect(col).toBeGreaterThan(header.indexOf('谢绝次数'));
      const byName = new Map<string, unknown[]>();
      ws.eachRow((row, n) => {
        if (n > 1) {
          const v = (row.values as unknown[]).slice(1);
          byName.set(String(v[0]), v);
        }
      });
      expect(byName.get('催评甲')![col]).toBe(2);
      expect(byName.get('准时乙')![col]).toBe(0);
    });
  });

  describe('the draw: capacity, availability and the same province', () => {
    it("excludes an expert at capacity or unavailable with the reason, and one of a project unit's province", async () => {
      const organiser = await createOrganiser(stack);
      const competition = await createCompetition(stack, organiser);
      const applicant = await signUpApplicant(stack, '申请人');
      // Three projects whose units state their provinces; the heat's region is 华南.
      const provinces = ['广东省', '浙江', '广东'];
      for (const [n, province] of provinces.entries()) {
        const body = projectBody(competition.heatId, `省份项目${n}`, `省份公司${n}`);
        const res = await stack.post(
          `/competitions/${competition.id}/projects`,
          { ...body, organisation: { ...body.organisation, province } },
          applicant.token,
        );
        expect(res.status).toBe(201);
        expect(
          (await stack.post(`/projects/${res.body.id}/submit`, {}, applicant.token)).status,
        ).toBe(200);
        expect(
          (
            await stack.post(
              `/projects/${res.body.id}/review`,
              { decision: 'ELIGIBLE' },
              organiser.token,
            )
          ).status,
        ).toBe(200);
      }
      // name, region, capacity, available
      const people: [string, string, number | null, boolean][] = [
        ['满负荷', '北京', 2, true], // 3 projects each: capacity 2 is short
        ['刚好够', '北京', 3, true],
        ['不限量', '四川', null, true],
        ['没空的', '上海', null, false],
        ['浙江人', '浙江省', null, true], // a project's unit is in 浙江
        ['华南人', '华南', null, true], // the heat's region, but no project's unit is there
      ];
      for (const [name, region, capacity, available] of people) {
        const acct = await judgeAccount(organiser, name, `${name}单位`);
        const res = await stack.post(
          '/experts',
          {
            name,
            email: acct.email,
            unit: `${name}单位`,
            region,
            fields: ['TECHNOLOGY'],
            available,
            ...(capacity === null ? {} : { capacity }),
          },
          organiser.token,
        );
        expect(res.status).toBe(201);
      }
      const rubric = competition.rubricId;
      const round = await createRound(stack, organiser, competition.heatId, {
        rubricId: rubric,
        kind: 'EXPERT_REVIEW',
        name: '复评',
      });
      const draw = async (extra: Record<string, unknown>) => {
        const committed = await stack.post(
          `/rounds/${round}/expert-draws`,
          {
            mix: { TECHNOLOGY: 2 },
            reserves: 0,
            minOutsideShare: 0,
            recuseSameRegion: true,
            ...extra,
          },
          organiser.token,
        );
        expect(committed.status).toBe(201);
        const drawn = await stack.post(
          `/expert-draws/${committed.body.id}/draw`,
          {},
          organiser.token,
        );
        expect(drawn.status).toBe(200);
        return drawn.body;
      };
      const record = await draw({});
      const reasons = Object.fromEntries(record.excluded.map((x: any) => [x.name, x.reasons]));
      expect(reasons).toEqual({
        满负荷: ['AT_CAPACITY'],
        没空的: ['UNAVAILABLE'],
        浙江人: ['SAME_REGION'],
      });
      expect(record.drawn).toHaveLength(2);
      expect(record.drawn.every((d: any) => ['刚好够', '不限量', '华南人'].includes(d.name))).toBe(
        true,
      );
      // The record keeps what the filters saw: capacities and each unit's province.
      expect(record.context.projects.map((p: any) => p.province).sort()).toEqual(
        [...provinces].sort(),
      );
      expect(record.candidates.find((c: any) => c.name === '满负荷').capacity).toBe(2);
      // With a stated load of 2 projects per expert, 满负荷 fits.
      const lighter = await draw({ projectsPerExpert: 2 });
      expect(lighter.rules.projectsPerExpert).toBe(2);
      expect(lighter.excluded.map((x: any) => x.name).sort()).toEqual(['没空的', '浙江人'].sort());
      // The archived workbook lists the capacity reason in Chinese.
      const sheet = await download(
        stack,
        `/expert-draws/${record.id}/record.xlsx`,
        organiser.token,
      );
      expect(sheet.status).toBe(200);
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(sheet.bytes as unknown as ArrayBuffer);
      const candidates = wb.getWorksheet('候选专家')!;
      const rows: unknown[][] = [];
      candidates.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      const full = rows.find((r) => r.includes('满负荷'))!;
      expect(full).toContain('超出每轮评审上限');
    });
  });
});
