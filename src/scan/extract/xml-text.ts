// A small, forgiving XML tokenizer for pulling text out of Office parts, and XML
// entity decoding (XML 1.0 §4.1 character references, §4.6 predefined entities).
// It never throws: broken markup ends the part early rather than failing it.

export interface XmlVisitor {
  /** A start tag (`selfClosing` for `<x/>`). `name` is the local name, without prefix. */
  open(name: string, attrs: string, selfClosing: boolean): void;
  close(name: string): void;
  /** Character data between tags; `raw` is still entity-encoded unless `cdata`. */
  text(raw: string, cdata: boolean): void;
}

/** How often (in tags) the visitor's caller gets a chance to stop a long part. */
const CHECKPOINT_EVERY = 65_536;

/** Walks `xml` tag by tag. `checkpoint` runs every so often and may throw to stop. */
export function scanXml(xml: string, visitor: XmlVisitor, checkpoint?: () => void): void {
  const n = xml.length;
  let i = 0;
  let tags = 0;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) { visitor.text(xml.slice(i), false); return; }
    if (lt > i) visitor.text(xml.slice(i, lt), false);
    if (checkpoint && ++tags % CHECKPOINT_EVERY === 0) checkpoint();
    if (xml.startsWith('<!--', lt)) {
      i = endAfter(xml, '-->', lt + 4);
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      visitor.text(xml.slice(lt + 9, end < 0 ? n : end), true);
      i = end < 0 ? n : end + 3;
    } else if (xml[lt + 1] === '?' || xml[lt + 1] === '!') {
      i = endAfter(xml, '>', lt + 2);
    } else {
      const gt = tagEnd(xml, lt + 1);
      if (gt < 0) return;
      const closing = xml[lt + 1] === '/';
      const selfClosing = !closing && xml[gt - 1] === '/';
      const body = xml.slice(closing ? lt + 2 : lt + 1, selfClosing ? gt - 1 : gt);
      const nameEnd = body.search(/[\s/]|$/);
      const name = localName(body.slice(0, nameEnd));
      if (closing) visitor.close(name);
      else visitor.open(name, body.slice(nameEnd), selfClosing);
      i = gt + 1;
    }
  }
}

function endAfter(xml: string, marker: string, from: number): number {
  const end = xml.indexOf(marker, from);
  return end < 0 ? xml.length : end + marker.length;
}

/** Index of the `>` closing a tag; `>` may appear inside quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  let quote = '';
  for (let i = from; i < xml.length; i++) {
    const c = xml[i];
    if (quote) { if (c === quote) quote = ''; }
    else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return -1;
}

function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** The value of attribute `name` (matched by local name) in a start tag's attribute text, decoded. */
export function attribute(attrs: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
  const m = re.exec(attrs);
  if (!m) return undefined;
  return decodeEntities(m[1] ?? m[2] ?? '');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five predefined entities and numeric character references; anything else is left as written. */
export function decodeEntities(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    if (!Number.isFinite(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\uFFFD';
    return String.fromCodePoint(code);
  });
}
