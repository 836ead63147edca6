import { deflateSync } from 'node:zlib';
import {
  assertDecidable,
  assertMayConfirm,
  assertMayObject,
  assertMaySign,
  assertSignedOff,
  decodeSignature,
  objectionClosesAt,
  parseSignaturePng,
  pngHasInk,
  resultDisputed,
  resultState,
  sheetContent,
  sheetSignatureState,
  SIGNATURE_MAX_BYTES,
  SheetLine,
} from './sign-off';

// A minimal RGBA PNG, `ink` pixels opaque black at the start of each row.
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
export function png(width: number, height: number, ink: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++)
    for (let x = 0; x < Math.min(ink, width); x++) raw[y * (1 + width * 4) + 1 + x * 4 + 3] = 255;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const at = (m: number) => new Date(Date.UTC(2026, 11, 6, 10, m));
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'none';
};

describe('sheetContent and the signature state', () => {
  const lines: SheetLine[] = [
    {
      projectId: 'b',
      status: 'SUBMITTED' as const,
      scores: { y: 2, x: 1 },
      total: 3,
      comment: null,
    },
    { projectId: 'a', status: 'SUBMITTED' as const, scores: { x: 5 }, total: 5, comment: '好' },
  ];
  it('is the same whatever the order of projects and criteria', () => {
    const shuffled = [{ ...lines[1] }, { ...lines[0], scores: { x: 1, y: 2 } }];
    expect(sheetContent(shuffled)).toBe(sheetContent(lines));
  });
  it('changes with any score, total, status or comment', () => {
    const base = sheetContent(lines);
    expect(sheetContent([lines[0], { ...lines[1], scores: { x: 6 } }])).not.toBe(base);
    expect(sheetContent([lines[0], { ...lines[1], total: 5.5 }])).not.toBe(base);
    expect(sheetContent([lines[0], { ...lines[1], status: 'DRAFT' }])).not.toBe(base);
    expect(sheetContent([lines[0], { ...lines[1], comment: '很好' }])).not.toBe(base);
  });
  it('a signature holds on the same content, is void after a change', () => {
    expect(sheetSignatureState(null, 'h')).toBe('UNSIGNED');
    expect(sheetSignatureState('h', 'h')).toBe('SIGNED');
    expect(sheetSignatureState('h', 'k')).toBe('VOID');
  });
});

describe('assertMaySign', () => {
  const done = [{ title: 'A', status: 'SUBMITTED' as const }];
  it('signs a complete sheet of an open round, and again after a re-score voided it', () => {
    expect(code(() => assertMaySign({ roundStatus: 'OPEN', lines: done, state: 'UNSIGNED' }))).toBe(
      'none',
    );
    expect(code(() => assertMaySign({ roundStatus: 'OPEN', lines: done, state: 'VOID' }))).toBe(
      'none',
    );
  });
  it('refuses a second signature of the same content', () =>
    expect(code(() => assertMaySign({ roundStatus: 'OPEN', lines: done, state: 'SIGNED' }))).toBe(
      'SHEET_ALREADY_SIGNED',
    ));
  it('refuses a sheet with a draft or a missing score, naming the projects', () => {
    try {
      assertMaySign({
        roundStatus: 'OPEN',
        lines: [...done, { title: 'B', status: 'DRAFT' }, { title: 'C', status: 'MISSING' }],
        state: 'UNSIGNED',
      });
      fail('signed');
    } catch (e) {
      expect(e).toMatchObject({ code: 'SHEET_NOT_COMPLETE', params: { projects: ['B', 'C'] } });
    }
  });
  it('refuses an empty sheet and a round not open', () => {
    expect(code(() => assertMaySign({ roundStatus: 'OPEN', lines: [], state: 'UNSIGNED' }))).toBe(
      'SHEET_EMPTY',
    );
    expect(
      code(() => assertMaySign({ roundStatus: 'CLOSED', lines: done, state: 'UNSIGNED' })),
    ).toBe('ROUND_NOT_OPEN');
  });
});

