// HTTP Range (RFC 9110 §14) for GET /files/:id: one range of bytes, so a
// video seeks and pdf.js reads a large PDF a part at a time. Several ranges
// in one request (multipart/byteranges) are not served: the whole file is
// (a server may ignore Range). Returns null for "send it all".
export type ByteRange = { start: number; end: number } | 'unsatisfiable';

export function parseRange(header: string | undefined, size: number): ByteRange | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    // bytes=-N: the last N bytes.
    const n = Number(m[2]);
    if (n === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}
