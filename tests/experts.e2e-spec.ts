import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { drawExperts } from '../libs/domain/src/experts/expert-draw';
import { Stack, waitFor } from './support/stack';
import { HeatFixture, eligibleHeat } from './support/judging-scenario';
import { createRound, STRONG_PASSWORD } from './support/decisions-scenario';
import { Organiser, uniqueEmail } from './support/scenario';
import { download, upload } from './support/upload';

// Issue 22: the expert pool (专家库) from a spreadsheet, the recorded draw with
// recusal by rule, a decline replaced by a reserve, the record exported and
// recomputed from its seed, the pledge before the first score, double marking
// (2+1) and the advisory judge-bias report.
describe('experts: pool, draw, pledge, 2+1, bias report', () => {
  const stack = new Stack();
  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  const marks = (m: number) => ({ TECH: m, BUSINESS: m, MARKET: m, TEAM: m });
  const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

  async function xlsx(rows: (string | number | null)[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('专家库');
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async function sheets(bytes: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const out = new Map<string, (string | number | null)[][]>();
    wb.eachSheet((ws) => {
      const rows: (string | number | null)[][] = [];
      ws.eachRow((row) =>
        rows.push(
          (row.values as unknown[])
            .slice(1)
            .map((v) => (v === undefined ? null : (v as string | number | null))),
        ),
      );
      out.set(ws.name, rows);
    });
    return out;
  }

  // A judge account with a password, so the expert can log in and answer.
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

  describe('the pool and the draw', () => {
    let heat: HeatFixture;
    let o: Organiser;
    const tokens = new Map<string, string>(); // expert email → token
    const emailOf = new Map<string, string>(); // expert name → email
    let drawRound: string;
    let drawId: string;
    let record: any;

    beforeAll(async () => {
      heat = await eligibleHeat(stack, 4, 0, false);
      o = heat.organiser;
    });

    it('imports the pool from a spreadsheet: problems by row first, then every expert, then nothing new', async () => {
      const header = [
        '姓名',
        '邮箱',
        '职称',
        '工作单位',
        '地区',
        '专家类别',
        '手机号码',
        '是否可参加',
        '每轮评审上限',
      ];
      const faulty = await xlsx([
        header,
        ['甲', 'not-an-address', '教授', '某大学', '华东', '技术', null, '是', 8],
        ['乙', uniqueEmail('x'), '教授', '某大学', '华东', '法律', null, '也许', 8],
      ]);
      const dry = await upload(stack, '/experts/import?dryRun=true', 'pool.xlsx', faulty, o.token);
      expect(dry.status).toBe(200);
      expect(dry.body.problems.map((p: any) => [p.row, p.column, p.field])).toEqual([
        [2, 'B', 'email'],
        [3, 'F', 'fields'],
        [3, 'H', 'available'],
      ]);
      const refused = await upload(stack, '/experts/import', 'pool.xlsx', faulty, o.token);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('IMPORT_HAS_PROBLEMS');
      expect((await stack.get('/experts', o.token)).body.items).toEqual([]);

      // Who is who: one candidate for each recusal rule, and the eligible ones.
      const org0 = heat.organisations.get(heat.projectIds[0])!;
      const people: [string, string, string, string, string][] = [
        // name, unit, region, kinds, available
        ['技术甲', '大赛组委会', '华东', '技术', '是'],
        ['技术乙', '北京大学', '华北', '技术', '是'],
        ['技术丙', '浙江大学', '华东', '技术、产业', '是'],
        ['技术丁', '大赛组委会', '华东', 'technology', '是'],
        ['投资甲', '红杉资本', '华北', '投资', '是'],
        ['投资乙', '大赛组委会', '华东', '投资、金融', '是'],
        ['投资丙', '深创投', '华东', '投资', '是'],
        ['产业甲', '华为技术有限公司', '华东', '产业', '是'],
        ['产业乙', '比亚迪', '华北', '产业', '是'],
        ['同单位', org0, '华东', '技术', '是'],
        ['同地区', '复旦大学', '华南', '投资', '是'],
        ['有冲突', '上海交通大学', '华东', '产业', '是'],
        ['评过的', '南京大学', '华东', '技术', '是'],
        ['没空的', '同济大学', '华东', '技术', '否'],
      ];
      for (const [name, unit] of people) {
        const acct = await judgeAccount(o, name, unit);
        emailOf.set(name, acct.email);
      }
      const good = await xlsx([
        header,
        ...people.map(([name, unit, region, kinds, available]) => [
          name,
          emailOf.get(name)!,
          '研究员',
          unit,
          region,
          kinds,
          '13800000000',
          available,
          6,
        ]),
      ]);
      const imported = await upload(stack, '/experts/import', 'pool.xlsx', good, o.token);
      expect(imported.status).toBe(200);
      expect(imported.body).toMatchObject({ created: 14, updated: 0, unchanged: 0, problems: [] });
      const again = await upload(stack, '/experts/import', 'pool.xlsx', good, o.token);
      expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 14 });
      const pool = (await stack.get('/experts', o.token)).body.items;
      expect(pool).toHaveLength(14);
      expect(pool.find((e: any) => e.name === '技术丙')).toMatchObject({
        fields: ['TECHNOLOGY', 'INDUSTRY'],
        region: '华东',
        capacity: 6,
        available: true,
        userId: expect.any(String),
      });
      expect(pool.find((e: any) => e.name === '没空的').available).toBe(false);

      // The export has the import's headers: it imports back unchanged.
      const exported = await download(stack, '/experts/export.xlsx', o.token);
      expect(exported.status).toBe(200);
      const rows = (await sheets(exported.bytes)).get('专家库')!;
      expect(rows[0].slice(0, 3)).toEqual(['姓名', '邮箱', '职称']);
      expect(rows).toHaveLength(15);
      const back = await upload(stack, '/experts/import', 'export.xlsx', exported.bytes, o.token);
      expect(back.body).toMatchObject({ created: 0, updated: 0, unchanged: 14 });

      for (const [name] of people)
        tokens.set(name, await stack.login(emailOf.get(name)!, STRONG_PASSWORD));
    });

    it("an expert corrects the profile and declares a standing conflict on the expert's page", async () => {
      const token = tokens.get('有冲突')!;
      const mine = await stack.get('/expert/profile', token);
      expect(mine.status).toBe(200);
      expect(mine.body.profiles).toHaveLength(1);
      const patched = await stack.patch(
        '/expert/profile',
        { title: '教授、博导', conflictPeople: ['陈刚'], conflictUnits: [] },
        token,
      );
      expect(patched.status).toBe(200);
      expect(patched.body.profiles[0]).toMatchObject({
        title: '教授、博导',
        conflictPeople: ['陈刚'],
      });
    });

    it('draws a mix with recusal: the hash before, the seed after; one candidate excluded by each rule', async () => {
      // An earlier round where 评过的 judged a project of this heat.
      const earlier = await createRound(stack, o, heat.competition.heatId, {
        rubricId: heat.competition.rubricId,
        kind: 'EXPERT_REVIEW',
        name: '初评',
      });
      const judged = (await stack.get('/experts', o.token)).body.items.find(
        (e: any) => e.name === '评过的',
      ).userId;
      expect(
        (await stack.post(`/rounds/${earlier}/judges`, { judgeIds: [judged] }, o.token)).status,
      ).toBe(200);
      expect(
        (
          await stack.put(
            `/rounds/${earlier}/assignments/${heat.projectIds[1]}/${judged}`,
            {},
            o.token,
          )
        ).status,
      ).toBe(200);

      drawRound = await createRound(stack, o, heat.competition.heatId, {
        rubricId: heat.competition.rubricId,
        kind: 'EXPERT_REVIEW',
        name: '复评',
      });
      const committed = await stack.post(
        `/rounds/${drawRound}/expert-draws`,
        {
          mix: { TECHNOLOGY: 2, INVESTMENT: 2, INDUSTRY: 1 },
          reserves: 3,
          minOutsideShare: 0.5,
          organiserUnit: '大赛组委会',
          recuseSameRegion: true,
          recuseJudgedEarlier: true,
        },
        o.token,
      );
      expect(committed.status).toBe(201);
      drawId = committed.body.id;
      expect(committed.body).toMatchObject({ status: 'COMMITTED', seed: null, drawn: [] });
      expect(committed.body.seedSha256).toMatch(/^[0-9a-f]{64}$/);
      const hashBefore = committed.body.seedSha256;

      const drawn = await stack.post(`/expert-draws/${drawId}/draw`, {}, o.token);
      expect(drawn.status).toBe(200);
      record = drawn.body;
      expect(record.status).toBe('DRAWN');
      expect(sha256(record.seed)).toBe(hashBefore);
      expect(record.seedSha256).toBe(hashBefore);
      const reasons = Object.fromEntries(record.excluded.map((x: any) => [x.name, x.reasons]));
      expect(reasons).toEqual({
        同单位: ['SAME_UNIT'],
        同地区: ['SAME_REGION'],
        有冲突: ['DECLARED_CONFLICT'],
        评过的: ['JUDGED_EARLIER'],
        没空的: ['UNAVAILABLE'],
      });
      const count = (f: string) => record.drawn.filter((d: any) => d.field === f).length;
      expect([count('TECHNOLOGY'), count('INVESTMENT'), count('INDUSTRY')]).toEqual([2, 2, 1]);
      // At least half from outside the organiser: at most 2 of 5 insiders.
      expect(record.insiderCap).toBe(2);
      expect(record.drawn.filter((d: any) => d.insider).length).toBeLessThanOrEqual(2);
      expect(record.reserves).toHaveLength(3);
      expect(record.invitations.map((i: any) => i.expertName).sort()).toEqual(
        record.drawn.map((d: any) => d.name).sort(),
      );
      // Drawn once: a second draw of the same commitment is refused.
      const again = await stack.post(`/expert-draws/${drawId}/draw`, {}, o.token);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('EXPERT_DRAW_ALREADY_DRAWN');
      const audit = await stack.sql(
        `SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY at`,
        [drawId],
      );
      expect(audit.map((a: any) => a.action)).toEqual([
        'expert-draw.committed',
        'expert-draw.drawn',
      ]);
    });

    it('a decline with a reason invites the next reserve of the same kind; acceptances seat experts on the panel', async () => {
      const fieldsOf = new Map<string, string[]>(
        record.candidates.map((c: any) => [c.id, c.fields]),
      );
      // A drawn expert whose kind a reserve has.
      const decliner = record.drawn.find((d: any) =>
        record.reserves.some((r: any) => !r.insider && fieldsOf.get(r.id)!.includes(d.field)),
      );
      expect(decliner).toBeDefined();
      const token = tokens.get(decliner.name)!;
      const mine = (await stack.get('/judge/expert-invitations', token)).body.items;
      expect(mine).toHaveLength(1);
      const noReason = await stack.post(
        `/expert-invitations/${mine[0].id}/decline`,
        { reason: ' ' },
        token,
      );
      expect(noReason.status).toBe(422);
      const declined = await stack.post(
        `/expert-invitations/${mine[0].id}/decline`,
        { reason: '评审当天出差' },
        token,
      );
      expect(declined.status).toBe(200);
      expect(declined.body.declined).toMatchObject({ status: 'DECLINED', reason: '评审当天出差' });
      // The first reserve of its kind that keeps the insiders within the cap.
      const insidersLeft = record.drawn.filter(
        (d: any) => d.insider && d.id !== decliner.id,
      ).length;
      const expected = record.reserves.find(
        (r: any) =>
          fieldsOf.get(r.id)!.includes(decliner.field) &&
          !(r.insider && insidersLeft >= record.insiderCap),
      );
      expect(declined.body.replacement).toMatchObject({
        expertName: expected.name,
        field: decliner.field,
        source: 'RESERVE',
        replacesId: mine[0].id,
        status: 'INVITED',
      });
      const twice = await stack.post(
        `/expert-invitations/${mine[0].id}/decline`,
        { reason: 'x' },
        token,
      );
      expect(twice.status).toBe(409);

      // Everyone still invited accepts: the panel is the drawn five less one plus the reserve.
      const view = (await stack.get(`/expert-draws/${drawId}`, o.token)).body;
      const invited = view.invitations.filter((i: any) => i.status === 'INVITED');
      expect(invited).toHaveLength(5);
      for (const inv of invited) {
        const t = tokens.get(inv.expertName)!;
        const res = await stack.post(`/expert-invitations/${inv.id}/accept`, {}, t);
        expect(res.status).toBe(200);
        expect(res.body.status).toBe('ACCEPTED');
      }
      const panel = (await stack.get(`/rounds/${drawRound}/judges`, o.token)).body.items;
      expect(panel.map((j: any) => j.name).sort()).toEqual(
        invited.map((i: any) => i.expertName).sort(),
      );
      const pool = (await stack.get('/experts', o.token)).body.items;
      expect(pool.find((e: any) => e.name === decliner.name)).toMatchObject({
        declines: 1,
        roundsJudged: 0,
      });
      expect(pool.find((e: any) => e.name === expected.name)).toMatchObject({ roundsJudged: 1 });
    });

    it('the record exported as a workbook: its seed recomputes the same draw', async () => {
      const file = await download(stack, `/expert-draws/${drawId}/record.xlsx`, o.token);
      expect(file.status).toBe(200);
      const book = await sheets(file.bytes);
      const summary = new Map(book.get('抽取记录')!.map((r) => [r[0], r[1]]));
      const seed = String(summary.get('种子（抽取后公布）'));
      expect(sha256(seed)).toBe(summary.get('种子哈希 SHA-256（抽取前公布）'));
      // The candidates with their outcome and reasons, by name.
      const candidates = book.get('候选专家')!;
      const outcome = new Map(candidates.slice(1).map((r) => [r[0], [r[4], r[5]]]));
      expect(outcome.get('同单位')).toEqual(['排除', '与参赛项目同单位']);
      expect(outcome.get('评过的')).toEqual(['排除', '前一阶段评过相同项目']);
      // An auditor recomputes from the stored candidate set, rules and the exported seed.
      const again = drawExperts(record.candidates, record.context, record.rules, seed);
      expect(again.drawn.map((d) => d.id)).toEqual(record.drawn.map((d: any) => d.id));
      expect(again.reserves.map((d) => d.id)).toEqual(record.reserves.map((d: any) => d.id));
      const nameOf = new Map(record.candidates.map((c: any) => [c.id, c.name]));
      const result = book.get('抽取结果')!.slice(1);
      expect(result.filter((r) => r[3] === '抽中').map((r) => r[1])).toEqual(
        again.drawn.map((d) => nameOf.get(d.id)),
      );
      expect(result.filter((r) => r[4] === '已谢绝').map((r) => r[5])).toEqual(['评审当天出差']);
    });

    it('a judge is refused before accepting the pledge, and scores after', async () => {
      const pledgeText =
        '本人承诺：与参赛项目存在利害关系的，主动申请回避；对评审材料和结果严格保密。';
      const set = await stack.put(
        `/competitions/${heat.competition.id}/pledge`,
        { text: pledgeText },
        o.token,
      );
      expect(set.status).toBe(200);
      expect(
        (await stack.post(`/rounds/${drawRound}/assignments`, { judgesPerProject: 2 }, o.token))
          .status,
      ).toBe(200);
      expect((await stack.post(`/rounds/${drawRound}/open`, {}, o.token)).status).toBe(200);
      const [a] = (await stack.get(`/rounds/${drawRound}/assignments`, o.token)).body.items;
      const token = tokens.get(a.judgeName)!;

      const refused = await stack.put(
        `/rounds/${drawRound}/projects/${a.projectId}/score`,
        { scores: marks(80), submit: true },
        token,
      );
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('PLEDGE_REQUIRED');
      const submitRefused = await stack.post(
        `/rounds/${drawRound}/projects/${a.projectId}/score/submit`,
        {},
        token,
      );
      expect(submitRefused.body.code).toBe('PLEDGE_REQUIRED');

      const shown = await stack.get(`/rounds/${drawRound}/pledge`, token);
      expect(shown.body).toMatchObject({ required: true, accepted: false, text: pledgeText });
      const accepted = await stack.post(`/rounds/${drawRound}/pledge/accept`, {}, token);
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ accepted: true, acceptedAt: expect.any(String) });
      const scored = await stack.put(
        `/rounds/${drawRound}/projects/${a.projectId}/score`,
        { scores: marks(80), submit: true },
        token,
      );
      expect(scored.status).toBe(200);
      const list = (await stack.get(`/competitions/${heat.competition.id}/pledge`, o.token)).body;
      expect(list.acceptances).toEqual([
        expect.objectContaining({
          judgeName: a.judgeName,
          ip: expect.any(String),
          textSha256: sha256(pledgeText),
        }),
      ]);
    });
  });

  describe('double marking (2+1)', () => {
    it('3 of 10 projects get a third expert, told by mail; results equal an independent recompute', async () => {
      const heat = await eligibleHeat(stack, 10, 5, false);
      const o = heat.organiser.token;
      const round = await createRound(stack, heat.organiser, heat.competition.heatId, {
        rubricId: heat.competition.rubricId,
        kind: 'EXPERT_REVIEW',
        name: '网评',
      });
      const rule = {
        tolerance: 10,
        toleranceKind: 'ABSOLUTE',
        thirdMarkRule: 'CLOSEST_PAIR',
        pairTieRule: 'MEAN_OF_ALL',
      };
      expect((await stack.put(`/rounds/${round}/double-marking`, rule, o)).status).toBe(200);
      await stack.post(`/rounds/${round}/judges`, { judgeIds: heat.judges.map((j) => j.id) }, o);
      expect(
        (await stack.post(`/rounds/${round}/assignments`, { judgesPerProject: 2 }, o)).status,
      ).toBe(200);
      expect((await stack.post(`/rounds/${round}/open`, {}, o)).status).toBe(200);
      const tokenOf = new Map(heat.judges.map((j) => [j.id, j.token]));
      const emailOf = new Map(heat.judges.map((j) => [j.id, j.email]));
      const first = (await stack.get(`/rounds/${round}/assignments`, o)).body.items as {
        judgeId: string;
        projectId: string;
      }[];
      // Projects 0..2 differ by 20; 3..9 by at most 10 (exactly 10 for project 3).
      const firstMarks = (p: number): [number, number] =>
        p < 3 ? [60, 80] : p === 3 ? [70, 80] : [70 + p, 72 + p];
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
      const after = (await stack.get(`/rounds/${round}/assignments`, o)).body.items as {
        judgeId: string;
        projectId: string;
        scoreStatus: string | null;
      }[];
      const perProject = (id: string) => after.filter((a) => a.projectId === id);
      expect(heat.projectIds.map((id) => perProject(id).length)).toEqual([
        3, 3, 3, 2, 2, 2, 2, 2, 2, 2,
      ]);
      // The third marks: 75 (closest pair 80, 75), 70 (equidistant: the mean of all), 62.
      const thirdMarks = [75, 70, 62];
      const thirds: string[] = [];
      for (let p = 0; p < 3; p++) {
        const third = perProject(heat.projectIds[p]).find(
          (a) => !first.some((f) => f.judgeId === a.judgeId && f.projectId === a.projectId),
        )!;
        thirds.push(third.judgeId);
        const res = await stack.put(
          `/rounds/${round}/projects/${heat.projectIds[p]}/score`,
          { scores: marks(thirdMarks[p]), submit: true },
          tokenOf.get(third.judgeId),
        );
        expect(res.status).toBe(200);
      }
      // Each third expert is told by mail of the project to mark.
      for (const [p, judgeId] of thirds.entries())
        await waitFor('the third expert’s mail', () =>
          stack.smtp
            .to(emailOf.get(judgeId)!)
            .some(
              (m) =>
                m.subject?.startsWith('评分提醒') &&
                m.text?.includes(`项目${String(p).padStart(2, '0')}`),
            ),
        );

      // An independent recompute: mean of the pair within T; else the closest pair; a tie: the mean of all three.
      const totals = (p: number) => (p < 3 ? [...firstMarks(p), thirdMarks[p]] : firstMarks(p));
      const expected = heat.projectIds.map((id, p) => {
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
        return { projectId: id, score: Math.round(score * 100) / 100, needsThird: p < 3 };
      });
      expected.sort((a, b) => b.score - a.score || (a.projectId < b.projectId ? -1 : 1));
      const results = (await stack.get(`/rounds/${round}/double-marking`, o)).body;
      expect(results.tolerance).toBe(10);
      expect(
        results.entries.map((e: any) => ({
          projectId: e.projectId,
          score: e.score,
          needsThird: e.needsThird,
        })),
      ).toEqual(expected);
      expect(results.entries.every((e: any) => e.status === 'DONE')).toBe(true);
      const p1 = results.entries.find((e: any) => e.projectId === heat.projectIds[1]);
      expect(p1).toMatchObject({ score: 70, via: 'TIE_MEAN_OF_ALL', thirdAssigned: true });
      const p0 = results.entries.find((e: any) => e.projectId === heat.projectIds[0]);
      expect(p0.marks.map((m: any) => [m.total, m.third, m.counted])).toEqual([
        [expect.any(Number), false, expect.any(Boolean)],
        [expect.any(Number), false, expect.any(Boolean)],
        [75, true, true],
      ]);
      expect(p0.score).toBe(77.5);
      // The rule is fixed once the round is open.
      const late = await stack.put(`/rounds/${round}/double-marking`, rule, o);
      expect(late.status).toBe(409);
    });
  });

  describe('the judge-bias report (advisory)', () => {
    it('a connected design: the FIELD.md vector; two rooms with no judge in common: two components', async () => {
      const heat = await eligibleHeat(stack, 3, 4, false);
      const o = heat.organiser.token;
      const [A, B, C] = heat.projectIds;
      const [J1, J2, J3, J4] = heat.judges;
      async function roundWith(name: string, cells: [typeof J1, string, number][]) {
        const round = await createRound(stack, heat.organiser, heat.competition.heatId, {
          rubricId: heat.competition.rubricId,
          kind: 'EXPERT_REVIEW',
          name,
        });
        await stack.post(`/rounds/${round}/judges`, { judgeIds: heat.judges.map((j) => j.id) }, o);
        for (const [j, p] of cells)
          expect((await stack.put(`/rounds/${round}/assignments/${p}/${j.id}`, {}, o)).status).toBe(
            200,
          );
        await stack.post(`/rounds/${round}/open`, {}, o);
        for (const [j, p, m] of cells)
          expect(
            (
              await stack.put(
                `/rounds/${round}/projects/${p}/score`,
                { scores: marks(m), submit: true },
                j.token,
              )
            ).status,
          ).toBe(200);
        return round;
      }
      const connected = await roundWith('偏差-连通', [
        [J1, A, 85],
        [J1, B, 75],
        [J2, B, 65],
        [J2, C, 70],
      ]);
      const report = (await stack.get(`/rounds/${connected}/bias-report`, o)).body;
      expect(report.advisory).toBe(true);
      expect(report.connected).toBe(true);
      const offset = new Map(report.judges.map((j: any) => [j.judgeId, j.offset]));
      expect([offset.get(J1.id), offset.get(J2.id)]).toEqual([5, -5]);
      const project = new Map(
        report.projects.map((p: any) => [p.projectId, [p.rawMean, p.calibrated]]),
      );
      expect([project.get(A), project.get(B), project.get(C)]).toEqual([
        [85, 80],
        [70, 70],
        [70, 75],
      ]);
      expect(report.residualDf).toBe(0);
      expect(report.judges.every((j: any) => j.standardError === null)).toBe(true);
      // Advisory: the ranking is the plain mean, unchanged.
      const ranking = await waitFor('the ranking', async () => {
        const r = (await stack.get(`/rounds/${connected}/ranking`, o)).body;
        return r.entries?.length === 3 ? r : null;
      });
      expect(ranking.entries.find((e: any) => e.projectId === C).score).toBe(70);

      const rooms = await roundWith('偏差-分组', [
        [J1, A, 80],
        [J2, A, 70],
        [J3, B, 60],
        [J4, B, 90],
      ]);
      const split = (await stack.get(`/rounds/${rooms}/bias-report`, o)).body;
      expect(split.connected).toBe(false);
      expect(split.components).toHaveLength(2);
      const comp = new Map<string, [number, number]>(
        split.judges.map((j: any) => [j.judgeId, [j.component, j.offset]]),
      );
      expect(comp.get(J1.id)![0]).toBe(comp.get(J2.id)![0]);
      expect(comp.get(J3.id)![0]).not.toBe(comp.get(J1.id)![0]);
      expect(comp.get(J1.id)![1]).toBe(5);
      expect(Math.abs(comp.get(J3.id)![1])).toBe(15);
      expect(split.projects.find((p: any) => p.projectId === B).spreadFlag).toBe(true);
    });
  });
});
