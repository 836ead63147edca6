import {
  DrawCandidate,
  DrawRules,
  drawExperts,
  exclusionReasons,
  nextReserve,
  normaliseProvince,
} from './expert-draw';

const cand = (id: string, over: Partial<DrawCandidate> = {}): DrawCandidate => ({
  id,
  unit: `Unit ${id}`,
  region: '广东',
  fields: ['TECHNOLOGY'],
  available: true,
  hasAccount: true,
  conflictUnits: [],
  conflictPeople: [],
  judgedProjectIds: [],
  ...over,
});

const round = {
  projects: [
    { id: 'p1', unit: '清华大学', people: ['张三'] },
    { id: 'p2', unit: 'Acme 公司', people: ['李四'] },
  ],
  region: '北京',
};

const rules: DrawRules = {
  mix: { TECHNOLOGY: 2, INVESTMENT: 2, INDUSTRY: 1 },
  reserves: 2,
  organiserUnit: '组委会',
  minOutsideShare: 0.5,
  recuseSameRegion: true,
  recuseJudgedEarlier: true,
};

describe('recusal', () => {
  it('gives every reason, compared without case, width or spaces', () => {
    expect(
      exclusionReasons(
        cand('x', {
          available: false,
          hasAccount: false,
          fields: ['FINANCE'],
          unit: ' 清华 大学 ',
          region: '北京',
          conflictPeople: ['李四'],
          judgedProjectIds: ['p2'],
        }),
        round,
        rules,
      ),
    ).toEqual([
      'UNAVAILABLE',
      'NO_ACCOUNT',
      'NO_REQUESTED_FIELD',
      'SAME_UNIT',
      'SAME_REGION',
      'DECLARED_CONFLICT',
      'JUDGED_EARLIER',
    ]);
    expect(exclusionReasons(cand('y', { conflictUnits: ['ACME公司'] }), round, rules)).toEqual([
      'DECLARED_CONFLICT',
    ]);
  });
  it('region and earlier rounds count only when the rules say so', () => {
    const c = cand('z', { region: '北京', judgedProjectIds: ['p1'] });
    expect(exclusionReasons(c, round, rules)).toEqual(['SAME_REGION', 'JUDGED_EARLIER']);
    expect(
      exclusionReasons(c, round, { ...rules, recuseSameRegion: false, recuseJudgedEarlier: false }),
    ).toEqual([]);
  });
});

describe('capacity and availability filters', () => {
  it('excludes an expert whose capacity per round is below the round load, with the reason', () => {
    // Two projects in the round: each panel member judges both unless the rules say less.
    expect(exclusionReasons(cand('c1', { capacity: 1 }), round, rules)).toEqual(['AT_CAPACITY']);
    expect(exclusionReasons(cand('c2', { capacity: 2 }), round, rules)).toEqual([]);
    expect(exclusionReasons(cand('c3', { capacity: null }), round, rules)).toEqual([]);
    expect(exclusionReasons(cand('c4'), round, rules)).toEqual([]);
    expect(exclusionReasons(cand('c5', { capacity: 0 }), round, rules)).toEqual(['AT_CAPACITY']);
    // The rules state a load per expert: the capacity compares with that.
    expect(
      exclusionReasons(cand('c1', { capacity: 1 }), round, { ...rules, projectsPerExpert: 1 }),
    ).toEqual([]);
    expect(
      exclusionReasons(cand('c6', { capacity: 5 }), round, { ...rules, projectsPerExpert: 6 }),
    ).toEqual(['AT_CAPACITY']);
  });
  it('excludes an unavailable expert, and lists capacity right after availability', () => {
    expect(exclusionReasons(cand('u1', { available: false }), round, rules)).toEqual([
      'UNAVAILABLE',
    ]);
    expect(
      exclusionReasons(
        cand('u2', { available: false, capacity: 1, hasAccount: false }),
        round,
        rules,
      ),
    ).toEqual(['UNAVAILABLE', 'AT_CAPACITY', 'NO_ACCOUNT']);
  });
  it('the draw records the capacity and availability exclusions in its candidate set', () => {
    const pool = [
      cand('a1', { fields: ['TECHNOLOGY'] }),
      cand('a2', { fields: ['TECHNOLOGY'], capacity: 1 }),
      cand('a3', { fields: ['TECHNOLOGY'], available: false }),
    ];
    const r = drawExperts(pool, round, { ...rules, mix: { TECHNOLOGY: 1 }, reserves: 0 }, 's');
    expect(r.excluded).toEqual([
      { id: 'a2', reasons: ['AT_CAPACITY'] },
      { id: 'a3', reasons: ['UNAVAILABLE'] },
    ]);
    expect(r.drawn.map((d) => d.id)).toEqual(['a1']);
  });
});

