// The matching core: a compiled detector set that finds matches in one piece of
// text. Anchored detectors run only in windows around hits of one combined
// literal prefilter; triggered detectors in windows around hits of their shared
// trigger; the rest over the whole text. Pure: strings in, matches out.
import {
  compilePattern,
  keywordRegExp,
  keywordSpan,
  type Category,
  type Confidence,
  type Detector,
  type Match,
  CONFIDENCE_RANK,
} from '../detectors/index.js';
import { AhoCorasick } from './aho-corasick.js';

const STEP_UP: Record<Confidence, Confidence> = { low: 'medium', medium: 'high', high: 'high' };
const ANCHOR_BEFORE = 1024;
const ANCHOR_AFTER = 4096;
/** Window around a trigger hit: triggered values are short and the hit lies inside them. */
const TRIGGER_AROUND = 32;
/** Characters of context given to a window's regex on each side, for look-behind and look-ahead. */
const EDGE = 16;

interface Compiled {
  readonly detector: Detector;
  readonly re: RegExp;
  readonly hasValueGroup: boolean;
  readonly priority: number;
  readonly before: number;
  readonly after: number;
  readonly multiline: boolean;
  readonly allow: ReadonlySet<string>;
  readonly keywords: RegExp | null;
  readonly base: Confidence;
}

/** Detectors woken by the hits of one trigger regex. */
interface TriggerGroup {
  readonly re: RegExp;
  readonly ids: readonly number[];
}

interface Raw extends Match {
  readonly priority: number;
  readonly category: Category;
}

/**
 * The header row of a CSV or TSV document: a value in a column whose header names
 * its kind (手机号, passport, IMEI) is in context, however far below the header it is.
 */
interface Columns {
  readonly separator: number;
  readonly headers: readonly string[];
  /** Keyword-gated detectors whose anchors appear in a header: they run over the whole text. */
  readonly extra: readonly number[];
}

/** A value allowed by configuration (value, pattern or fingerprint entries). */
export type AllowValue = (type: string, value: string) => boolean;

export class TextScanner {
  private readonly compiled: Compiled[] = [];
  private readonly everywhere: number[] = [];
  private readonly triggers: TriggerGroup[] = [];
  private readonly prefilter: AhoCorasick | null;
  /** Detector ids per anchor, indexed like the prefilter's patterns. */
  private readonly anchorIds: number[][] = [];
  /** The longest window any detector needs: how much context a chunk border must keep. */
  readonly maxWindow: number;
  /** Bounds of the line of the last hit, within the text being scanned. */
  private lineStart = -1;
  private lineEnd = -1;
  private columns: Columns | null = null;

  constructor(detectors: readonly Detector[], private readonly allowValue?: AllowValue) {
    let maxWindow = ANCHOR_BEFORE + ANCHOR_AFTER;
    const anchors = new Map<string, number[]>();
    const triggers = new Map<string, { re: RegExp; ids: number[] }>();
    detectors.forEach((detector, priority) => {
      const anchored = detector.anchors.length > 0;
      const around = anchored ? [ANCHOR_BEFORE, ANCHOR_AFTER] : [TRIGGER_AROUND, TRIGGER_AROUND];
      const c: Compiled = {
        detector,
        re: compilePattern(detector.pattern),
        hasValueGroup: detector.pattern.source.includes('(?<value>'),
        priority,
        before: detector.window?.before ?? around[0]!,
        after: detector.window?.after ?? around[1]!,
        multiline: detector.window?.multiline ?? false,
        allow: new Set(detector.allow ?? []),
        keywords: keywordRegExp(detector.keywords ?? []),
        base: detector.confidence ?? 'medium',
      };
      maxWindow = Math.max(maxWindow, c.before + c.after);
      const id = this.compiled.push(c) - 1;
      if (anchored) {
        for (const a of detector.anchors) {
          const key = a.toLowerCase();
          const list = anchors.get(key);
          if (list) list.push(id);
          else anchors.set(key, [id]);
        }
      } else if (detector.trigger) {
        const t = detector.trigger;
        // Detectors with the same trigger share one pass over the text; each keeps its own window.
        const key = `${t.source}/${t.flags.replace(/[gyd]/g, '')}`;
        const entry = triggers.get(key);
        if (entry) entry.ids.push(id);
        else triggers.set(key, { re: new RegExp(t.source, t.flags.replace(/[yd]/g, '').replace('g', '') + 'g'), ids: [id] });
      } else {
        this.everywhere.push(id);
      }
    });
    this.maxWindow = maxWindow;
    this.prefilter = anchors.size > 0 ? new AhoCorasick([...anchors.keys()]) : null;
    this.anchorIds = [...anchors.values()];
    for (const { re, ids } of triggers.values()) this.triggers.push({ re, ids });
  }