describe('the team’s answer after the reveal', () => {
  const base = {
    revealedAt: at(0),
    now: at(5),
    windowMinutes: 20,
    confirmedAt: null,
    objection: null,
    projectTitle: '智能灌溉',
  };
  it('the window closes windowMinutes after the reveal, exactly at its end', () => {
    expect(objectionClosesAt(at(0), 20)).toEqual(at(20));
    expect(resultState({ ...base, now: at(19) })).toBe('OPEN');
    expect(resultState({ ...base, now: at(20) })).toBe('LAPSED');
    expect(code(() => assertMayObject({ ...base, now: new Date(at(20).getTime() - 1) }))).toBe(
      'none',
    );
    expect(code(() => assertMayObject({ ...base, now: at(20) }))).toBe('OBJECTION_WINDOW_CLOSED');
  });
  it('names the time the window closed', () => {
    try {
      assertMayObject({ ...base, now: at(30) });
    } catch (e) {
      expect(e).toMatchObject({ params: { closesAt: at(20).toISOString() } });
    }
  });
  it('one objection per team per round, whatever its fate', () => {
    for (const status of ['PENDING', 'UPHELD', 'DISMISSED'] as const)
      expect(code(() => assertMayObject({ ...base, objection: { status, raisedAt: at(1) } }))).toBe(
        'OBJECTION_ALREADY_RAISED',
      );
  });
  it('no objection after the team signed 无异议, none before the reveal', () => {
    expect(code(() => assertMayObject({ ...base, confirmedAt: at(2) }))).toBe(
      'RESULT_ALREADY_CONFIRMED',
    );
    expect(code(() => assertMayObject({ ...base, revealedAt: null }))).toBe('RESULT_NOT_REVEALED');
  });
  it('confirms once revealed, also after the window, not while an objection waits', () => {
    expect(code(() => assertMayConfirm(base))).toBe('none');
    expect(code(() => assertMayConfirm({ ...base, now: at(60) }))).toBe('none');
    expect(code(() => assertMayConfirm({ ...base, revealedAt: null }))).toBe('RESULT_NOT_REVEALED');
    expect(code(() => assertMayConfirm({ ...base, confirmedAt: at(1) }))).toBe(
      'RESULT_ALREADY_CONFIRMED',
    );
    expect(
      code(() => assertMayConfirm({ ...base, objection: { status: 'PENDING', raisedAt: at(1) } })),
    ).toBe('OBJECTION_PENDING');
    expect(
      code(() =>
        assertMayConfirm({ ...base, objection: { status: 'DISMISSED', raisedAt: at(1) } }),
      ),
    ).toBe('none');
  });
  it('states: objected and re-scoring are disputed (异议处理中), the rest are not', () => {
    const obj = (status: 'PENDING' | 'UPHELD' | 'DISMISSED') => ({ status, raisedAt: at(1) });
    const cases: [Parameters<typeof resultState>[0], string, boolean][] = [
      [{ ...base, revealedAt: null }, 'NOT_REVEALED', false],
      [base, 'OPEN', false],
      [{ ...base, confirmedAt: at(1) }, 'CONFIRMED', false],
      [{ ...base, objection: obj('PENDING') }, 'OBJECTED', true],
      [{ ...base, objection: obj('DISMISSED') }, 'DISMISSED', false],
      [{ ...base, revealedAt: null, objection: obj('UPHELD') }, 'RESCORING', true],
      [{ ...base, revealedAt: at(30), now: at(31), objection: obj('UPHELD') }, 'RESCORED', false],
      [
        { ...base, revealedAt: at(30), confirmedAt: at(32), objection: obj('UPHELD') },
        'CONFIRMED',
        false,
      ],
      [{ ...base, now: at(25) }, 'LAPSED', false],
    ];
    for (const [facts, state, disputed] of cases) {
      expect(resultState(facts)).toBe(state);
      expect(resultDisputed(resultState(facts))).toBe(disputed);
    }
  });
  it('an objection is decided once', () => {
    expect(code(() => assertDecidable('PENDING', 'x'))).toBe('none');
    expect(code(() => assertDecidable('UPHELD', 'x'))).toBe('ONSITE_OBJECTION_ALREADY_DECIDED');
    expect(code(() => assertDecidable('DISMISSED', 'x'))).toBe('ONSITE_OBJECTION_ALREADY_DECIDED');
  });
});

