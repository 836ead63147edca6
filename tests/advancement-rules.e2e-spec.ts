import { Stack } from './support/stack';
import { Organiser } from './support/scenario';
import { ruledHeat } from './support/advancement-rules-scenario';

// One heat (tests/support/advancement-rules-scenario.ts): two groups (团队组
// quota 3, 企业组 quota 1), at most 2 places per unit, one wildcard place
// (赛区推荐), a tie on 80 at 团队组's last place.
describe('advancement rules: quotas per group, a cap per unit, a wildcard, a tie at a cut-off', () => {
  const stack = new Stack();
  let organiser: Organiser;
  let heatId: string;
  let semi: string;
  let ids = new Map<string, string>();
  const name = (projectId: string) => [...ids].find(([, v]) => v === projectId)![0];

  beforeAll(async () => {
    await stack.start();
    ({ organiser, heatId, semi, ids } = await ruledHeat(stack));
  });
  afterAll(() => stack.stop());

  it('stores the rule (audited), refusing a group the form does not have', async () => {
    const bad = await stack.put(
      `/heats/${heatId}/advancement-rule`,
      { quotas: [{ groupKey: 'nope', quota: 1 }] },
      organiser.token,
    );
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('ADVANCE_RULE_INVALID');
    const rule = {
      quotas: [
        { groupKey: 'team', quota: 3 },
        { groupKey: 'company', quota: 1 },
      ],
      unitCap: 2,
      wildcards: 1,
    };
    const res = await stack.put(`/heats/${heatId}/advancement-rule`, rule, organiser.token);
    expect(res.status).toBe(200);
    expect(res.body.rule).toMatchObject(rule);
    expect(res.body.groups.map((g: { label: string }) => g.label)).toEqual(['团队组', '企业组']);
    const audit = await stack.sql(
      `SELECT data FROM audit_log WHERE entity_id = $1 AND action = 'heat.advancement-rule-set'`,
      [heatId],
    );
    expect(audit).toHaveLength(1);
  });

  it('previews which rule placed or stopped each project', async () => {
    const res = await stack.post(
      `/heats/${heatId}/advance/preview`,
      { wildcards: [{ projectId: ids.get('C2'), reason: '赛区推荐：乡村振兴特色项目' }] },
      organiser.token,
    );
    expect(res.status).toBe(200);
    const rows = [...res.body.advanced, ...res.body.eliminated];
    const basis = Object.fromEntries(rows.map((r) => [name(r.projectId), r.basis]));
    const advanced = res.body.advanced.map((r: { projectId: string }) => name(r.projectId));
    // T4 and T5 tie: the standings list them in either order.
    expect([...advanced.slice(0, 3), ...advanced.slice(3, 5).sort(), advanced[5]]).toEqual([
      'C1',
      'T1',
      'T2',
      'T4',
      'T5',
      'C2',
    ]);
    expect(basis.C1).toEqual({ code: 'QUOTA', bucket: 1, rank: 1, quota: 1 });
    expect(basis.T2).toEqual({ code: 'QUOTA', bucket: 0, rank: 2, quota: 3 });
    // 甲大学 has 2 places (T1, T2): T3 is stopped and the next move up.
    expect(basis.T3).toMatchObject({ code: 'UNIT_CAP_FULL', cap: 2, unit: '甲大学' });
    // T4 and T5 tie on 80 for 团队组's last place: both advance, 并列待定.
    expect(basis.T4).toMatchObject({ code: 'TIED_AT_CUTOFF', limit: 'QUOTA', quota: 3 });
    expect(res.body.tiedAtCutoff.map(name).sort()).toEqual(['T4', 'T5']);
    expect(basis.C2).toEqual({ code: 'WILDCARD', reason: '赛区推荐：乡村振兴特色项目' });
    expect(basis.C3).toMatchObject({ code: 'QUOTA_FULL', bucket: 1, rank: 3 });
    expect(
      res.body.buckets.map((b: { groupLabel: string; placed: number }) => [b.groupLabel, b.placed]),
    ).toEqual([
      ['团队组', 4],
      ['企业组', 1],
    ]);
  });

  it('refuses a wildcard into a unit at its cap, and a second wildcard for one place', async () => {
    const capped = await stack.post(
      `/heats/${heatId}/advance`,
      { wildcards: [{ projectId: ids.get('C3'), reason: '推荐' }] },
      organiser.token,
    );
    expect(capped.status).toBe(422);
    expect(capped.body.code).toBe('ADVANCE_WILDCARD_BLOCKED');
    const two = await stack.post(
      `/heats/${heatId}/advance/preview`,
      {
        wildcards: [
          { projectId: ids.get('C2'), reason: 'a' },
          { projectId: ids.get('T3'), reason: 'b' },
        ],
      },
      organiser.token,
    );
    expect(two.status).toBe(422);
    expect(two.body.code).toBe('ADVANCE_TOO_MANY_WILDCARDS');
  });

  it('decides once, recording each basis and the rule in the audit log', async () => {
    const res = await stack.post(
      `/heats/${heatId}/advance`,
      {
        toHeatId: semi,
        wildcards: [{ projectId: ids.get('C2'), reason: '赛区推荐：乡村振兴特色项目' }],
      },
      organiser.token,
    );
    expect(res.status).toBe(200);
    const record = await stack.get(`/heats/${heatId}/advancement`, organiser.token);
    const byName = Object.fromEntries(
      record.body.results.map((r: { projectId: string }) => [name(r.projectId), r]),
    );
    expect(byName.T3.result).toBe('ELIMINATED');
    expect(byName.T4.result).toBe('ADVANCED');
    expect(byName.T3.basis).toMatchObject({ code: 'UNIT_CAP_FULL' });
    expect(byName.C2).toMatchObject({ override: 'INCLUDED', reason: '赛区推荐：乡村振兴特色项目' });
    expect(byName.T5.basis).toMatchObject({ code: 'TIED_AT_CUTOFF' });
    const [audit] = await stack.sql(
      `SELECT data FROM audit_log WHERE entity_id = $1 AND action IN ('heat.advanced', 'heat.awarded')`,
      [heatId],
    );
    expect(audit.data.rule).toMatchObject({ unitCap: 2, wildcards: 1 });
    expect(audit.data.tiedAtCutoff.map(name).sort()).toEqual(['T4', 'T5']);
    expect(audit.data.wildcards).toEqual([
      { projectId: ids.get('C2'), reason: '赛区推荐：乡村振兴特色项目' },
    ]);
  });
});