  /**
   * Declares the header row of the document about to be scanned (CSV or TSV), or
   * null for none. Column context lasts until the next call.
   */
  setColumns(headerLine: string | null, separator: ',' | '\t' = ','): void {
    if (headerLine === null) {
      this.columns = null;
      return;
    }
    const headers = splitRow(headerLine, separator.charCodeAt(0));
    const lowered = headers.join('\u0000').toLowerCase();
    const extra: number[] = [];
    this.compiled.forEach((c, id) => {
      if (c.detector.requireKeyword && c.detector.anchors.some((a) => lowered.includes(a.toLowerCase()))) extra.push(id);
    });
    this.columns = { separator: separator.charCodeAt(0), headers, extra };
  }

  /** Every match in `text`, ordered by start; where two of one category overlap, the better one. */
  scan(text: string): Match[] {
    this.lineStart = -1;
    this.lineEnd = -1;
    const raw: Raw[] = [];
    if (this.columns) for (const id of this.columns.extra) this.run(this.compiled[id]!, text, 0, text.length, raw);
    for (const id of this.everywhere) this.run(this.compiled[id]!, text, 0, text.length, raw);
    if (this.prefilter) {
      const windows: Array<number[] | undefined> = new Array(this.compiled.length);
      this.prefilter.search(text, (pattern, hit, hitEnd) => this.open(this.anchorIds[pattern]!, text, hit, hitEnd, windows));
      for (let id = 0; id < windows.length; id++) {
        const list = windows[id];
        if (list) this.runWindows(this.compiled[id]!, text, list, raw);
      }
    }
    for (const { re, ids } of this.triggers) {
      const windows: Array<number[] | undefined> = new Array(ids.length);
      const one = [0];
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        const hit = m[0];
        if (hit.length === 0) re.lastIndex++;
        for (let k = 0; k < ids.length; k++) {
          const id = ids[k]!;
          const filter = this.compiled[id]!.detector.triggerFilter;
          if (filter && !filter(hit, text, m.index)) continue;
          one[0] = id;
          this.open(one, text, m.index, m.index + hit.length, windows, k);
        }
      }
      for (let k = 0; k < ids.length; k++) {
        const list = windows[k];
        if (!list) continue;
        let covered = 0;
        for (let w = 0; w < list.length; w += 2) covered += list[w + 1]! - list[w]!;
        // Where hits are dense, one pass over the text is cheaper than many small windows.
        const c = this.compiled[ids[k]!]!;
        if (covered > text.length * 0.5) this.run(c, text, 0, text.length, raw);
        else this.runWindows(c, text, list, raw);
      }
    }
    const matches = resolveOverlaps(raw);
    // The allow-list applies to what would be reported. Allowed matches are marked, not
    // dropped, so the consumer can count them once when it settles them.
    if (this.allowValue) for (const m of matches) if (this.allowValue(m.type, m.value)) (m as { allowed?: boolean }).allowed = true;
    return matches;
  }

  private runWindows(c: Compiled, text: string, list: readonly number[], raw: Raw[]): void {
    for (let w = 0; w < list.length; w += 2) this.run(c, text, list[w]!, list[w + 1]!, raw);
  }

  /** Opens (or widens) each detector's window around one hit, within the hit's line unless multi-line. */
  private open(ids: readonly number[], text: string, hit: number, hitEnd: number, out: Array<number[] | undefined>, slot = -1): void {
    let lineStart = -1;
    let lineEnd = -1;
    // Consecutive hits mostly share a line: reuse its bounds, or a long line costs its length per hit.
    if (hit >= this.lineStart && hitEnd <= this.lineEnd) {
      lineStart = this.lineStart;
      lineEnd = this.lineEnd;
    }
    for (const id of ids) {
      const c = this.compiled[id]!;
      let start = hit - c.before;
      let end = hitEnd + c.after;
      if (c.multiline) {
        if (start < 0) start = 0;
        if (end > text.length) end = text.length;
      } else {
        if (lineStart < 0) {
          lineStart = text.lastIndexOf('\n', hit) + 1;
          const eol = text.indexOf('\n', hitEnd);
          lineEnd = eol < 0 ? text.length : eol;
          this.lineStart = lineStart;
          this.lineEnd = lineEnd;
        }
        if (start < lineStart) start = lineStart;
        if (end > lineEnd) end = lineEnd;
      }
      const at = slot < 0 ? id : slot;
      const list = out[at];
      if (!list) out[at] = [start, end];
      else if (start <= list[list.length - 1]!) {
        // Anchor hits arrive by end position, so a start may be a little earlier than the last.
        if (start < list[list.length - 2]!) list[list.length - 2] = start;
        if (end > list[list.length - 1]!) list[list.length - 1] = end;
      } else list.push(start, end);
    }
  }

  /** Whether the header of the column holding `start` matches the keywords. */
  private headerNames(text: string, start: number, keywords: RegExp): boolean {
    const { separator, headers } = this.columns!;
    let column = 0;
    let quoted = false;
    for (let i = text.lastIndexOf('\n', start - 1) + 1; i < start; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 34) quoted = !quoted;
      else if (ch === separator && !quoted) column++;
    }
    const header = headers[column];
    return header !== undefined && keywords.test(header);
  }

  private run(c: Compiled, text: string, from: number, to: number, out: Raw[]): void {
    const whole = from === 0 && to === text.length;
    // Give look-arounds real neighbours, then keep only matches starting inside [from, to).
    const lo = whole ? 0 : Math.max(0, from - EDGE);
    const hi = whole ? text.length : Math.min(text.length, to + EDGE);
    const slice = whole ? text : text.slice(lo, hi);
    const { detector, re } = c;
    re.lastIndex = from - lo;
    const stop = to - lo;
    for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
      if (m.index >= stop) break;
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      let value = m[0];
      let rel = m.index;
      if (c.hasValueGroup) {
        const group = m.groups?.['value'];
        if (group !== undefined) {
          value = group;
          rel = m.indices?.groups?.['value']?.[0] ?? m.index;
        }
      }
      if (value.length === 0) continue;
      const start = lo + rel;
      const end = start + value.length;
      if (c.allow.size > 0 && c.allow.has(value)) continue;
      if (detector.validate && !detector.validate(value, m)) continue;
      let context = false;
      if (c.keywords) {
        const [kf, kt] = keywordSpan(text, start, end);
        context = c.keywords.test(text.slice(kf, kt)) || (this.columns !== null && this.headerNames(text, start, c.keywords));
      }
      if (detector.requireKeyword && !context) continue;
      out.push({ type: detector.id, start, end, value, confidence: context ? STEP_UP[c.base] : c.base, context, priority: c.priority, category: detector.category });
    }
  }
}