describe('assertSignedOff (closing the round)', () => {
  it('closes when every sheet is signed and every objection decided', () =>
    expect(assertSignedOff({ unsignedJudges: [], pendingObjections: [] }, {})).toBe(false));
  it('refuses naming the judges and projects', () => {
    try {
      assertSignedOff({ unsignedJudges: ['王评委'], pendingObjections: ['智能灌溉'] }, {});
      fail('closed');
    } catch (e) {
      expect(e).toMatchObject({
        code: 'ROUND_NOT_SIGNED_OFF',
        params: { judges: ['王评委'], projects: ['智能灌溉'] },
      });
      expect((e as Error).message).toMatch(/王评委.*智能灌溉/);
    }
  });
  it('forced with a reason, never without', () => {
    const gaps = { unsignedJudges: ['王评委'], pendingObjections: [] };
    expect(code(() => assertSignedOff(gaps, { force: true }))).toBe('FORCE_REASON_REQUIRED');
    expect(code(() => assertSignedOff(gaps, { force: true, reason: ' ' }))).toBe(
      'FORCE_REASON_REQUIRED',
    );
    expect(assertSignedOff(gaps, { force: true, reason: '评委已离场' })).toBe(true);
  });
});

describe('a drawn signature', () => {
  it('reads a real PNG and finds its ink', () => {
    const info = parseSignaturePng(png(40, 30, 3));
    expect(info).toMatchObject({ width: 40, height: 30, colorType: 6, bitDepth: 8 });
    const { inflateSync } = jest.requireActual<typeof import('node:zlib')>('node:zlib');
    expect(pngHasInk(info, inflateSync(Buffer.concat(info.idat)))).toBe(true);
    const blank = parseSignaturePng(png(40, 30, 0));
    expect(pngHasInk(blank, inflateSync(Buffer.concat(blank.idat)))).toBe(false);
  });
  it('refuses what is not a PNG, a bad CRC, trailing bytes, odd sizes, too many bytes', () => {
    const good = png(40, 30, 3);
    expect(code(() => parseSignaturePng(Buffer.from('GIF89a' + 'x'.repeat(60))))).toBe(
      'SIGNATURE_INVALID',
    );
    const badCrc = Buffer.from(good);
    badCrc[good.length - 20] ^= 0xff;
    expect(code(() => parseSignaturePng(badCrc))).toBe('SIGNATURE_INVALID');
    expect(code(() => parseSignaturePng(Buffer.concat([good, Buffer.from([0])])))).toBe(
      'SIGNATURE_INVALID',
    );
    expect(code(() => parseSignaturePng(good.subarray(0, good.length - 12)))).toBe(
      'SIGNATURE_INVALID',
    );
    expect(code(() => parseSignaturePng(png(10, 30, 1)))).toBe('SIGNATURE_INVALID');
    expect(code(() => parseSignaturePng(png(2001, 30, 1)))).toBe('SIGNATURE_INVALID');
    expect(code(() => parseSignaturePng(new Uint8Array(SIGNATURE_MAX_BYTES + 1)))).toBe(
      'SIGNATURE_TOO_LARGE',
    );
  });
  it('decodes a data URL or bare base64, refuses other text', () => {
    const good = png(40, 30, 3);
    const b64 = good.toString('base64');
    expect(Buffer.from(decodeSignature(`data:image/png;base64,${b64}`)).equals(good)).toBe(true);
    expect(Buffer.from(decodeSignature(b64)).equals(good)).toBe(true);
    expect(code(() => decodeSignature('data:image/png;base64,@@@'))).toBe('SIGNATURE_INVALID');
  });
});