describe("same province: the expert against each project unit's province", () => {
  const provinces = {
    projects: [
      { id: 'p1', unit: '中山大学', people: [], province: '广东省' },
      { id: 'p2', unit: '浙江大学', people: [], province: '浙江' },
      { id: 'p3', unit: '某公司', people: [] }, // no province stated: the heat's region
    ],
    region: '江苏',
  };
  it('excludes an expert from the province of any project, suffixes ignored', () => {
    expect(exclusionReasons(cand('g1', { region: '广东' }), provinces, rules)).toEqual([
      'SAME_REGION',
    ]);
    expect(exclusionReasons(cand('g2', { region: '浙江省' }), provinces, rules)).toEqual([
      'SAME_REGION',
    ]);
    // The heat's region stands in for the unit that states no province.
    expect(exclusionReasons(cand('g3', { region: '江苏省' }), provinces, rules)).toEqual([
      'SAME_REGION',
    ]);
    expect(exclusionReasons(cand('g4', { region: '四川' }), provinces, rules)).toEqual([]);
  });
  it('no longer compares with the heat alone: a heat region no project shares does not exclude', () => {
    const all = { ...provinces, projects: provinces.projects.slice(0, 2) };
    expect(exclusionReasons(cand('g5', { region: '江苏' }), all, rules)).toEqual([]);
    expect(exclusionReasons(cand('g6', { region: '广东' }), all, rules)).toEqual(['SAME_REGION']);
  });
  it('counts only when the rules say so', () => {
    expect(
      exclusionReasons(cand('g7', { region: '广东' }), provinces, {
        ...rules,
        recuseSameRegion: false,
      }),
    ).toEqual([]);
  });
  it('normalises provinces: 省, 市, autonomous regions', () => {
    expect(normaliseProvince('广东省')).toBe('广东');
    expect(normaliseProvince('北京市')).toBe('北京');
    expect(normaliseProvince('广西壮族自治区')).toBe('广西');
    expect(normaliseProvince(' 华 东 ')).toBe('华东');
    expect(normaliseProvince(null)).toBe('');
  });
});