/** Cells of one CSV/TSV row; quoted cells may hold the separator. */
function splitRow(line: string, separator: number): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    else if (ch === separator && !quoted) {
      cells.push(cell.trim());
      cell = '';
    } else if (ch !== 13) cell += line[i];
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * Where matches of one category overlap, keeps the more confident, then the
 * earlier-listed (more specific) detector, then the longer match. A PII match
 * and a secret match may overlap (an IP inside a connection string): both stay.
 */
function resolveOverlaps(raw: Raw[]): Match[] {
  if (raw.length <= 1) return raw;
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Raw[] = [];
  let lastPii = -1;
  let lastSecret = -1;
  for (const m of raw) {
    const li = m.category === 'pii' ? lastPii : lastSecret;
    const last = li < 0 ? undefined : kept[li]!;
    if (last && last.start < m.end && m.start < last.end) {
      if (better(m, last)) kept[li] = m;
      continue;
    }
    const i = kept.push(m) - 1;
    if (m.category === 'pii') lastPii = i;
    else lastSecret = i;
  }
  // A replacement can start later than its predecessor's neighbours; keep the order.
  kept.sort((a, b) => a.start - b.start);
  return kept;
}

function better(a: Raw, b: Raw): boolean {
  const ca = CONFIDENCE_RANK[a.confidence];
  const cb = CONFIDENCE_RANK[b.confidence];
  if (ca !== cb) return ca > cb;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.end - a.start > b.end - b.start;
}

