// Text of Office Open XML documents (ECMA-376): which parts of a .docx, .xlsx or .pptx
// hold text, in what order, and how each part's XML becomes lines. Pure: parts are
// fetched by the caller through `readPart`.
import { TextBuilder } from './text-builder.js';
import { attribute, decodeEntities, scanXml } from './xml-text.js';

export type OfficeKind = 'docx' | 'xlsx' | 'pptx';

const MAIN_PART: Record<OfficeKind, string> = {
  docx: 'word/document.xml',
  xlsx: 'xl/workbook.xml',
  pptx: 'ppt/presentation.xml',
};

/** The part without which there is no document. */
export function mainPart(kind: OfficeKind): string {
  return MAIN_PART[kind];
}

/** Extensions of Office Open XML files, macro-enabled and template variants included. */
export const OFFICE_EXTENSIONS: Readonly<Record<string, OfficeKind>> = {
  docx: 'docx', docm: 'docx', dotx: 'docx', dotm: 'docx',
  xlsx: 'xlsx', xlsm: 'xlsx', xltx: 'xlsx', xltm: 'xlsx',
  pptx: 'pptx', pptm: 'pptx', ppsx: 'pptx', ppsm: 'pptx', potx: 'pptx', potm: 'pptx',
};

/** Which Office document a zip is, from its member names (OPC packages name their content types in `[Content_Types].xml`). */
export function officeKind(names: ReadonlySet<string>): OfficeKind | undefined {
  if (!names.has('[Content_Types].xml')) return undefined;
  for (const kind of ['docx', 'xlsx', 'pptx'] as const) if (names.has(MAIN_PART[kind])) return kind;
  return undefined;
}

export function isOpcPackage(names: ReadonlySet<string>): boolean {
  return names.has('[Content_Types].xml');
}

/** The parts whose text makes up the document, in reading order. */
export function textParts(kind: OfficeKind, names: Iterable<string>): string[] {
  const all = [...names];
  const numbered = (re: RegExp): string[] =>
    all.filter((n) => re.test(n)).sort((a, b) => partNumber(a) - partNumber(b) || a.localeCompare(b));
  switch (kind) {
    case 'docx':
      return [
        MAIN_PART.docx,
        ...numbered(/^word\/header\d*\.xml$/),
        ...numbered(/^word\/footer\d*\.xml$/),
        ...['word/footnotes.xml', 'word/endnotes.xml', 'word/comments.xml'].filter((n) => all.includes(n)),
      ];
    case 'xlsx':
      return [...numbered(/^xl\/worksheets\/sheet\d+\.xml$/), ...numbered(/^xl\/comments\d+\.xml$/)];
    case 'pptx':
      return [...numbered(/^ppt\/slides\/slide\d+\.xml$/), ...numbered(/^ppt\/notesSlides\/notesSlide\d+\.xml$/)];
  }
}

function partNumber(name: string): number {
  const m = /(\d+)\.xml$/.exec(name);
  return m ? Number(m[1]) : 0;
}

/** Fetches a part's XML, undefined when the package has no such part. */
export type PartReader = (name: string) => Promise<string | undefined>;

/**
 * The text of an Office document: throws `MissingPartError` when its main part is
 * missing. `checkpoint` runs between parts and within long ones, and may throw to stop.
 */
export async function officeText(kind: OfficeKind, names: ReadonlySet<string>, readPart: PartReader, maxChars: number, checkpoint: () => void): Promise<{ text: string; truncated: boolean }> {
  const out = new TextBuilder(maxChars);
  let shared: string[] = [];
  if (kind === 'xlsx') {
    const xml = names.has('xl/sharedStrings.xml') ? await readPart('xl/sharedStrings.xml') : undefined;
    if (xml !== undefined) shared = sharedStrings(xml, checkpoint);
  }
  if (!names.has(MAIN_PART[kind])) throw new MissingPartError(MAIN_PART[kind]);
  for (const part of textParts(kind, names)) {
    if (out.truncated) break;
    checkpoint();
    const xml = await readPart(part);
    if (xml === undefined) continue;
    if (kind === 'docx') wordText(xml, out, checkpoint);
    else if (kind === 'xlsx') sheetText(xml, shared, out, checkpoint);
    else drawingText(xml, out, checkpoint);
    out.endLine();
  }
  return { text: out.toString(), truncated: out.truncated };
}

export class MissingPartError extends Error {
  constructor(readonly part: string) {
    super(`The package has no ${part}.`);
  }
}

