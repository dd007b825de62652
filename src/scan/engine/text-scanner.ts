// The matching core: a compiled detector set that finds matches in one piece of
// text. Anchored detectors run only in windows around hits of one combined
// prefilter regex; unanchored ones run over the text. Pure: strings in, matches out.
import {
  compilePattern,
  hasKeywordNear,
  type Confidence,
  type Detector,
  type Match,
  type Category,
  CONFIDENCE_RANK,
} from '../detectors/index.js';

const STEP_UP: Record<Confidence, Confidence> = { low: 'medium', medium: 'high', high: 'high' };
const DEFAULT_BEFORE = 1024;
const DEFAULT_AFTER = 4096;

interface Raw extends Match {
  readonly priority: number;
  readonly category: Category;
}

interface Compiled {
  readonly detector: Detector;
  readonly re: RegExp;
  readonly priority: number;
  readonly before: number;
  readonly after: number;
  readonly multiline: boolean;
  readonly allow: ReadonlySet<string>;
}

/** A value allowed by configuration: matched exactly, by pattern, or by fingerprint (checked later). */
export type AllowValue = (type: string, value: string) => boolean;

export class TextScanner {
  private readonly anchored: Compiled[] = [];
  private readonly unanchored: Compiled[] = [];
  /** Lower-cased anchor → indices into `anchored`. */
  private readonly anchorMap = new Map<string, number[]>();
  private readonly prefilter: RegExp | null;
  /** The longest window any detector needs: how much context a chunk border must keep. */
  readonly maxWindow: number;

  constructor(detectors: readonly Detector[], private readonly allowValue: AllowValue = () => false) {
    let maxWindow = DEFAULT_BEFORE + DEFAULT_AFTER;
    detectors.forEach((detector, priority) => {
      const before = detector.window?.before ?? DEFAULT_BEFORE;
      const after = detector.window?.after ?? DEFAULT_AFTER;
      maxWindow = Math.max(maxWindow, before + after);
      const c: Compiled = {
        detector,
        re: compilePattern(detector.pattern),
        priority,
        before,
        after,
        multiline: detector.window?.multiline ?? false,
        allow: new Set(detector.allow ?? []),
      };
      if (detector.anchors.length === 0) {
        this.unanchored.push(c);
        return;
      }
      const index = this.anchored.push(c) - 1;
      for (const a of detector.anchors) {
        const key = a.toLowerCase();
        const list = this.anchorMap.get(key);
        if (list) list.push(index);
        else this.anchorMap.set(key, [index]);
      }
    });
    this.maxWindow = maxWindow;
    const keys = [...this.anchorMap.keys()].sort((a, b) => b.length - a.length);
    this.prefilter = keys.length === 0 ? null : new RegExp(keys.map(escapeRegExp).join('|'), 'gi');
  }

  /** Every match in `text`, best first where two of one category overlap. Offsets are relative to `text`. */
  scan(text: string): Match[] {
    const raw: Raw[] = [];
    for (const c of this.unanchored) this.run(c, text, 0, text.length, raw);
    if (this.prefilter) {
      const windows = this.windows(text);
      for (let i = 0; i < windows.length; i++) {
        const list = windows[i];
        if (!list) continue;
        const c = this.anchored[i]!;
        for (let w = 0; w < list.length; w += 2) this.run(c, text, list[w]!, list[w + 1]!, raw);
      }
    }
    return resolveOverlaps(raw);
  }

  /** Per anchored detector, merged [start, end) windows around its anchor hits. */
  private windows(text: string): Array<number[] | undefined> {
    const out: Array<number[] | undefined> = new Array(this.anchored.length);
    const re = this.prefilter!;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const hit = m.index;
      const ids = this.anchorMap.get(m[0].toLowerCase());
      if (!ids) continue;
      for (const id of ids) {
        const c = this.anchored[id]!;
        let start: number;
        let end: number;
        if (c.multiline) {
          start = Math.max(0, hit - c.before);
          end = Math.min(text.length, hit + m[0].length + c.after);
        } else {
          const nl = text.lastIndexOf('\n', hit);
          start = Math.max(nl + 1, hit - c.before);
          const eol = text.indexOf('\n', hit);
          end = Math.min(eol < 0 ? text.length : eol, hit + m[0].length + c.after);
        }
        const list = out[id];
        if (!list) out[id] = [start, end];
        else if (start <= list[list.length - 1]!) list[list.length - 1] = Math.max(end, list[list.length - 1]!);
        else list.push(start, end);
      }
    }
    return out;
  }

  private run(c: Compiled, text: string, from: number, to: number, out: Raw[]): void {
    const { detector, re } = c;
    const slice = from === 0 && to === text.length ? text : text.slice(from, to);
    re.lastIndex = 0;
    for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const group = m.groups?.['value'];
      const value = group ?? m[0];
      if (value.length === 0) continue;
      const rel = group === undefined ? m.index : (m.indices?.groups?.['value']?.[0] ?? m.index);
      const start = from + rel;
      const end = start + value.length;
      if (c.allow.has(value)) continue;
      if (detector.validate && !detector.validate(value, m)) continue;
      const context = hasKeywordNear(text, start, end, detector.keywords ?? []);
      if (detector.requireKeyword && !context) continue;
      if (this.allowValue(detector.id, value)) continue;
      const base = detector.confidence ?? 'medium';
      out.push({ type: detector.id, start, end, value, confidence: context ? STEP_UP[base] : base, context, priority: c.priority, category: detector.category });
    }
  }
}

/**
 * Where matches of one category overlap, keeps the more confident, then the
 * earlier-listed (more specific) detector, then the longer match. A PII match
 * and a secret match may overlap (an IP inside a connection string): both stay.
 */
function resolveOverlaps(raw: Raw[]): Match[] {
  if (raw.length <= 1) return raw.map(strip);
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Raw[] = [];
  const lastOf: Record<Category, Raw | undefined> = { pii: undefined, secret: undefined };
  for (const m of raw) {
    const last = lastOf[m.category];
    if (last && last.start < m.end && m.start < last.end) {
      if (better(m, last)) {
        kept[kept.indexOf(last)] = m;
        lastOf[m.category] = m;
      }
      continue;
    }
    kept.push(m);
    lastOf[m.category] = m;
  }
  return kept.sort((a, b) => a.start - b.start).map(strip);
}

function better(a: Raw, b: Raw): boolean {
  const ca = CONFIDENCE_RANK[a.confidence];
  const cb = CONFIDENCE_RANK[b.confidence];
  if (ca !== cb) return ca > cb;
  if (a.priority !== b.priority) return a.priority < b.priority;
  return a.end - a.start > b.end - b.start;
}

function strip(m: Raw): Match {
  return { type: m.type, start: m.start, end: m.end, value: m.value, confidence: m.confidence, context: m.context };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
