// A small push tokenizer for the XML inside an .xlsx, fed chunk by chunk as
// the part inflates, so no part is ever held whole. It knows what OOXML
// needs: elements, attributes, text, the five named entities and character
// references. It refuses a DOCTYPE (no entity can expand) and a tag longer
// than `maxTagChars` (a tag is the only thing it buffers).

export interface XmlHandler {
  open(name: string, attrs: Record<string, string>, selfClosing: boolean): void;
  close(name: string): void;
  // Text arrives in pieces; the handler joins (and bounds) them.
  text(piece: string): void;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? whole;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

// Local name: `x:row` and `row` are the same element to us.
const local = (qname: string) => qname.slice(qname.indexOf(':') + 1);

const TAG = /^<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/;
const ATTR = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export class XmlScanner {
  private pending = '';

  constructor(
    private readonly handler: XmlHandler,
    private readonly maxTagChars = 1024 * 1024,
  ) {}

  feed(chunk: string): void {
    let buf = this.pending + chunk;
    let pos = 0;
    for (;;) {
      const lt = buf.indexOf('<', pos);
      if (lt < 0) {
        // Keep an entity that may be cut in two for the next chunk.
        const amp = buf.lastIndexOf('&');
        const cut = amp >= pos && !buf.includes(';', amp) ? amp : buf.length;
        if (cut > pos) this.handler.text(decodeEntities(buf.slice(pos, cut)));
        buf = buf.slice(cut);
        break;
      }
      if (lt > pos) this.handler.text(decodeEntities(buf.slice(pos, lt)));
      pos = lt;
      const consumed = this.markup(buf, pos);
      if (consumed < 0) {
        buf = buf.slice(pos);
        break;
      }
      pos += consumed;
    }
    if (buf.length > this.maxTagChars) throw new Error('an XML tag is too long');
    this.pending = buf;
  }

  end(): void {
    if (this.pending.trim()) throw new Error('the XML ends inside a tag');
  }

  // Characters taken by the markup at `pos`, or -1 when it is not complete yet.
  private markup(buf: string, pos: number): number {
    const head = buf.slice(pos, pos + 9);
    if (head.startsWith('<?')) return this.skipTo(buf, pos, '?>');
    if (head.startsWith('<!--')) return this.skipTo(buf, pos, '-->');
    if (head.startsWith('<![CDATA[')) {
      const end = buf.indexOf(']]>', pos);
      if (end < 0) return -1;
      this.handler.text(buf.slice(pos + 9, end));
      return end + 3 - pos;
    }
    if (head.startsWith('<!')) {
      if (buf.length - pos < 9) return -1;
      throw new Error('a DOCTYPE or declaration is not allowed in a workbook');
    }
    const gt = buf.indexOf('>', pos);
    if (gt < 0) return -1;
    // A '>' may sit inside an attribute value: widen until the tag matches.
    let end = gt;
    let m: RegExpExecArray | null;
    while (!(m = TAG.exec(buf.slice(pos, end + 1)))) {
      end = buf.indexOf('>', end + 1);
      if (end < 0) {
        if (buf.length - pos > this.maxTagChars) throw new Error('an XML tag is too long');
        return -1;
      }
      if (end - pos > this.maxTagChars) throw new Error('an XML tag is malformed or too long');
    }
    const [whole, slash, qname, rawAttrs, selfClosing] = m;
    const name = local(qname);
    if (slash) this.handler.close(name);
    else {
      const attrs: Record<string, string> = {};
      for (const a of rawAttrs.matchAll(ATTR)) attrs[local(a[1])] = decodeEntities(a[2] ?? a[3]);
      this.handler.open(name, attrs, !!selfClosing);
      if (selfClosing) this.handler.close(name);
    }
    return whole.length;
  }

  private skipTo(buf: string, pos: number, marker: string): number {
    const end = buf.indexOf(marker, pos);
    return end < 0 ? -1 : end + marker.length - pos;
  }
}