/** WordprocessingML: `<w:t>` (and deleted `<w:delText>`) text, a line per paragraph, a table row per line with tab-separated cells. */
export function wordText(xml: string, out: TextBuilder, checkpoint?: () => void): void {
  let inText = false;
  let tabStops = 0;
  let cells = 0;
  scanXml(xml, {
    open(name, _attrs, selfClosing) {
      if (selfClosing) {
        if (name === 'tab' && tabStops === 0) out.push('\t');
        else if (name === 'br' || name === 'cr') out.push('\n');
        else if (name === 'noBreakHyphen') out.push('-');
        return;
      }
      if (name === 't' || name === 'delText') inText = true;
      else if (name === 'tabs') tabStops++;
      else if (name === 'tc') cells++;
    },
    close(name) {
      if (name === 't' || name === 'delText') inText = false;
      else if (name === 'tabs') tabStops = Math.max(0, tabStops - 1);
      else if (name === 'p') out.push(cells > 0 ? ' ' : '\n');
      else if (name === 'tc') { cells = Math.max(0, cells - 1); out.push('\t'); }
      else if (name === 'tr') out.push('\n');
    },
    text(raw, cdata) {
      if (inText) out.push(cdata ? raw : decodeEntities(raw));
    },
  }, checkpoint);
}

/** SpreadsheetML shared strings (`<si>`), phonetic runs (`<rPh>`) left out. */
export function sharedStrings(xml: string, checkpoint?: () => void): string[] {
  const list: string[] = [];
  let current: string[] = [];
  let inText = false;
  let phonetic = 0;
  scanXml(xml, {
    open(name, _attrs, selfClosing) {
      if (selfClosing) { if (name === 'si') list.push(''); return; }
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic++;
      else if (name === 't') inText = true;
    },
    close(name) {
      if (name === 'si') list.push(current.join(''));
      else if (name === 'rPh') phonetic = Math.max(0, phonetic - 1);
      else if (name === 't') inText = false;
    },
    text(raw, cdata) {
      if (inText && phonetic === 0) current.push(cdata ? raw : decodeEntities(raw));
    },
  }, checkpoint);
  return list;
}

/**
 * SpreadsheetML worksheet: a line per row, cells separated by tabs. Numbers are kept
 * as digits (phone numbers and IDs often sit in cells as numbers); shared, inline and
 * formula strings are resolved. Empty cells are not padded.
 */
export function sheetText(xml: string, shared: readonly string[], out: TextBuilder, checkpoint?: () => void): void {
  let row: string[] = [];
  let type = 'n';
  let value = '';
  let inline = '';
  let inValue = false;
  let inInline = false;
  let inText = false;
  let phonetic = 0;
  scanXml(xml, {
    open(name, attrs, selfClosing) {
      if (name === 'row') { row = []; return; }
      if (selfClosing) return;
      if (name === 'c') { type = attribute(attrs, 't') ?? 'n'; value = ''; inline = ''; }
      else if (name === 'v') inValue = true;
      else if (name === 'is') inInline = true;
      else if (name === 'rPh') phonetic++;
      else if (name === 't') inText = true;
    },
    close(name) {
      if (name === 'v') inValue = false;
      else if (name === 'is') inInline = false;
      else if (name === 'rPh') phonetic = Math.max(0, phonetic - 1);
      else if (name === 't') inText = false;
      else if (name === 'c') {
        const cell = cellText(type, value, inline, shared);
        if (cell !== '') row.push(cell);
      } else if (name === 'row' && row.length > 0) {
        out.push(row.join('\t'));
        out.push('\n');
      }
    },
    text(raw, cdata) {
      const s = cdata ? raw : decodeEntities(raw);
      if (inValue) value += s;
      else if (inInline && inText && phonetic === 0) inline += s;
    },
  }, checkpoint);
}

function cellText(type: string, value: string, inline: string, shared: readonly string[]): string {
  switch (type) {
    case 's': return shared[Number(value.trim())] ?? '';
    case 'inlineStr': return inline;
    case 'b': return value.trim() === '1' ? 'TRUE' : value.trim() === '0' ? 'FALSE' : value;
    case 'str':
    case 'e':
      return value;
    default:
      return numberText(value.trim());
  }
}

/**
 * A cell number as digits: writers may store 13800138000 as `1.3800138E10`; integers
 * below 1e21 are written out in full so that a detector sees the digits.
 */
export function numberText(v: string): string {
  if (!/[eE]/.test(v)) return v;
  const n = Number(v);
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? n.toFixed(0) : v;
}

/** DrawingML (slides, notes) and comments: `<a:t>` text, a line per paragraph or comment. */
export function drawingText(xml: string, out: TextBuilder, checkpoint?: () => void): void {
  let inText = false;
  scanXml(xml, {
    open(name, _attrs, selfClosing) {
      if (selfClosing) { if (name === 'br') out.push('\n'); return; }
      if (name === 't') inText = true;
    },
    close(name) {
      if (name === 't') inText = false;
      else if (name === 'p' || name === 'comment') out.push('\n');
    },
    text(raw, cdata) {
      if (inText) out.push(cdata ? raw : decodeEntities(raw));
    },
  }, checkpoint);
}