describe('the draw', () => {
  const pool: DrawCandidate[] = [
    cand('e01', { fields: ['TECHNOLOGY'] }),
    cand('e02', { fields: ['TECHNOLOGY', 'INDUSTRY'], unit: '组委会' }),
    cand('e03', { fields: ['INVESTMENT'] }),
    cand('e04', { fields: ['INVESTMENT'], unit: '组委会' }),
    cand('e05', { fields: ['INDUSTRY'] }),
    cand('e06', { fields: ['TECHNOLOGY'], unit: '组委会' }),
    cand('e07', { fields: ['INVESTMENT', 'FINANCE'] }),
    cand('e08', { fields: ['TECHNOLOGY'], unit: '组委会' }),
    cand('e09', { fields: ['INDUSTRY'], unit: '组委会' }),
    cand('e10', { fields: ['TECHNOLOGY'] }),
    cand('e11', { unit: '清华大学' }),
    cand('e12', { region: '北京' }),
  ];

  it('is a function of the seed: the same seed, the same record', () => {
    const a = drawExperts(pool, round, rules, 'seed-1');
    expect(drawExperts([...pool].reverse(), round, rules, 'seed-1')).toEqual(a);
    expect(drawExperts(pool, round, rules, 'seed-2').order).not.toEqual(a.order);
  });

  it('fills the mix, keeps insiders within the cap, and lists reserves after', () => {
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']) {
      const r = drawExperts(pool, round, rules, seed);
      expect(r.excluded).toEqual([
        { id: 'e11', reasons: ['SAME_UNIT'] },
        { id: 'e12', reasons: ['SAME_REGION'] },
      ]);
      expect(r.insiderCap).toBe(2); // 5 − ceil(2.5)
      if (Object.keys(r.shortfall).length) continue;
      const count = (f: string) => r.drawn.filter((d) => d.field === f).length;
      expect([count('TECHNOLOGY'), count('INVESTMENT'), count('INDUSTRY')]).toEqual([2, 2, 1]);
      expect(r.drawn.filter((d) => d.insider).length).toBeLessThanOrEqual(2);
      expect(r.reserves.length).toBe(2);
      for (const res of r.reserves) expect(r.drawn.map((d) => d.id)).not.toContain(res.id);
      // Drawn in the order of the shuffle.
      expect(r.drawn.map((d) => d.position)).toEqual(
        [...r.drawn.map((d) => d.position)].sort((x, y) => x - y),
      );
    }
  });

  it('the fixed seed "expert-draw-example" (docs/expert-draw.md)', () => {
    const r = drawExperts(pool, round, rules, 'expert-draw-example');
    expect({
      order: r.order,
      drawn: r.drawn.map((d) => `${d.id}:${d.field}${d.insider ? '*' : ''}`),
      reserves: r.reserves.map((d) => d.id),
      passedOver: r.passedOver,
    }).toEqual({
      order: ['e09', 'e08', 'e03', 'e01', 'e05', 'e02', 'e10', 'e06', 'e07', 'e04'],
      drawn: [
        'e09:INDUSTRY*',
        'e08:TECHNOLOGY*',
        'e03:INVESTMENT',
        'e01:TECHNOLOGY',
        'e07:INVESTMENT',
      ],
      reserves: ['e05', 'e02'],
      passedOver: [],
    });
  });

  it('says what it could not fill', () => {
    const r = drawExperts(pool, round, { ...rules, mix: { FINANCE: 2 } }, 's');
    expect(r.drawn.map((d) => d.id)).toEqual(['e07']);
    expect(r.shortfall).toEqual({ FINANCE: 1 });
  });

  it('a share of 1 takes no insider at all; 0 no cap', () => {
    const all = drawExperts(
      pool,
      round,
      { ...rules, minOutsideShare: 1, mix: { TECHNOLOGY: 2 } },
      'q',
    );
    expect(all.drawn.map((d) => d.id).sort()).toEqual(['e01', 'e10']);
    const none = drawExperts(pool, round, { ...rules, minOutsideShare: 0 }, 'q');
    expect(none.insiderCap).toBe(5);
    expect(none.passedOver).toEqual([]);
  });
});

describe('the next reserve', () => {
  const fields = new Map([
    ['r1', ['INVESTMENT']],
    ['r2', ['TECHNOLOGY']],
    ['r3', ['TECHNOLOGY']],
  ]);
  const reserves = [
    { id: 'r1', insider: false },
    { id: 'r2', insider: true },
    { id: 'r3', insider: false },
  ];
  it('takes the first unused reserve of the field within the insider cap', () => {
    const base = { reserves, candidateFields: fields, insiderCap: 2 };
    expect(nextReserve({ ...base, field: 'TECHNOLOGY', used: new Set(), insidersOnPanel: 1 })).toBe(
      'r2',
    );
    expect(nextReserve({ ...base, field: 'TECHNOLOGY', used: new Set(), insidersOnPanel: 2 })).toBe(
      'r3',
    );
    expect(
      nextReserve({
        ...base,
        field: 'TECHNOLOGY',
        used: new Set(['r2', 'r3']),
        insidersOnPanel: 0,
      }),
    ).toBe(null);
    expect(nextReserve({ ...base, field: 'INVESTMENT', used: new Set(), insidersOnPanel: 0 })).toBe(
      'r1',
    );
  });
});
