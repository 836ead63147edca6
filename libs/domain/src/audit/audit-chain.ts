/**
 * The tamper-evident audit log (docs/audit-chain.md): each competition's rows
 * form a chain, row n carrying `seq = n`, the hash of row n − 1 (`prevHash`;
 * 64 zeros for the first) and its own `hash`, SHA-256 over a canonical
 * serialisation of the row and prevHash (computed by PostgreSQL's
 * audit_row_hash on insert). Verification recomputes every hash and finds the
 * first row that breaks the chain.
 */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

export interface ChainRow {
  id: string;
  at: Date;
  action: string;
  seq: number | null;
  prevHash: string | null;
  hash: string | null;
  /** The hash recomputed from the row as it stands now. */
  recomputed: string;
}

export type ChainBreakKind =
  | 'UNCHAINED' // no seq or hash: written around the chain
  | 'ROW_CHANGED' // the row differs from what was hashed
  | 'LINK_BROKEN' // its prevHash is not the hash of the row before it
  | 'ROW_MISSING' // a seq skipped: a row before it was deleted
  | 'TAIL_MISSING'; // the chain head counts more rows than remain

export interface ChainBreak {
  kind: ChainBreakKind;
  /** The first row that does not verify (for TAIL_MISSING: the last row left, or null). */
  id: string | null;
  at: Date | null;
  action: string | null;
  seq: number;
}

export type ChainVerdict =
  { ok: true; count: number; headHash: string } | { ok: false; count: number; broken: ChainBreak };

/**
 * Rows in chain order (by seq; rows without seq last). `head` is the chain's
 * stored head (length and last hash), null when the chain never started.
 */
export function verifyAuditChain(
  rows: readonly ChainRow[],
  head: { length: number; lastHash: string } | null,
): ChainVerdict {
  let prev = AUDIT_GENESIS_HASH;
  const fail = (kind: ChainBreakKind, r: ChainRow | null, seq: number): ChainVerdict => ({
    ok: false,
    count: rows.length,
    broken: { kind, id: r?.id ?? null, at: r?.at ?? null, action: r?.action ?? null, seq },
  });
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const expected = i + 1;
    if (r.seq === null || r.hash === null || r.prevHash === null)
      return fail('UNCHAINED', r, expected);
    if (r.seq !== expected) return fail('ROW_MISSING', r, expected);
    if (r.prevHash !== prev) return fail('LINK_BROKEN', r, expected);
    if (r.hash !== r.recomputed) return fail('ROW_CHANGED', r, expected);
    prev = r.hash;
  }
  const length = head?.length ?? 0;
  if (length !== rows.length || (length > 0 && head!.lastHash !== prev))
    return fail('TAIL_MISSING', rows[rows.length - 1] ?? null, rows.length + 1);
  return { ok: true, count: rows.length, headHash: prev };
}
