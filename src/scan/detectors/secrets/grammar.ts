// The shared shapes of secret detectors: the fields every secret detector has in
// common, token boundaries, and the "name = value" grammar (code, config, env,
// YAML, JSON, XML, function arguments) that keyed and generic detectors match.
import type { Detector } from '../detector.js';
import { isFilledIn, isTruncated } from './entropy.js';

/** A secret detector: category `secret`, never personal information. */
export function secretDetector(d: Omit<Detector, 'category' | 'pipl'>): Detector {
  return { category: 'secret', pipl: null, ...d };
}

/** Characters that may continue a token: a match must not start or end inside a longer token. */
export const TOKEN_CHARS = 'A-Za-z0-9_\\-';

/** Characters of an identifier or config key: `db.password`, `GENERIC_TOKEN`, `x-api-key`, `数据库密码`. */
const NAME_CHAR = '[\\w.\\-\\u4e00-\\u9fff]';

/** A UUID / GUID (8-4-4-4-12 hex digits, either case). */
export const UUID = '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}';

/**
 * Regex source for `name <op> value` where the name contains `keyword` (itself a
 * regex source) and the value matches `value`. Groups: `name`, `value`.
 *
 * Understood forms (each with optional quotes around name and value):
 * `name = v`, `name: v`, `name := v`, `name ::= v`, `name ?= v`, `name .= v`,
 * `name => v`, `name：v`, `var name string = v`, `name: string = v`,
 * `f("name", "v")`, and `<name>v</name>` across lines.
 *
 * The value is followed by a quote, whitespace, a backslash (an escaped `\n` in
 * JSON), closing punctuation at the end of its token, or a non-ASCII character
 * (`密码：Abc123，…`).
 */
export function assignment(keyword: string, value: string, options: { readonly nameBefore?: number; readonly nameAfter?: number } = {}): string {
  const before = options.nameBefore ?? 40;
  const after = options.nameAfter ?? 40;
  const name = `(?<![\\w.\\-\\u4e00-\\u9fff])(?<name>${NAME_CHAR}{0,${before}}?(?:${keyword})${NAME_CHAR}{0,${after}})`;
  const typeAnnotation = `(?:[ \\t]+(?:string|String|str)|[ \\t]*:[ \\t]*(?:string|String|str|&'?\\w*[ \\t]?str))?`;
  const operator = `["'\`]?\\]?${typeAnnotation}[ \\t]*(?::{1,3}=|[?.+]=|=>|->|=(?!=)|:(?![:/])|：|是|为)[ \\t]*["'\`]?`;
  const call = `["']\\s*,\\s*["'\`]`;
  const element = `>\\s*`;
  const terminator = `(?=["'\`\\\\\\s]|[,;)\\]}>]+(?:\\s|$)|</|[^\\x00-\\x7f]|$)`;
  return `${name}(?:${operator}|${call}|${element})(?<value>${value})${terminator}`;
}

/** Splits an identifier into lower-case words: `genericToken` → `generic token`, `AUTH_CLIENTSECRET` → `auth clientsecret`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9\u4e00-\u9fff]+/)
    .map((w) => w.replace(/\d+$/, ''))
    .filter((w) => w.length > 0);
}

/** Regex source matching `word` in any letter case, without the `i` flag: `ci('snyk')` → `[sS][nN][yY][kK]`. */
export function ci(word: string): string {
  return [...word]
    .map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
}

/** Window for detectors whose value may sit on the line after its name (`<name>\n value\n</name>`). */
export const ASSIGNMENT_WINDOW = { before: 256, after: 640, multiline: true } as const;

export interface KeyedSpec {
  readonly id: string;
  readonly description: string;
  readonly validation: string;
  /** Words, any of which a config key must contain (`snyk`, `sumo_access_key`); lower case. */
  readonly names: readonly string[];
  /** Regex source of the value's format. */
  readonly value: string;
  readonly example: string;
  readonly confidence?: Detector['confidence'];
  readonly validate?: Detector['validate'];
  readonly allow?: readonly string[];
  /** Extra condition on the words of the matched config key (`nameWords`). */
  readonly nameCheck?: (words: readonly string[]) => boolean;
}

/**
 * A vendor credential that has no distinctive prefix, recognised by a config key
 * naming the vendor (`snykToken = "<uuid>"`). The names (joined, `_`, `-`, `.`
 * spellings) double as anchors.
 */
export function keyedDetector(spec: KeyedSpec): Detector {
  const keyword = spec.names.map((n) => nameSource(n)).join('|');
  const own = spec.validate;
  return secretDetector({
    id: spec.id,
    description: spec.description,
    validation: spec.validation,
    anchors: [...new Set(spec.names.flatMap((n) => [n.replace(/_/g, ''), n, n.replace(/_/g, '-'), n.replace(/_/g, '.')]))],
    pattern: new RegExp(assignment(keyword, spec.value), 'g'),
    validate: (value, m) => {
      const words = nameWords(m.groups?.['name'] ?? '');
      if (!isFilledIn(value) || !spec.names.some((n) => startsAtWord(words, n))) return false;
      return (!spec.nameCheck || spec.nameCheck(words)) && (own ? own(value, m) : true);
    },
    window: ASSIGNMENT_WINDOW,
    confidence: spec.confidence ?? 'medium',
    ...(spec.allow ? { allow: spec.allow } : {}),
    example: spec.example,
  });
}

/** Whether `name` (words joined by `_`) begins at a word of the key: `okta` in `oktaToken`, not in `rookTable`. */
function startsAtWord(words: readonly string[], name: string): boolean {
  const joined = words.join('');
  const target = name.replace(/_/g, '');
  let offset = 0;
  for (const w of words) {
    if (joined.startsWith(target, offset)) return true;
    offset += w.length;
  }
  return false;
}

/** `sumo_access_key` → case-insensitive source where `_` also matches `.`, `-` or nothing. */
function nameSource(name: string): string {
  return name
    .split('_')
    .map((part) => ci(part))
    .join('[_.\\-]?');
}

export interface TokenSpec {
  readonly id: string;
  readonly description: string;
  readonly validation: string;
  readonly anchors: readonly string[];
  /** Regex source of the whole token, prefix included, without boundaries. */
  readonly token: string;
  readonly example: string;
  readonly confidence?: Detector['confidence'];
  /** Extra check after the mask/template/truncation checks. */
  readonly validate?: Detector['validate'];
  readonly keywords?: readonly string[];
  readonly allow?: readonly string[];
  /** Characters that may not touch the token on either side. Default: letters, digits, `_`, `-`. */
  readonly boundary?: string;
}

/**
 * A credential with a distinctive prefix or shape (`ghp_…`, `xoxb-…`, `AKIA…`):
 * matched on its own, bounded so it is not part of a longer token, and dropped
 * when masked (`xxxx`), templated or shown cut short (`…`).
 */
export function tokenDetector(spec: TokenSpec): Detector {
  const edge = spec.boundary ?? TOKEN_CHARS;
  const own = spec.validate;
  return secretDetector({
    id: spec.id,
    description: spec.description,
    validation: spec.validation,
    anchors: spec.anchors,
    pattern: new RegExp(`(?<![${edge}])(?:${spec.token})(?![${edge}])`, 'g'),
    validate: (value, m) => isFilledIn(value) && !isTruncated(m) && (own ? own(value, m) : true),
    confidence: spec.confidence ?? 'high',
    ...(spec.keywords ? { keywords: spec.keywords } : {}),
    ...(spec.allow ? { allow: spec.allow } : {}),
    example: spec.example,
  });
}
