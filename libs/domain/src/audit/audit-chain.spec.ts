import { AUDIT_GENESIS_HASH, ChainRow, verifyAuditChain } from './audit-chain';

const h = (n: number) => String(n).repeat(64).slice(0, 64);
const at = new Date('2026-12-06T12:00:00Z');
const chain = (n: number): ChainRow[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `row-${i + 1}`,
    at,
    action: 'heat.advanced',
    seq: i + 1,
    prevHash: i === 0 ? AUDIT_GENESIS_HASH : h(i),
    hash: h(i + 1),
    recomputed: h(i + 1),
  }));

describe('verifyAuditChain', () => {
  it('says ok with the count and the head hash for an intact chain', () => {
    expect(verifyAuditChain(chain(3), { length: 3, lastHash: h(3) })).toEqual({
      ok: true,
      count: 3,
      headHash: h(3),
    });
  });

  it('accepts an empty chain with no head', () => {
    expect(verifyAuditChain([], null)).toEqual({
      ok: true,
      count: 0,
      headHash: AUDIT_GENESIS_HASH,
    });
  });

  it('names a changed row (its hash no longer matches what it holds)', () => {
    const rows = chain(4);
    rows[2] = { ...rows[2], recomputed: 'f'.repeat(64) };
    const v = verifyAuditChain(rows, { length: 4, lastHash: h(4) });
    expect(v).toMatchObject({ ok: false, broken: { kind: 'ROW_CHANGED', id: 'row-3', seq: 3 } });
  });

  it('names a row whose link was rewritten, and the first of two breaks', () => {
    const rows = chain(4);
    rows[1] = { ...rows[1], prevHash: 'e'.repeat(64) };
    rows[3] = { ...rows[3], recomputed: 'f'.repeat(64) };
    expect(verifyAuditChain(rows, { length: 4, lastHash: h(4) })).toMatchObject({
      ok: false,
      broken: { kind: 'LINK_BROKEN', id: 'row-2' },
    });
  });

  it('names the row after a deleted one', () => {
    const rows = chain(4);
    rows.splice(1, 1);
    expect(verifyAuditChain(rows, { length: 4, lastHash: h(4) })).toMatchObject({
      ok: false,
      broken: { kind: 'ROW_MISSING', id: 'row-3', seq: 2 },
    });
  });

  it('sees the last rows deleted through the head', () => {
    expect(verifyAuditChain(chain(3), { length: 4, lastHash: h(4) })).toMatchObject({
      ok: false,
      broken: { kind: 'TAIL_MISSING', id: 'row-3', seq: 4 },
    });
    expect(verifyAuditChain(chain(3), { length: 3, lastHash: h(9) })).toMatchObject({
      ok: false,
      broken: { kind: 'TAIL_MISSING' },
    });
    expect(verifyAuditChain([], { length: 1, lastHash: h(1) })).toMatchObject({
      ok: false,
      broken: { kind: 'TAIL_MISSING', id: null },
    });
  });

  it('names a row written around the chain (no seq or hash)', () => {
    const rows = chain(2);
    rows.push({ ...rows[1], id: 'row-x', seq: null, hash: null, prevHash: null });
    expect(verifyAuditChain(rows, { length: 2, lastHash: h(2) })).toMatchObject({
      ok: false,
      broken: { kind: 'UNCHAINED', id: 'row-x', seq: 3 },
    });
  });
});
