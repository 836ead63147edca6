import { DomainError } from '../domain-error';

// 签字确认 at the end of a roadshow round (FIELD.md, "The roadshow day"): each
// judge signs their score sheet; after the reveal the team confirms it has no
// objection (无异议) or raises one objection within a window; the round closes
// only when every sheet is signed and every objection decided, or by force
// with a reason.

/** The window for an on-site objection, from the reveal, unless the round states another. */
export const DEFAULT_OBJECTION_MINUTES = 20;
export const MAX_OBJECTION_MINUTES = 240;

// ── The judge's signed score sheet ────────────────────────────────────────────

export interface SheetLine {
  projectId: string;
  status: 'SUBMITTED' | 'DRAFT' | 'MISSING';
  scores: Record<string, number> | null;
  total: number | null;
  comment: string | null;
}

/**
 * What a judge's signature covers, as one canonical string (the api hashes it
 * with SHA-256): every project of the sheet in id order with its status,
 * criteria scores in code order, total and comment. Any change of a score
 * after signing changes it, and so voids the signature.
 */
export function sheetContent(lines: SheetLine[]): string {
  const sorted = [...lines].sort((a, b) => (a.projectId < b.projectId ? -1 : 1));
  return JSON.stringify(
    sorted.map((l) => [
      l.projectId,
      l.status,
      l.scores
        ? Object.keys(l.scores)
            .sort()
            .map((k) => [k, l.scores![k]])
        : null,
      l.total,
      l.comment ?? null,
    ]),
  );
}

export type SheetSignatureState = 'UNSIGNED' | 'SIGNED' | 'VOID';

/** A signature holds while the sheet still has the content it was given on; a re-score voids it. */
export function sheetSignatureState(
  signedHash: string | null | undefined,
  currentHash: string,
): SheetSignatureState {
  if (!signedHash) return 'UNSIGNED';
  return signedHash === currentHash ? 'SIGNED' : 'VOID';
}

/**
 * A judge may sign an OPEN round's sheet when every project on it is
 * submitted, and sign again only after a re-score voided the signature.
 */
export function assertMaySign(input: {
  roundStatus: 'DRAFT' | 'OPEN' | 'CLOSED';
  lines: { title: string; status: SheetLine['status'] }[];
  state: SheetSignatureState;
}): void {
  if (input.roundStatus !== 'OPEN')
    throw DomainError.of(
      'ROUND_NOT_OPEN',
      { status: input.roundStatus },
      'the round is not open: its sheets are not signed now',
    );
  if (!input.lines.length)
    throw DomainError.of('SHEET_EMPTY', 'no project is on your sheet in this round');
  const open = input.lines.filter((l) => l.status !== 'SUBMITTED').map((l) => l.title);
  if (open.length)
    throw DomainError.of(
      'SHEET_NOT_COMPLETE',
      { projects: open },
      `submit every score before signing: ${open.join(', ')}`,
    );
  if (input.state === 'SIGNED')
    throw DomainError.of('SHEET_ALREADY_SIGNED', 'you signed this sheet as it is already');
}

// ── The team's confirmation or objection ─────────────────────────────────────

export type OnSiteObjectionStatus = 'PENDING' | 'UPHELD' | 'DISMISSED';
export type ObjectionDecision = 'UPHELD' | 'DISMISSED';

/**
 * Where a project's result stands for its team:
 * - NOT_REVEALED: no score shown yet (or shown again after an upheld objection's re-score);
 * - OPEN: revealed, the window for an objection runs, no answer yet;
 * - CONFIRMED: the team signed 无异议;
 * - OBJECTED: an objection waits for the organiser's decision (异议处理中: not final);
 * - DISMISSED: the objection was dismissed, the result stands;
 * - RESCORING: the objection was upheld, the judges score again, the result is not shown;
 * - RESCORED: the re-score is revealed; the team may sign for it, not object again;
 * - LAPSED: the window ran out without an answer; no objection any more.
 */
export type ResultState =
  | 'NOT_REVEALED'
  | 'OPEN'
  | 'CONFIRMED'
  | 'OBJECTED'
  | 'DISMISSED'
  | 'RESCORING'
  | 'RESCORED'
  | 'LAPSED';

export interface ResultFacts {
  revealedAt: Date | null;
  now: Date;
  windowMinutes: number;
  confirmedAt: Date | null;
  objection: { status: OnSiteObjectionStatus; raisedAt: Date } | null;
}

