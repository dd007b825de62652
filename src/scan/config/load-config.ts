// Reads and validates `leakwatch.config.json`. Every problem names the file and
// the field (`detectors.custom[2].pattern`), so a bad config fails loudly at
// start instead of silently scanning with defaults.
import { readFile } from 'node:fs/promises';
import { LeakwatchError } from '../../errors/index.js';
import { DEFAULT_SCAN_LIMITS, type AllowEntry, type CustomDetectorSpec, type ScanLimits, type ScanOptions } from './options.js';

export const CONFIG_FILE_NAME = 'leakwatch.config.json';

/** What a configuration file may set. */
export type FileConfig = Partial<Pick<ScanOptions, 'minConfidence' | 'bulkThreshold' | 'exclude' | 'gitignore' | 'allow' | 'disable' | 'only' | 'custom' | 'salt'>> & {
  limits?: Partial<ScanLimits>;
};

const CONFIDENCES = ['low', 'medium', 'high'] as const;
const CATEGORIES = ['pii', 'secret'] as const;
const PIPL = ['personal', 'sensitive_personal', null] as const;
const ID_RE = /^[a-z][a-z0-9_]{1,63}$/;

/** Loads a config file; `optional` returns `{}` when the file does not exist. */
export async function loadConfigFile(path: string, optional = false): Promise<FileConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (optional && (err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new LeakwatchError('SCAN_CONFIG_INVALID', `${path}: cannot read the configuration file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { path });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new LeakwatchError('SCAN_CONFIG_INVALID', `${path}: not valid JSON (${(err as Error).message})`, { path });
  }
  return parseConfig(json, path);
}

/** Validates a parsed configuration object. */
export function parseConfig(json: unknown, source = 'config'): FileConfig {
  const v = new Validator(source);
  const root = v.object(json, '');
  const out: FileConfig = {};
  for (const key of Object.keys(root)) {
    switch (key) {
      case '$schema':
      case 'description':
        break;
      case 'minConfidence':
        out.minConfidence = v.oneOf(root[key], key, CONFIDENCES);
        break;
      case 'bulkThreshold':
        out.bulkThreshold = v.int(root[key], key, 1);
        break;
      case 'salt':
        out.salt = v.string(root[key], key, 8);
        break;
      case 'exclude':
        out.exclude = v.strings(root[key], key);
        break;
      case 'gitignore':
        out.gitignore = v.bool(root[key], key);
        break;
      case 'limits':
        out.limits = parseLimits(v, root[key]);
        break;
      case 'detectors': {
        const d = v.object(root[key], key);
        for (const k of Object.keys(d)) {
          if (k === 'disable') out.disable = v.strings(d[k], 'detectors.disable');
          else if (k === 'only') out.only = v.strings(d[k], 'detectors.only');
          else if (k === 'custom') out.custom = v.array(d[k], 'detectors.custom').map((c, i) => parseCustom(v, c, `detectors.custom[${i}]`));
          else v.fail(`detectors.${k}`, 'is not a known setting (disable, only, custom)');
        }
        break;
      }
      case 'allow':
        out.allow = v.array(root[key], key).map((a, i) => parseAllow(v, a, `allow[${i}]`));
        break;
      default:
        v.fail(key, 'is not a known setting');
    }
  }
  return out;
}

function parseLimits(v: Validator, value: unknown): Partial<ScanLimits> {
  const o = v.object(value, 'limits');
  const out: Partial<ScanLimits> = {};
  for (const k of Object.keys(o)) {
    if (!(k in DEFAULT_SCAN_LIMITS)) v.fail(`limits.${k}`, `is not a known limit (${Object.keys(DEFAULT_SCAN_LIMITS).join(', ')})`);
    out[k as keyof ScanLimits] = v.int(o[k], `limits.${k}`, k === 'maxFindingsPerFile' || k === 'maxArchiveDepth' ? 0 : 1);
  }
  return out;
}

function parseCustom(v: Validator, value: unknown, at: string): CustomDetectorSpec {
  const o = v.object(value, at);
  const id = v.string(o['id'], `${at}.id`);
  if (!ID_RE.test(id)) v.fail(`${at}.id`, 'must be lower snake case, 2-64 characters');
  const spec: CustomDetectorSpec = {
    id,
    category: v.oneOf(o['category'] ?? 'pii', `${at}.category`, CATEGORIES),
    pipl: v.oneOf(o['pipl'] ?? null, `${at}.pipl`, PIPL),
    pattern: v.string(o['pattern'], `${at}.pattern`),
  };
  if (o['description'] !== undefined) spec.description = v.string(o['description'], `${at}.description`);
  if (o['flags'] !== undefined) {
    spec.flags = v.string(o['flags'], `${at}.flags`);
    if (!/^[imsu]*$/.test(spec.flags)) v.fail(`${at}.flags`, 'may only hold i, m, s, u');
  }
  if (o['anchors'] !== undefined) spec.anchors = v.strings(o['anchors'], `${at}.anchors`);
  if (o['validator'] !== undefined) spec.validator = v.string(o['validator'], `${at}.validator`);
  if (o['keywords'] !== undefined) spec.keywords = v.strings(o['keywords'], `${at}.keywords`).map((k) => k.toLowerCase());
  if (o['requireKeyword'] !== undefined) spec.requireKeyword = v.bool(o['requireKeyword'], `${at}.requireKeyword`);
  if (o['confidence'] !== undefined) spec.confidence = v.oneOf(o['confidence'], `${at}.confidence`, CONFIDENCES);
  for (const k of Object.keys(o)) {
    if (!['id', 'category', 'pipl', 'pattern', 'description', 'flags', 'anchors', 'validator', 'keywords', 'requireKeyword', 'confidence'].includes(k)) {
      v.fail(`${at}.${k}`, 'is not a known detector field');
    }
  }
  try {
    new RegExp(spec.pattern, spec.flags ?? '');
  } catch (err) {
    throw new LeakwatchError('SCAN_DETECTOR_INVALID', `${v.source}: ${at}.pattern: ${(err as Error).message}`, { detector: id });
  }
  return spec;
}

function parseAllow(v: Validator, value: unknown, at: string): AllowEntry {
  const o = v.object(value, at);
  const entry: AllowEntry = { reason: v.string(o['reason'], `${at}.reason`, 3) };
  for (const k of ['type', 'value', 'pattern', 'fingerprint', 'path'] as const) {
    if (o[k] !== undefined) entry[k] = v.string(o[k], `${at}.${k}`);
  }
  for (const k of Object.keys(o)) if (!['reason', 'type', 'value', 'pattern', 'fingerprint', 'path'].includes(k)) v.fail(`${at}.${k}`, 'is not a known allow field');
  if (!entry.value && !entry.pattern && !entry.fingerprint && !entry.path && !entry.type) v.fail(at, 'needs one of value, pattern, fingerprint, path or type');
  if (entry.pattern !== undefined) {
    try {
      new RegExp(entry.pattern);
    } catch (err) {
      v.fail(`${at}.pattern`, (err as Error).message);
    }
  }
  return entry;
}

class Validator {
  constructor(readonly source: string) {}

  fail(at: string, problem: string): never {
    throw new LeakwatchError('SCAN_CONFIG_INVALID', `${this.source}: ${at || 'the top level'} ${problem}`, { path: this.source, field: at });
  }
  object(value: unknown, at: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(at, 'must be an object');
    return value as Record<string, unknown>;
  }
  array(value: unknown, at: string): unknown[] {
    if (!Array.isArray(value)) this.fail(at, 'must be an array');
    return value;
  }
  string(value: unknown, at: string, minLength = 1): string {
    if (typeof value !== 'string' || value.length < minLength) this.fail(at, `must be a string of at least ${minLength} character(s)`);
    return value;
  }
  strings(value: unknown, at: string): string[] {
    return this.array(value, at).map((s, i) => this.string(s, `${at}[${i}]`));
  }
  bool(value: unknown, at: string): boolean {
    if (typeof value !== 'boolean') this.fail(at, 'must be true or false');
    return value;
  }
  int(value: unknown, at: string, min: number): number {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) this.fail(at, `must be a whole number ≥ ${min}`);
    return value;
  }
  oneOf<T extends string | null>(value: unknown, at: string, allowed: readonly T[]): T {
    if (!allowed.includes(value as T)) this.fail(at, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
    return value as T;
  }
}
