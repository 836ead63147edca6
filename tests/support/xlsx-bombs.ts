import { constants, crc32, deflateRawSync } from 'node:zlib';

// Hostile workbooks, made the way an attacker makes them: a minimal zip
// writer over node:zlib. A part is a list of segments, each deflated once
// (sync flush, not final) and repeated as often as asked, so that a part of
// 900 MB costs the test its CRC pass, not 900 MB of deflating.

export interface ZipSegment {
  text: string;
  times?: number;
}

export interface ZipPart {
  name: string;
  segments: ZipSegment[];
  // Declares this size instead of the true one (a lying central directory).
  declareSize?: number;
}

interface Deflated {
  name: Buffer;
  data: Buffer;
  crc: number;
  size: number;
  declared: number;
}

// An empty final block (fixed Huffman, end of block): closes the stream.
const FINAL_BLOCK = Buffer.from([0x03, 0x00]);

function deflate(part: ZipPart): Deflated {
  const out: Buffer[] = [];
  let crc = 0;
  let size = 0;
  for (const seg of part.segments) {
    const raw = Buffer.from(seg.text, 'utf8');
    const packed = deflateRawSync(raw, {
      level: constants.Z_BEST_COMPRESSION,
      finishFlush: constants.Z_SYNC_FLUSH,
    });
    for (let i = 0; i < (seg.times ?? 1); i++) {
      crc = crc32(raw, crc);
      size += raw.length;
      out.push(packed);
    }
  }
  out.push(FINAL_BLOCK);
  return {
    name: Buffer.from(part.name, 'utf8'),
    data: Buffer.concat(out),
    crc,
    size,
    declared: part.declareSize ?? size,
  };
}

export function inflatedSize(part: ZipPart): number {
  return part.segments.reduce((n, s) => n + Buffer.byteLength(s.text) * (s.times ?? 1), 0);
}

export function zip(parts: ZipPart[]): Buffer {
  const files = parts.map(deflate);
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(f.crc >>> 0, 14);
    local.writeUInt32LE(f.data.length, 18);
    local.writeUInt32LE(f.declared, 22);
    local.writeUInt16LE(f.name.length, 26);
    chunks.push(local, f.name, f.data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(f.crc >>> 0, 16);
    dir.writeUInt32LE(f.data.length, 20);
    dir.writeUInt32LE(f.declared, 24);
    dir.writeUInt16LE(f.name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, f.name);
    offset += 30 + f.name.length + f.data.length;
  }
  const dirBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, dirBytes, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const one = (text: string) => [{ text }];

// The parts every workbook has, for `sheets` worksheets (sheet1.xml …).
export function workbookParts(sheets: number, sharedStrings = false): ZipPart[] {
  const ids = Array.from({ length: sheets }, (_, i) => i + 1);
  return [
    {
      name: '[Content_Types].xml',
      segments: one(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      segments: one(
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      segments: one(
        `<?xml version="1.0"?><workbook ${NS} ${RNS}><sheets>${ids
          .map((i) => `<sheet name="S${i}" sheetId="${i}" r:id="rId${i}"/>`)
          .join('')}</sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      segments: one(
        `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${ids
          .map(
            (i) =>
              `<Relationship Id="rId${i}" Type="${REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`,
          )
          .join(
            '',
          )}${sharedStrings ? `<Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
      ),
    },
  ];
}

// A sheet of a header and `blocks` × 2,000 judge rows (name, email,
// affiliation), inline strings, without row and cell references (they are
// optional): deflated, the rows shrink ~230:1 (deflate tops out near there).
export function sheetOfRows(name: string, blocks: number, declareSize?: number): ZipPart {
  const row = `<row><c t="inlineStr"><is><t>评委</t></is></c><c t="inlineStr"><is><t>judge@example.cn</t></is></c><c t="inlineStr"><is><t>清华大学深圳国际研究生院</t></is></c></row>`;
  return {
    name,
    declareSize,
    segments: [
      {
        text: `<?xml version="1.0"?><worksheet ${NS}><sheetData><row><c t="inlineStr"><is><t>姓名</t></is></c><c t="inlineStr"><is><t>邮箱</t></is></c><c t="inlineStr"><is><t>单位</t></is></c></row>`,
      },
      { text: row.repeat(2000), times: blocks },
      { text: '</sheetData></worksheet>' },
    ],
  };
}

// One shared string of `mb` MiB, used by cell A1.
export function hugeSharedString(mb: number, declareSize?: number): ZipPart[] {
  return [
    {
      name: 'xl/sharedStrings.xml',
      declareSize,
      segments: [
        { text: `<?xml version="1.0"?><sst ${NS} count="1" uniqueCount="1"><si><t>` },
        { text: 'A'.repeat(1024 * 1024), times: mb },
        { text: '</t></si></sst>' },
      ],
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      segments: one(
        `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
      ),
    },
  ];
}