export function objectionClosesAt(revealedAt: Date, windowMinutes: number): Date {
  return new Date(revealedAt.getTime() + windowMinutes * 60_000);
}

export function resultState(f: ResultFacts): ResultState {
  if (f.objection?.status === 'PENDING') return 'OBJECTED';
  if (f.confirmedAt) return 'CONFIRMED';
  if (f.objection?.status === 'UPHELD') return f.revealedAt ? 'RESCORED' : 'RESCORING';
  if (!f.revealedAt) return 'NOT_REVEALED';
  if (f.objection?.status === 'DISMISSED') return 'DISMISSED';
  return f.now < objectionClosesAt(f.revealedAt, f.windowMinutes) ? 'OPEN' : 'LAPSED';
}

/** A result under objection is not final: the screen and ranking show 异议处理中. */
export const resultDisputed = (state: ResultState): boolean =>
  state === 'OBJECTED' || state === 'RESCORING';

/**
 * One objection per team per round, in writing, within the window after the
 * reveal, and not after the team signed that it has none.
 */
export function assertMayObject(f: ResultFacts & { projectTitle: string }): void {
  if (f.objection)
    throw DomainError.of(
      'OBJECTION_ALREADY_RAISED',
      { projectTitle: f.projectTitle },
      'one objection per team per round: this team raised one already',
    );
  if (f.confirmedAt)
    throw DomainError.of(
      'RESULT_ALREADY_CONFIRMED',
      { projectTitle: f.projectTitle },
      'the team signed that it has no objection',
    );
  if (!f.revealedAt)
    throw DomainError.of(
      'RESULT_NOT_REVEALED',
      { projectTitle: f.projectTitle },
      'the score is not revealed yet',
    );
  const closesAt = objectionClosesAt(f.revealedAt, f.windowMinutes);
  if (f.now >= closesAt)
    throw DomainError.of(
      'OBJECTION_WINDOW_CLOSED',
      { projectTitle: f.projectTitle, closesAt: closesAt.toISOString() },
      `the window for an objection closed at ${closesAt.toISOString()}`,
    );
}

/**
 * 无异议 with a signature: once the score is shown, while no objection waits
 * (after a decision the team may still sign that it accepts the result).
 */
export function assertMayConfirm(f: ResultFacts & { projectTitle: string }): void {
  if (f.confirmedAt)
    throw DomainError.of(
      'RESULT_ALREADY_CONFIRMED',
      { projectTitle: f.projectTitle },
      'the team signed that it has no objection',
    );
  if (f.objection?.status === 'PENDING')
    throw DomainError.of(
      'OBJECTION_PENDING',
      { projectTitle: f.projectTitle },
      'the objection is being handled; confirm once it is decided',
    );
  if (!f.revealedAt)
    throw DomainError.of(
      'RESULT_NOT_REVEALED',
      { projectTitle: f.projectTitle },
      'the score is not revealed yet',
    );
}

export function assertDecidable(status: OnSiteObjectionStatus, projectTitle: string): void {
  if (status !== 'PENDING')
    throw DomainError.of(
      'ONSITE_OBJECTION_ALREADY_DECIDED',
      { projectTitle, decision: status },
      `the objection was ${status.toLowerCase()} already`,
    );
}

// ── Closing the round ────────────────────────────────────────────────────────

export interface SignOffGaps {
  // Judges with projects in the round whose sheet is unsigned, or signed before a re-score.
  unsignedJudges: string[];
  // Projects whose objection waits for a decision (or whose upheld objection's re-score is not revealed).
  pendingObjections: string[];
}

/**
 * The round closes only when every judge's sheet is signed and every objection
 * decided; otherwise 409 naming what is missing, unless forced with a reason.
 * Answers whether the close is forced past gaps (the caller audits it).
 */
export function assertSignedOff(
  gaps: SignOffGaps,
  force: { force?: boolean; reason?: string | null },
): boolean {
  if (!gaps.unsignedJudges.length && !gaps.pendingObjections.length) return false;
  if (force.force && force.reason?.trim()) return true;
  if (force.force)
    throw DomainError.of('FORCE_REASON_REQUIRED', 'a reason is required to force the close', [
      { field: 'reason', code: 'FIELD_REQUIRED', message: 'required with force' },
    ]);
  const parts = [
    gaps.unsignedJudges.length ? `sheets unsigned: ${gaps.unsignedJudges.join(', ')}` : '',
    gaps.pendingObjections.length
      ? `objections undecided: ${gaps.pendingObjections.join(', ')}`
      : '',
  ].filter(Boolean);
  throw DomainError.of(
    'ROUND_NOT_SIGNED_OFF',
    { judges: gaps.unsignedJudges, projects: gaps.pendingObjections },
    `${parts.join('; ')}. Close with {"force": true, "reason": "…"} to close anyway.`,
  );
}

