import { DomainError } from '../domain-error';
import { PitchRules, cyrb128, drawByLot, drawPitchOrder, sfc32 } from './pitch-order';

const ids = Array.from(
  { length: 12 },
  (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
);

describe('drawPitchOrder', () => {
  it('is a permutation of the projects', () => {
    const order = drawPitchOrder(ids, 'seed-1');
    expect([...order].sort()).toEqual([...ids].sort());
  });

  it('is reproducible from the seed, whatever order the projects come in', () => {
    const a = drawPitchOrder(ids, 'a3f9c2d1e8b7');
    expect(drawPitchOrder([...ids].reverse(), 'a3f9c2d1e8b7')).toEqual(a);
  });

  it('gives different orders for different seeds', () => {
    const orders = new Set(['s1', 's2', 's3', 's4'].map((s) => drawPitchOrder(ids, s).join()));
    expect(orders.size).toBe(4);
  });

  it('keeps a fixed vector, so a stored seed always redraws the stored order', () => {
    expect(drawPitchOrder(['a', 'b', 'c', 'd', 'e'], 'roadshow-2026')).toEqual(
      drawPitchOrder(['e', 'd', 'c', 'b', 'a'], 'roadshow-2026'),
    );
    expect(cyrb128('roadshow-2026')).toEqual(cyrb128('roadshow-2026'));
    const r = sfc32(1, 2, 3, 4);
    const first = [r(), r(), r()];
    const again = sfc32(1, 2, 3, 4);
    expect([again(), again(), again()]).toEqual(first);
    first.forEach((x) => expect(x >= 0 && x < 1).toBe(true));
  });

  it('drops duplicate ids and handles zero and one project', () => {
    expect(drawPitchOrder([], 's')).toEqual([]);
    expect(drawPitchOrder(['x'], 's')).toEqual(['x']);
    expect(drawPitchOrder(['x', 'x', 'y'], 's').sort()).toEqual(['x', 'y']);
  });

  it('spreads first places evenly over many seeds (no position bias)', () => {
    const firsts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const first = drawPitchOrder(['a', 'b', 'c', 'd'], `seed-${i}`)[0];
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    for (const count of firsts.values()) expect(Math.abs(count - 1000)).toBeLessThan(120);
  });

  it('refuses an empty seed', () => {
    expect(() => drawPitchOrder(ids, '')).toThrow(DomainError);
  });
});

describe('PitchRules', () => {
  const kind = (fn: () => void) => {
    try {
      fn();
      return 'ok';
    } catch (e) {
      return (e as DomainError).kind;
    }
  };

  it('draws in DRAFT or OPEN rounds with projects; redraws only with a reason', () => {
    expect(kind(() => PitchRules.assertMayDraw('DRAFT', 3, false))).toBe('ok');
    expect(kind(() => PitchRules.assertMayDraw('OPEN', 3, false))).toBe('ok');
    expect(kind(() => PitchRules.assertMayDraw('CLOSED', 3, false))).toBe('CONFLICT');
    expect(kind(() => PitchRules.assertMayDraw('OPEN', 0, false))).toBe('CONFLICT');
    expect(kind(() => PitchRules.assertMayDraw('OPEN', 3, true))).toBe('UNPROCESSABLE');
    expect(kind(() => PitchRules.assertMayDraw('OPEN', 3, true, '  '))).toBe('UNPROCESSABLE');
    expect(kind(() => PitchRules.assertMayDraw('OPEN', 3, true, '评委迟到，重新抽签'))).toBe('ok');
  });

  it('puts only a project of an OPEN round on stage', () => {
    expect(kind(() => PitchRules.assertMayPitch('OPEN', true))).toBe('ok');
    expect(kind(() => PitchRules.assertMayPitch('DRAFT', true))).toBe('CONFLICT');
    expect(kind(() => PitchRules.assertMayPitch('CLOSED', true))).toBe('CONFLICT');
    expect(kind(() => PitchRules.assertMayPitch('OPEN', false))).toBe('UNPROCESSABLE');
  });
});

describe('drawByLot (every seeded draw)', () => {
  it('is the pitch order, and the standalone script of docs/verifiable-draws.md agrees with it', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const script = require('../../../../scripts/verify-draw.js') as {
      drawByLot: (ids: string[], seed: string) => string[];
    };
    for (const seed of ['roadshow-2026', 'f'.repeat(64), '种子', 'x']) {
      expect(drawByLot(ids, seed)).toEqual(drawPitchOrder(ids, seed));
      expect(script.drawByLot([...ids].reverse(), seed)).toEqual(drawByLot(ids, seed));
    }
  });

  it('keeps its published test vector (docs/verifiable-draws.md)', () => {
    expect(drawByLot(['a', 'b', 'c', 'd', 'e'], 'roadshow-2026')).toEqual([
      'd',
      'c',
      'a',
      'b',
      'e',
    ]);
  });

  it('refuses an empty seed', () => {
    expect(() => drawByLot(['a'], '')).toThrow(DomainError);
  });
});
