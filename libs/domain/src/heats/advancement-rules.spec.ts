import { DomainError } from '../domain-error';
import { RuleCandidate, planAdvancementByRule } from './advancement-rules';
import { planAdvancement } from './advancement';

const c = (
  projectId: string,
  score: number,
  groupKey: string | null = 'team',
  unit = `${projectId}大学`,
  trackCode: string | null = 'AI',
): RuleCandidate => ({ projectId, score, groupKey, trackCode, unit });
const ids = (rows: { projectId: string }[]) => rows.map((r) => r.projectId);
const basis = (plan: ReturnType<typeof planAdvancementByRule>, id: string) =>
  [...plan.advanced, ...plan.eliminated].find((d) => d.projectId === id)!.basis;
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return null;
};

describe('planAdvancementByRule: plain top N (no quotas)', () => {
  const standings = [c('a', 90), c('b', 85), c('c', 80), c('d', 80), c('e', 70)];

  it('takes the top count, ranks within the heat', () => {
    const plan = planAdvancementByRule(standings, { count: 2 });
    expect(ids(plan.advanced)).toEqual(['a', 'b']);
    expect(basis(plan, 'b')).toEqual({ code: 'QUOTA', bucket: 0, rank: 2, quota: 2 });
    expect(basis(plan, 'c')).toEqual({ code: 'QUOTA_FULL', bucket: 0, rank: 3, quota: 2 });
    expect(plan.cutoffScore).toBe(85);
    expect(plan.tiedAtCutoff).toEqual([]);
  });

  it('lets every project tied at the cut-off advance, flagged (并列待定)', () => {
    const plan = planAdvancementByRule(standings, { count: 3 });
    expect(ids(plan.advanced)).toEqual(['a', 'b', 'c', 'd']);
    expect(plan.tiedAtCutoff).toEqual(['c', 'd']);
    expect(basis(plan, 'd')).toMatchObject({ code: 'TIED_AT_CUTOFF', limit: 'QUOTA', rank: 3 });
  });

  it('flags a tie that exactly fills the last places, as the standings planner does', () => {
    const plan = planAdvancementByRule(standings, { count: 4 });
    expect(plan.tiedAtCutoff).toEqual(['c', 'd']);
    expect(ids(plan.advanced)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('agrees with planAdvancement on every count, with and without an exclusion', () => {
    const entrants = standings.map((s) => s.projectId);
    for (let count = 0; count <= 6; count++)
      for (const exclude of [[], [{ projectId: 'b', reason: '弃赛' }]]) {
        const old = planAdvancement(standings, entrants, { count, exclude });
        const now = planAdvancementByRule(standings, { count }, { exclude });
        expect(ids(now.advanced)).toEqual(ids(old.advanced));
        expect(now.tiedAtCutoff).toEqual(old.tiedAtCutoff);
        expect(now.cutoffScore).toBe(old.cutoffScore);
      }
  });

  it('lets the next move up after an exclusion, which keeps its reason', () => {
    const plan = planAdvancementByRule(
      standings,
      { count: 2 },
      {
        exclude: [{ projectId: 'a', reason: '尽职调查未通过' }],
      },
    );
    expect(ids(plan.advanced)).toEqual(['b', 'c', 'd']);
    expect(basis(plan, 'a')).toEqual({ code: 'EXCLUDED', reason: '尽职调查未通过' });
    expect(plan.eliminated.find((d) => d.projectId === 'a')).toMatchObject({
      override: 'EXCLUDED',
      reason: '尽职调查未通过',
    });
  });
});

describe('planAdvancementByRule: quotas per group and track', () => {
  const heat = [
    c('t1', 95, 'team'),
    c('t2', 90, 'team'),
    c('t3', 85, 'team'),
    c('t4', 80, 'team'),
    c('e1', 88, 'company'),
    c('e2', 70, 'company'),
    c('e3', 60, 'company'),
    c('n1', 99, null),
  ];

  it('places the top of each group and names the rank within the group', () => {
    const plan = planAdvancementByRule(heat, {
      quotas: [
        { groupKey: 'team', quota: 2 },
        { groupKey: 'company', quota: 1 },
      ],
    });
    expect(ids(plan.advanced)).toEqual(['t1', 't2', 'e1']);
    expect(basis(plan, 't2')).toEqual({ code: 'QUOTA', bucket: 0, rank: 2, quota: 2 });
    expect(basis(plan, 'e1')).toEqual({ code: 'QUOTA', bucket: 1, rank: 1, quota: 1 });
    expect(basis(plan, 'e2')).toEqual({ code: 'QUOTA_FULL', bucket: 1, rank: 2, quota: 1 });
    expect(basis(plan, 'n1')).toEqual({ code: 'NO_QUOTA' });
    expect(plan.buckets.map((b) => [b.placed, b.cutoffScore])).toEqual([
      [2, 90],
      [1, 88],
    ]);
    expect(plan.cutoffScore).toBe(88);
  });

  it('surfaces a tie at each group’s cut-off separately', () => {
    const tiedHeat = [...heat, c('t5', 90, 'team'), c('e4', 88, 'company')];
    const plan = planAdvancementByRule(tiedHeat, {
      quotas: [
        { groupKey: 'team', quota: 2 },
        { groupKey: 'company', quota: 1 },
      ],
    });
    expect(ids(plan.advanced)).toEqual(['t1', 't2', 't5', 'e1', 'e4']);
    expect(plan.tiedAtCutoff).toEqual(['t2', 't5', 'e1', 'e4']);
  });

  it('a tie above the cut-off is no tie at the cut-off', () => {
    const plan = planAdvancementByRule([c('a', 90), c('b', 90), c('c', 80), c('d', 70)], {
      quotas: [{ groupKey: 'team', quota: 3 }],
    });
    expect(plan.tiedAtCutoff).toEqual([]);
    expect(basis(plan, 'b')).toEqual({ code: 'QUOTA', bucket: 0, rank: 1, quota: 3 });
  });

  it('buckets by track, and by group and track together; the first matching bucket wins', () => {
    const mixed = [
      c('a', 90, 'team', 'U1', 'AI'),
      c('b', 85, 'team', 'U2', 'BIO'),
      c('c', 80, 'company', 'U3', 'AI'),
      c('d', 75, 'team', 'U4', 'AI'),
    ];
    const plan = planAdvancementByRule(mixed, {
      quotas: [
        { groupKey: 'team', trackCode: 'AI', quota: 1 },
        { trackCode: 'AI', quota: 1 },
        { trackCode: 'BIO', quota: 0 },
      ],
    });
    expect(ids(plan.advanced)).toEqual(['a', 'c']);
    expect(basis(plan, 'd')).toMatchObject({ code: 'QUOTA_FULL', bucket: 0, rank: 2 });
    expect(basis(plan, 'b')).toMatchObject({ code: 'QUOTA_FULL', bucket: 2, quota: 0 });
  });
});

describe('planAdvancementByRule: caps per unit', () => {
  it('stops the third of a unit capped at 2 and lets the next move up', () => {
    const plan = planAdvancementByRule(
      [
        c('a', 95, 'team', '清华大学'),
        c('b', 90, 'team', '清华大学'),
        c('c', 85, 'team', ' 清华大学 '),
        c('d', 80),
      ],
      { count: 3, unitCap: 2 },
    );
    expect(ids(plan.advanced)).toEqual(['a', 'b', 'd']);
    expect(basis(plan, 'c')).toEqual({
      code: 'UNIT_CAP_FULL',
      bucket: 0,
      rank: 3,
      cap: 2,
      unit: ' 清华大学 ',
    });
    expect(basis(plan, 'd')).toMatchObject({ code: 'QUOTA', rank: 4 });
  });

  it('counts the cap over the whole heat, across groups, highest score first', () => {
    const plan = planAdvancementByRule(
      [c('t1', 95, 'team', 'U'), c('e1', 90, 'company', 'U'), c('e2', 85, 'company', 'V')],
      {
        quotas: [
          { groupKey: 'team', quota: 1 },
          { groupKey: 'company', quota: 1 },
        ],
        unitCap: 1,
      },
    );
    expect(ids(plan.advanced)).toEqual(['t1', 'e2']);
    expect(basis(plan, 'e1')).toMatchObject({ code: 'UNIT_CAP_FULL', unit: 'U' });
  });

  it('a tie inside one unit at its cap: both advance, flagged as a cap tie', () => {
    const plan = planAdvancementByRule(
      [c('a', 95, 'team', 'U'), c('b', 90, 'team', 'U'), c('c', 90, 'team', 'U'), c('d', 80)],
      { count: 4, unitCap: 2 },
    );
    expect(ids(plan.advanced)).toEqual(['a', 'b', 'c', 'd']);
    expect(plan.tiedAtCutoff).toEqual(['b', 'c']);
    expect(basis(plan, 'c')).toMatchObject({ code: 'TIED_AT_CUTOFF', limit: 'UNIT_CAP', cap: 2 });
  });

  it('a tie that exactly reaches the cap is no tie', () => {
    const plan = planAdvancementByRule(
      [c('a', 90, 'team', 'U'), c('b', 90, 'team', 'U'), c('c', 80)],
      { count: 5, unitCap: 2 },
    );
    expect(plan.tiedAtCutoff).toEqual([]);
  });

  it('a capped project frees its quota place for the next of the group', () => {
    const plan = planAdvancementByRule(
      [
        c('a', 95, 'team', 'U'),
        c('b', 90, 'team', 'U'),
        c('c', 70, 'team', 'V'),
        c('e', 99, 'company', 'U'),
      ],
      {
        quotas: [
          { groupKey: 'team', quota: 2 },
          { groupKey: 'company', quota: 1 },
        ],
        unitCap: 2,
      },
    );
    // e (99) takes U's first place, a (95) its second; b is stopped, c moves up.
    expect(ids(plan.advanced)).toEqual(['e', 'a', 'c']);
    expect(basis(plan, 'b')).toMatchObject({ code: 'UNIT_CAP_FULL', rank: 2 });
    expect(basis(plan, 'c')).toMatchObject({ code: 'QUOTA', rank: 3 });
  });
});

describe('planAdvancementByRule: wildcards (赛区推荐)', () => {
  const heat = [
    c('a', 95, 'team', 'U'),
    c('b', 90, 'team', 'U'),
    c('c', 85, 'team', 'V'),
    c('d', 80, 'team', 'W'),
  ];

  it('adds the chosen project with its reason, on top of the quotas', () => {
    const plan = planAdvancementByRule(
      heat,
      { count: 2, wildcards: 1 },
      {
        wildcards: [{ projectId: 'd', reason: '赛区推荐：乡村振兴特色项目' }],
      },
    );
    expect(ids(plan.advanced)).toEqual(['a', 'b', 'd']);
    expect(basis(plan, 'd')).toEqual({ code: 'WILDCARD', reason: '赛区推荐：乡村振兴特色项目' });
    expect(plan.advanced.find((x) => x.projectId === 'd')).toMatchObject({ override: 'INCLUDED' });
  });

  it('blocks a wildcard into a unit already at its cap (never displacing a quota place)', () => {
    const plan = planAdvancementByRule(
      [...heat, c('e', 60, 'team', 'U')],
      { count: 2, unitCap: 2, wildcards: 1 },
      { wildcards: [{ projectId: 'e', reason: '推荐' }] },
    );
    expect(ids(plan.advanced)).toEqual(['a', 'b']);
    expect(plan.blockedWildcards).toEqual(['e']);
    expect(basis(plan, 'e')).toEqual({
      code: 'WILDCARD_BLOCKED',
      reason: '推荐',
      cap: 2,
      unit: 'U',
    });
  });

  it('counts a wildcard towards its unit cap: a second wildcard of that unit is blocked', () => {
    const plan = planAdvancementByRule(
      [c('a', 95, 'team', 'U'), c('x', 50, 'team', 'V'), c('y', 40, 'team', 'V')],
      { count: 1, unitCap: 1, wildcards: 2 },
      {
        wildcards: [
          { projectId: 'x', reason: 'r1' },
          { projectId: 'y', reason: 'r2' },
        ],
      },
    );
    expect(ids(plan.advanced)).toEqual(['a', 'x']);
    expect(plan.blockedWildcards).toEqual(['y']);
  });

  it('leaves a wildcard on a project placed by quota unused', () => {
    const plan = planAdvancementByRule(
      heat,
      { count: 2, wildcards: 1 },
      {
        wildcards: [{ projectId: 'a', reason: 'r' }],
      },
    );
    expect(plan.unusedWildcards).toEqual(['a']);
    expect(basis(plan, 'a')).toMatchObject({ code: 'QUOTA' });
  });

  it('refuses more wildcards than places, unknown projects, missing reasons, a wildcard also excluded', () => {
    expect(
      code(() =>
        planAdvancementByRule(
          heat,
          { count: 1, wildcards: 1 },
          {
            wildcards: [
              { projectId: 'c', reason: 'r' },
              { projectId: 'd', reason: 'r' },
            ],
          },
        ),
      ),
    ).toBe('ADVANCE_TOO_MANY_WILDCARDS');
    expect(
      code(() =>
        planAdvancementByRule(
          heat,
          { count: 1, wildcards: 1 },
          {
            wildcards: [{ projectId: 'zz', reason: 'r' }],
          },
        ),
      ),
    ).toBe('ADVANCE_NOT_IN_HEAT');
    expect(
      code(() =>
        planAdvancementByRule(
          heat,
          { count: 1, wildcards: 1 },
          {
            wildcards: [{ projectId: 'c', reason: '  ' }],
          },
        ),
      ),
    ).toBe('ADVANCE_RULE_INVALID');
    expect(
      code(() =>
        planAdvancementByRule(
          heat,
          { count: 1, wildcards: 1 },
          {
            wildcards: [{ projectId: 'c', reason: 'r' }],
            exclude: [{ projectId: 'c', reason: 'r' }],
          },
        ),
      ),
    ).toBe('ADVANCE_BOTH_INCLUDED_EXCLUDED');
  });
});

describe('validateAdvancementRule', () => {
  it.each([
    [{ count: -1 }],
    [{ count: 1.5 }],
    [{ quotas: [{ quota: 1 }] }],
    [{ quotas: [{ groupKey: 'team', quota: -2 }] }],
    [
      {
        quotas: [
          { groupKey: 'team', quota: 1 },
          { groupKey: 'team', quota: 2 },
        ],
      },
    ],
    [{ count: 1, unitCap: 0 }],
    [{ count: 1, wildcards: -1 }],
  ])('refuses %j', (rule) => {
    expect(code(() => planAdvancementByRule([], rule))).toBe('ADVANCE_RULE_INVALID');
  });
});

describe('planAdvancementByRule: buckets of parallel rooms (分会场)', () => {
  const inRoom = (id: string, score: number, room: string | null) => ({ ...c(id, score), room });
  const standings = [
    inRoom('a', 70, 'r1'),
    inRoom('b', 80, 'r1'),
    inRoom('c', 95, 'r2'),
    inRoom('d', 90, 'r2'),
    inRoom('e', 99, null),
  ];

  it('places the top of each room by its own quota; rooms are never compared', () => {
    const plan = planAdvancementByRule(standings, {
      quotas: [
        { rooms: ['r1'], quota: 1 },
        { rooms: ['r2'], quota: 1 },
      ],
    });
    // d (90) beats b (80) and still stays out: room 2 had one place.
    expect(ids(plan.advanced)).toEqual(['c', 'b']);
    expect(basis(plan, 'b')).toEqual({ code: 'QUOTA', bucket: 0, rank: 1, quota: 1 });
    expect(basis(plan, 'd')).toEqual({ code: 'QUOTA_FULL', bucket: 1, rank: 2, quota: 1 });
    // A project that pitched in no room has no place.
    expect(basis(plan, 'e')).toEqual({ code: 'NO_QUOTA' });
    expect(plan.buckets.map((b) => b.rooms)).toEqual([['r1'], ['r2']]);
  });

  it('one bucket of several rooms ranks them together; a room bucket needs no group', () => {
    const plan = planAdvancementByRule(standings, { quotas: [{ rooms: ['r1', 'r2'], quota: 2 }] });
    expect(ids(plan.advanced)).toEqual(['c', 'd']);
    expect(code(() => planAdvancementByRule(standings, { quotas: [{ quota: 1 }] }))).toBe(
      'ADVANCE_RULE_INVALID',
    );
  });
});