// ── A drawn signature ────────────────────────────────────────────────────────

export const SIGNATURE_MAX_BYTES = 200 * 1024;
export const SIGNATURE_MAX_SIDE = 2000;
export const SIGNATURE_MIN_SIDE = 20;

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

let crcTable: Uint32Array | null = null;
function crc32(bytes: Uint8Array, start: number, end: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = crcTable[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  // The concatenated IDAT chunks (zlib data): the api inflates them to refuse a blank canvas.
  idat: Uint8Array[];
}

const invalid = (why: string) =>
  DomainError.of('SIGNATURE_INVALID', { why }, `the signature is not a valid PNG image: ${why}`, [
    { field: 'signature', code: 'SIGNATURE_INVALID', message: why },
  ]);

/**
 * A real PNG of bounded size: the signature bytes, IHDR first with sane
 * dimensions, every chunk's CRC right, at least one IDAT, IEND last with
 * nothing after it. Throws SIGNATURE_INVALID (422 on `signature`).
 */
export function parseSignaturePng(bytes: Uint8Array): PngInfo {
  if (bytes.length > SIGNATURE_MAX_BYTES)
    throw DomainError.of(
      'SIGNATURE_TOO_LARGE',
      { maxBytes: SIGNATURE_MAX_BYTES },
      `the signature image is larger than ${SIGNATURE_MAX_BYTES} bytes`,
      [{ field: 'signature', code: 'SIGNATURE_TOO_LARGE', message: 'too large' }],
    );
  if (bytes.length < 8 + 25 + 12 || PNG_MAGIC.some((b, i) => bytes[i] !== b))
    throw invalid('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  let info: Omit<PngInfo, 'idat'> | null = null;
  const idat: Uint8Array[] = [];
  let ended = false;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) throw invalid('truncated chunk');
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 8 + length;
    if (end + 4 > bytes.length) throw invalid('truncated chunk');
    if (!/^[A-Za-z]{4}$/.test(type)) throw invalid('bad chunk type');
    if (crc32(bytes, at + 4, end) !== view.getUint32(end)) throw invalid(`bad CRC in ${type}`);
    if (!info && type !== 'IHDR') throw invalid('IHDR is not first');
    if (type === 'IHDR') {
      if (info || length !== 13) throw invalid('bad IHDR');
      info = {
        width: view.getUint32(at + 8),
        height: view.getUint32(at + 12),
        bitDepth: bytes[at + 16],
        colorType: bytes[at + 17],
      };
      const { width, height } = info;
      if (
        width < SIGNATURE_MIN_SIDE ||
        height < SIGNATURE_MIN_SIDE ||
        width > SIGNATURE_MAX_SIDE ||
        height > SIGNATURE_MAX_SIDE
      )
        throw invalid(`dimensions ${width}×${height} out of bounds`);
      if (![0, 2, 3, 4, 6].includes(info.colorType)) throw invalid('bad colour type');
    } else if (type === 'IDAT') idat.push(bytes.subarray(at + 8, end));
    else if (type === 'IEND') {
      ended = true;
      at = end + 4;
      break;
    }
    at = end + 4;
  }
  if (!ended) throw invalid('no IEND');
  if (at !== bytes.length) throw invalid('data after IEND');
  if (!idat.length) throw invalid('no image data');
  return { ...info!, idat };
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/**
 * Whether inflated image data draws anything: a canvas nobody drew on is all
 * zero (transparent black) under every PNG filter; a stroke is not.
 */
export function pngHasInk(info: PngInfo, inflated: Uint8Array): boolean {
  const stride = 1 + Math.ceil((info.width * CHANNELS[info.colorType] * info.bitDepth) / 8);
  if (inflated.length < stride * info.height) return false;
  for (let row = 0; row < info.height; row++) {
    const start = row * stride;
    for (let i = start + 1; i < start + stride; i++) if (inflated[i] !== 0) return true;
  }
  return false;
}

/** Decodes a data URL or bare base64 of a PNG (the canvas's toDataURL). */
export function decodeSignature(value: string): Uint8Array {
  const m = /^data:image\/png;base64,(.*)$/s.exec(value.trim());
  const b64 = (m ? m[1] : value).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) throw invalid('not base64');
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
