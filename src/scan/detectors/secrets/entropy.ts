// Checks that tell a real credential from the text around it: Shannon entropy,
// character variety, and the many shapes of "not a real value" (placeholders,
// masks, template variables, code references) that sit where secrets would.

/** Shannon entropy of `s` in bits per character (0 for the empty string). */
export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  const n = [...s].length;
  for (const c of counts.values()) {
    const p = c / n;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** How many of lower case, upper case, digits and other characters `s` uses (0–4). */
export function charClasses(s: string): number {
  return (/[a-z]/.test(s) ? 1 : 0) + (/[A-Z]/.test(s) ? 1 : 0) + (/[0-9]/.test(s) ? 1 : 0) + (/[^A-Za-z0-9]/.test(s) ? 1 : 0);
}

/** Number of distinct characters in `s`. */
export function distinctChars(s: string): number {
  return new Set(s).size;
}

/**
 * A masked or filled-in value: runs of `x`/`X`, `*`, `•`, `#`, or an ellipsis, as
 * in `AKIAXXXXXXXXXXXX`, `hf_xxxx…`, `Token ******`, `ops_eyJ0eXAi...`.
 */
export function isMasked(value: string): boolean {
  if (/[xX]{5,}|\*{3,}|•{3,}|#{4,}|\.{3,}|…|_{6,}/.test(value)) return true;
  // Mostly x: `glpat-XXXX-XXXX-XXXX`, `A3-xXXX-…`, `pat_xxxx_xxxx_xxxx`.
  const letters = value.replace(/[^A-Za-z0-9]/g, '');
  const xs = letters.replace(/[^xX]/g, '').length;
  return letters.length >= 4 && xs / letters.length > 0.5;
}

/**
 * A template or variable reference instead of a value: `${VAR}`, `$VAR`, `$(cmd)`,
 * `{{ .Values.x }}`, `{password}`, `<your-key>`, `%VAR%`, `[PASSWORD]`, `@VAR@`,
 * `#{x}`, a backquoted command, `process.env.X`.
 */
export function isTemplate(value: string): boolean {
  const v = value.trim();
  if (/^\$\{|^\$\(|^\$[A-Za-z_][\w]*|^\$\d|^%\(|\{\{|\}\}|^#\{|^`|^<%/.test(v)) return true;
  if (/\$\{[^}]*\}|\$\([^)]*\)/.test(v)) return true;
  if (/^<[^<>]*>$|^<[A-Za-z_ -]+/.test(v)) return true;
  if (/^%[A-Za-z_][\w.-]*%$/.test(v)) return true;
  if (/^@[A-Za-z_][\w.]*@$/.test(v)) return true;
  if (/^\[[A-Za-z_ -]+\]$/.test(v)) return true;
  // `{password}`, `{SumoAccessKey}`, `{USER}`: a word in braces. `{k3Vq9TzW2m}` has digits and stays.
  if (/^\{[A-Za-z_ .-]+\}?$/.test(v)) return true;
  if (/^(?:process\.env|os\.environ|env|ENV|System\.getenv|getenv)\b/.test(v)) return true;
  return false;
}

const PLACEHOLDER_WORDS = [
  'password', 'passwd', 'secret', 'changeme', 'changeit', 'example', 'sample', 'placeholder', 'dummy',
  'redacted', 'replace', 'insert', 'yourkey', 'your', 'mykey', 'token', 'apikey', 'username', 'notreal',
  'undefined', 'null', 'none', 'todo', 'tbd', 'fixme', 'foobar', 'lorem', 'qwerty', 'letmein', 'default',
];

/**
 * A value that names what should go there instead of being it: `password`,
 * `your_api_key`, `REPLACE_WITH_PASSWORD`, `changeme`, `not_a_real_token`.
 * Compared without case, separators or digits.
 */
export function isPlaceholderWord(value: string): boolean {
  const folded = value.toLowerCase().replace(/[^a-z]/g, '');
  if (folded.length === 0) return false;
  return PLACEHOLDER_WORDS.some((w) => folded.includes(w));
}

/** Whether `s` has a run of at least `length` consecutive letters or digits: `abcdef`, `123456`, `FEDCBA`. */
export function hasSequentialRun(s: string, length = 6): boolean {
  let up = 1;
  let down = 1;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    const sameKind = isAlnum(s[i - 1]!) && isAlnum(s[i]!) && kind(s[i - 1]!) === kind(s[i]!);
    up = sameKind && d === 1 ? up + 1 : 1;
    down = sameKind && d === -1 ? down + 1 : 1;
    if (up >= length || down >= length) return true;
  }
  return false;
}

function isAlnum(c: string): boolean {
  return /[A-Za-z0-9]/.test(c);
}

function kind(c: string): number {
  if (c >= '0' && c <= '9') return 0;
  return c >= 'a' && c <= 'z' ? 1 : 2;
}

/** A value made of one character repeated, or of one short unit repeated (`abcabcabc`, `1111`). */
export function isRepetitive(s: string): boolean {
  if (s.length === 0) return true;
  for (let unit = 1; unit <= 4 && unit * 2 <= s.length; unit++) {
    const head = s.slice(0, unit);
    if (head.repeat(Math.ceil(s.length / unit)).slice(0, s.length) === s) return true;
  }
  return false;
}

/**
 * The light check for vendor tokens whose prefix already proves the format: only
 * masks and templates are rejected. Upstream test fixtures such as
 * `sk_live_AAAA…` or `glpat-` + an alphabet run keep their place as findings,
 * because a real token can look like anything the format allows.
 */
export function isFilledIn(value: string): boolean {
  return !isMasked(value) && !isTemplate(value);
}

/** Text right after the match in its input, for "is this value cut short" checks. */
export function textAfter(match: RegExpExecArray, length = 16): string {
  const end = match.index + match[0].length;
  return match.input.slice(end, end + length);
}

/** Text right before the match in its input. */
export function textBefore(match: RegExpExecArray, length = 16): string {
  return match.input.slice(Math.max(0, match.index - length), match.index);
}

/** Whether the value is followed by an ellipsis or a redaction mark, so it is shown cut short. */
export function isTruncated(match: RegExpExecArray): boolean {
  return /^(?:\.{2,}|…|\[redacted\]|\*{2,})/i.test(textAfter(match, 12));
}
