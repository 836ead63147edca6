import {
  combineRooms,
  normalisedScores,
  roomAdvancement,
  roomComponents,
  roomRuleProblem,
} from './rooms';

const room = (name: string, judgeIds: string[], projectIds: string[], quota?: number) => ({
  name,
  judgeIds,
  projectIds,
  quota,
});

describe('rooms (分会场)', () => {
  describe('roomComponents', () => {
    it('joins rooms that share a judge, directly or through another room', () => {
      const rooms = [
        room('A', ['j1', 'j2'], []),
        room('B', ['j3'], []),
        room('C', ['j2', 'j4'], []),
        room('D', ['j4', 'j5'], []),
      ];
      expect(roomComponents(rooms)).toEqual([['A', 'C', 'D'], ['B']]);
    });
    it('one room is one component; no rooms, none', () => {
      expect(roomComponents([room('A', [], [])])).toEqual([['A']]);
      expect(roomComponents([])).toEqual([]);
    });
  });

  describe('roomRuleProblem', () => {
    it('refuses a normalised score across rooms with no judge in common, naming the groups', () => {
      const problem = roomRuleProblem('NORMALISED', [
        room('一号厅', ['j1', 'j2'], ['p1']),
        room('二号厅', ['j3', 'j4'], ['p2']),
        room('三号厅', ['j2', 'j5'], ['p3']),
      ]);
      expect(problem).toEqual({
        code: 'ROOMS_NOT_COMPARABLE',
        components: [['一号厅', '三号厅'], ['二号厅']],
        rooms: '一号厅、三号厅 | 二号厅',
      });
    });
    it('accepts a connected design for a normalised score', () => {
      expect(
        roomRuleProblem('NORMALISED', [room('A', ['j1', 'j2'], ['p1']), room('B', ['j2'], ['p2'])]),
      ).toBeNull();
    });
    it('quotas need no shared judge, but a quota of at least 1 for every room', () => {
      expect(
        roomRuleProblem('QUOTA', [room('A', ['j1'], ['p1'], 1), room('B', ['j2'], ['p2'], 2)]),
      ).toBeNull();
      expect(
        roomRuleProblem('QUOTA', [room('A', ['j1'], ['p1'], 1), room('B', ['j2'], ['p2'], 0)]),
      ).toEqual({ code: 'ROOM_QUOTA_REQUIRED', room: 'B' });
      expect(roomRuleProblem('QUOTA', [room('A', ['j1'], ['p1'])])).toEqual({
        code: 'ROOM_QUOTA_REQUIRED',
        room: 'A',
      });
    });
    it('a project pitches in one room only', () => {
      expect(
        roomRuleProblem('QUOTA', [room('A', ['j1'], ['p1'], 1), room('B', ['j2'], ['p1'], 1)]),
      ).toEqual({ code: 'ROOM_PROJECT_TWICE', projectId: 'p1' });
    });
  });

  // Hand-computed: rooms A (J1, J2; P1, P2) and B (J2, J3; P3, P4), J2 in both.
  // J1: P1 80, P2 70 → mean 75, sd 5 → z +1, −1.
  // J2: P1 90, P2 80, P3 70, P4 60 → mean 75, sd √125 = 11.1803 →
  //     z +1.3416, +0.4472, −0.4472, −1.3416.
  // J3 (lenient): P3 95, P4 93 → mean 94, sd 1 → z +1, −1.
  // Normalised: P1 (1 + 1.3416)/2 = 1.1708, P2 (−1 + 0.4472)/2 = −0.2764,
  //             P3 (−0.4472 + 1)/2 = 0.2764, P4 (−1.3416 − 1)/2 = −1.1708.
  // Raw means: P1 85, P2 75, P3 82.5, P4 76.5: the raw ranking puts P4 above
  // P2 (J3 is lenient); the normalised one puts P2 above P4.
  const totals = [
    { judgeId: 'J1', projectId: 'P1', total: 80 },
    { judgeId: 'J1', projectId: 'P2', total: 70 },
    { judgeId: 'J2', projectId: 'P1', total: 90 },
    { judgeId: 'J2', projectId: 'P2', total: 80 },
    { judgeId: 'J2', projectId: 'P3', total: 70 },
    { judgeId: 'J2', projectId: 'P4', total: 60 },
    { judgeId: 'J3', projectId: 'P3', total: 95 },
    { judgeId: 'J3', projectId: 'P4', total: 93 },
  ];
  const rooms = [
    room('A', ['J1', 'J2'], ['P1', 'P2'], 1),
    room('B', ['J2', 'J3'], ['P3', 'P4'], 1),
  ];
  const raw = new Map([
    ['P1', 85],
    ['P2', 75],
    ['P3', 82.5],
    ['P4', 76.5],
  ]);

  it('normalises by z-score per judge (hand-computed)', () => {
    const z = normalisedScores(totals);
    expect(z.get('P1')).toBeCloseTo(1.1708, 4);
    expect(z.get('P2')).toBeCloseTo(-0.2764, 4);
    expect(z.get('P3')).toBeCloseTo(0.2764, 4);
    expect(z.get('P4')).toBeCloseTo(-1.1708, 4);
  });

  it('a judge whose totals are all equal contributes 0', () => {
    const z = normalisedScores([
      { judgeId: 'J', projectId: 'A', total: 80 },
      { judgeId: 'J', projectId: 'B', total: 80 },
    ]);
    expect(z.get('A')).toBe(0);
    expect(z.get('B')).toBe(0);
  });

  it('NORMALISED: the top N of the whole round advance', () => {
    const out = combineRooms('NORMALISED', rooms, raw, totals, 3);
    const by = new Map(out.map((e) => [e.projectId, e]));
    expect(['P1', 'P3', 'P2', 'P4'].map((p) => by.get(p)!.rank)).toEqual([1, 2, 3, 4]);
    expect(out.filter((e) => e.advances).map((e) => e.projectId)).toEqual(['P1', 'P2', 'P3']);
    expect(by.get('P4')!.advances).toBe(false);
    expect(by.get('P3')!.room).toBe('B');
  });

  it('QUOTA: the top k of each room, by the room’s own scores', () => {
    const out = combineRooms('QUOTA', rooms, raw, totals);
    expect(out.filter((e) => e.advances).map((e) => e.projectId)).toEqual(['P1', 'P3']);
    expect(out.map((e) => e.rank)).toEqual([1, 2, 1, 2]);
    expect(out.every((e) => e.normalised === null)).toBe(true);
  });

  it('QUOTA: a tie at the last place advances both; an unscored project never advances', () => {
    const out = combineRooms(
      'QUOTA',
      [room('A', ['J1'], ['P1', 'P2', 'P3', 'P4'], 2)],
      new Map([
        ['P1', 90],
        ['P2', 80],
        ['P3', 80],
      ]),
      [],
    );
    expect(out.map((e) => [e.projectId, e.rank, e.advances])).toEqual([
      ['P1', 1, true],
      ['P2', 2, true],
      ['P3', 2, true],
      ['P4', null, false],
    ]);
  });
});

