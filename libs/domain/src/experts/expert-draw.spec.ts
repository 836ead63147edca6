import {
  DrawCandidate,
  DrawRules,
  drawExperts,
  exclusionReasons,
  nextReserve,
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
