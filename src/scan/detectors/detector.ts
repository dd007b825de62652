// What a detector is: a data description (pattern, anchors, validator, context
// words) that the scan engine runs. Detectors hold no state and do no I/O, so the
// same definitions serve the CLI, the workers, the server and the evaluations.

export type Category = 'pii' | 'secret';
/** PIPL class of the data a detector finds (Art. 4 personal, Art. 28 sensitive personal). */
export type PiplClass = 'personal' | 'sensitive_personal' | null;
export type Confidence = 'low' | 'medium' | 'high';

export const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

export interface Detector {
  /** Stable type id, e.g. `cn_resident_id`, `aws_access_key_id`. Lower snake case. */
  readonly id: string;
  readonly category: Category;
  readonly pipl: PiplClass;
  /** One line for people: what it finds. */
  readonly description: string;
  /** How a match is validated, for the README's detector table (e.g. "ISO 7064 MOD 11-2 check digit"). */
  readonly validation: string;
  /**
   * Literal strings, matched ASCII-case-insensitively, of which at least one occurs
   * inside or near every true match (`AKIA`, `ghp_`, `hooks.slack.com`, `password`).
   * The engine runs `pattern` only in a window around anchor hits. An empty list
   * means the pattern runs over all text; such patterns must start with a narrow
   * character class (a digit, `@`) so that they stay fast.
   */
  readonly anchors: readonly string[];
  /**
   * For detectors without anchors: a cheap regular expression that matches inside
   * every true match (e.g. `[0-9]{6}` for long numbers). Detectors that share a
   * trigger share one pass over the text; `pattern` then runs only in the window
   * around each trigger hit. Without anchors or trigger, `pattern` runs everywhere.
   */
  readonly trigger?: RegExp;
  /**
   * Whether a trigger hit can belong to a match of this detector, e.g. a run of 17 or
   * 18 digits for an 18-character ID; `at` is the hit's offset in `text`, so the
   * characters around it can be checked too. Lets detectors that share a trigger skip
   * the hits that cannot be theirs. Must never reject a hit of a true match.
   */
  readonly triggerFilter?: (hit: string, text: string, at: number) => boolean;
  /**
   * Global (`g`) regular expression. When it has a named group `value`, that group
   * is the sensitive value (and what is validated, redacted and hashed); otherwise
   * the whole match is.
   */
  readonly pattern: RegExp;
  /** Structural check of the value (check digit, date, entropy...). False drops the match. */
  readonly validate?: (value: string, match: RegExpExecArray) => boolean;
  /** Context words (Chinese and English, lower case) that make a match more certain. */
  readonly keywords?: readonly string[];
  /** Only report a match when a context keyword is near it. */
  readonly requireKeyword?: boolean;
  /** Confidence without context. A nearby keyword raises it one step. Default `medium`. */
  readonly confidence?: Confidence;
  /**
   * How far from an anchor or trigger hit a match may start or end, in characters.
   * Default: the hit's own line, at most 1024 characters before and 4096 after
   * (32 each way around a trigger hit). Multi-line secrets (PEM keys) set `after`.
   */
  readonly window?: { readonly before?: number; readonly after?: number; readonly multiline?: boolean };
  /** Values that are documented examples, never real (`AKIAIOSFODNN7EXAMPLE`). Compared exactly. */
  readonly allow?: readonly string[];
  /** A valid example value for the docs and tests. */
  readonly example: string;
}

/** One match of one detector in a text, before it becomes a report finding. */
export interface Match {
  readonly type: string;
  /** Offsets of the sensitive value in the text (UTF-16 code units, end-exclusive). */
  readonly start: number;
  readonly end: number;
  readonly value: string;
  readonly confidence: Confidence;
  /** Whether a context keyword was found near the match. */
  readonly context: boolean;
  /** Set when the configured allow-list accepts the value: not a finding, but counted. */
  readonly allowed?: boolean;
}

/** How far around a match keywords are looked for, in characters. */
export const KEYWORD_DISTANCE = 64;

/** Lower-cases ASCII letters only (keywords and anchors are ASCII-case-insensitive). */
export function lowerAscii(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** One case-insensitive regular expression for a keyword list (null for none). */
export function keywordRegExp(keywords: readonly string[]): RegExp | null {
  if (keywords.length === 0) return null;
  return new RegExp(keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|'), 'i');
}

/** Where keywords count around a match: KEYWORD_DISTANCE before (across a line end), and after on the same line. */
export function keywordSpan(text: string, start: number, end: number): [number, number] {
  const from = Math.max(0, start - KEYWORD_DISTANCE);
  let to = Math.min(text.length, end + KEYWORD_DISTANCE);
  const eol = text.indexOf('\n', end);
  if (eol >= 0 && eol < to) to = eol;
  return [from, to];
}

/**
 * Whether any keyword (lower case) occurs within KEYWORD_DISTANCE characters
 * before the match (a label on the line above counts) or after it on the same
 * line, compared ASCII-case-insensitively.
 */
export function hasKeywordNear(text: string, start: number, end: number, keywords: readonly string[]): boolean {
  if (keywords.length === 0) return false;
  const from = Math.max(0, start - KEYWORD_DISTANCE);
  let to = Math.min(text.length, end + KEYWORD_DISTANCE);
  const eol = text.indexOf('\n', end);
  if (eol >= 0 && eol < to) to = eol;
  const around = lowerAscii(text.slice(from, to));
  for (const k of keywords) if (around.includes(k)) return true;
  return false;
}

const STEP_UP: Record<Confidence, Confidence> = { low: 'medium', medium: 'high', high: 'high' };

/**
 * Runs one detector over the whole of `text`, without the prefilter: the reference
 * semantics that the optimised engine must reproduce, and what unit tests use.
 */
export function runDetector(detector: Detector, text: string, offset = 0): Match[] {
  const out: Match[] = [];
  const re = compilePattern(detector.pattern);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    const group = m.groups?.['value'];
    const value = group ?? m[0];
    const start = m.index + (group === undefined ? 0 : valueOffset(m, group));
    const end = start + value.length;
    if (detector.allow?.includes(value)) continue;
    if (detector.validate && !detector.validate(value, m)) continue;
    const context = hasKeywordNear(text, start, end, detector.keywords ?? []);
    if (detector.requireKeyword && !context) continue;
    const base = detector.confidence ?? 'medium';
    out.push({ type: detector.id, start: start + offset, end: end + offset, value, confidence: context ? STEP_UP[base] : base, context });
  }
  return out;
}

/** The detector's pattern with the flags the engine needs: `g`, and `d` when it has a `value` group. */
export function compilePattern(pattern: RegExp): RegExp {
  let flags = pattern.flags;
  if (!flags.includes('g')) flags += 'g';
  if (pattern.source.includes('(?<value>') && !flags.includes('d')) flags += 'd';
  return new RegExp(pattern.source, flags);
}

/** Offset of the `value` group inside the match (uses the `d` flag's indices when present). */
function valueOffset(m: RegExpExecArray, group: string): number {
  const idx = m.indices?.groups?.['value'];
  if (idx) return idx[0] - m.index;
  const at = m[0].indexOf(group);
  return at < 0 ? 0 : at;
}