describe('roomAdvancement (rooms feeding the heat)', () => {
  const rooms = [
    { id: 'r1', ...room('一号厅', ['j1'], ['p1', 'p2'], 1) },
    { id: 'r2', ...room('二号厅', ['j2'], ['p3', 'p4', 'p5'], 2) },
  ];
  it('QUOTA: a bucket per room with its quota, each project by its room score', () => {
    const scores = new Map([
      ['p1', 70],
      ['p2', 80],
      ['p3', 95],
      ['p4', 90],
    ]);
    const entries = combineRooms('QUOTA', rooms, scores, []);
    const { quotas, standings } = roomAdvancement('QUOTA', rooms, entries);
    expect(quotas).toEqual([
      { rooms: ['r1'], quota: 1 },
      { rooms: ['r2'], quota: 2 },
    ]);
    expect([...standings]).toEqual([
      ['p1', { roomId: 'r1', score: 70 }],
      ['p2', { roomId: 'r1', score: 80 }],
      ['p3', { roomId: 'r2', score: 95 }],
      ['p4', { roomId: 'r2', score: 90 }],
    ]);
    // p5 was never scored: in no bucket.
    expect(standings.has('p5')).toBe(false);
  });
  it('NORMALISED: one bucket of every room with the round’s places, by the z-score', () => {
    const shared = [
      { id: 'r1', ...room('一号厅', ['j1', 'j2'], ['p1', 'p2']) },
      { id: 'r2', ...room('二号厅', ['j2'], ['p3']) },
    ];
    const totals = [
      { judgeId: 'j1', projectId: 'p1', total: 80 },
      { judgeId: 'j1', projectId: 'p2', total: 60 },
      { judgeId: 'j2', projectId: 'p1', total: 70 },
      { judgeId: 'j2', projectId: 'p2', total: 70 },
      { judgeId: 'j2', projectId: 'p3', total: 70 },
    ];
    const entries = combineRooms('NORMALISED', shared, new Map(), totals, 2);
    const { quotas, standings } = roomAdvancement('NORMALISED', shared, entries, 2);
    expect(quotas).toEqual([{ rooms: ['r1', 'r2'], quota: 2 }]);
    // j1: p1 +1, p2 −1; j2 all equal: 0. Means: p1 0.5, p2 −0.5, p3 0.
    expect(standings.get('p1')).toEqual({ roomId: 'r1', score: 0.5 });
    expect(standings.get('p2')).toEqual({ roomId: 'r1', score: -0.5 });
    expect(standings.get('p3')).toEqual({ roomId: 'r2', score: 0 });
  });
});
