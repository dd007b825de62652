// Builds the detector set a scan runs (built-ins less the disabled ones, plus the
// custom detectors of the configuration) and the allow-list matcher. Workers call
// this with the same options, so every thread runs the same set.
import ignore from 'ignore';
import { DEFAULT_DETECTORS, type Detector } from '../detectors/index.js';
import { LeakwatchError } from '../../errors/index.js';
import { fingerprint } from '../report/redact-value.js';
import type { AllowEntry, CustomDetectorSpec, ScanOptions } from './options.js';
import { NAMED_VALIDATORS } from './named-validators.js';

/** The detectors a scan with these options runs, built-ins first. */
export function buildDetectors(options: Pick<ScanOptions, 'disable' | 'only' | 'custom'>): Detector[] {
  const custom = options.custom.map(customDetector);
  const all = [...DEFAULT_DETECTORS, ...custom];
  const known = new Set(all.map((d) => d.id));
  for (const id of [...options.disable, ...options.only]) {
    if (!known.has(id)) throw new LeakwatchError('SCAN_CONFIG_INVALID', `unknown detector id "${id}" (see \`leakwatch detectors\`)`, { detector: id });
  }
  const seen = new Set<string>();
  for (const d of custom) {
    if (DEFAULT_DETECTORS.some((b) => b.id === d.id) || seen.has(d.id)) {
      throw new LeakwatchError('SCAN_DETECTOR_INVALID', `custom detector id "${d.id}" is already taken`, { detector: d.id });
    }
    seen.add(d.id);
  }
  const disabled = new Set(options.disable);
  const only = new Set(options.only);
  return all.filter((d) => !disabled.has(d.id) && (only.size === 0 || only.has(d.id)));
}

function customDetector(spec: CustomDetectorSpec): Detector {
  const validate = spec.validator === undefined ? undefined : NAMED_VALIDATORS[spec.validator];
  if (spec.validator !== undefined && !validate) {
    throw new LeakwatchError('SCAN_DETECTOR_INVALID', `detector "${spec.id}": unknown validator "${spec.validator}" (one of ${Object.keys(NAMED_VALIDATORS).join(', ')})`, { detector: spec.id });
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(spec.pattern, 'g' + (spec.flags ?? ''));
  } catch (err) {
    throw new LeakwatchError('SCAN_DETECTOR_INVALID', `detector "${spec.id}": ${(err as Error).message}`, { detector: spec.id });
  }
  return {
    id: spec.id,
    category: spec.category,
    pipl: spec.pipl,
    description: spec.description ?? `custom detector ${spec.id}`,
    validation: spec.validator ?? 'pattern only',
    anchors: spec.anchors ?? [],
    pattern,
    ...(validate ? { validate: (v: string) => validate(v) } : {}),
    keywords: spec.keywords ?? [],
    requireKeyword: spec.requireKeyword ?? false,
    confidence: spec.confidence ?? 'medium',
    example: '',
  };
}

/** Decides whether a match is allowed by the configuration's allow-list. */
export interface AllowList {
  /** Allowed by value, pattern, type or fingerprint (path entries are checked with `path`). */
  value(type: string, value: string): boolean;
  /** Whether every finding in this (display) path is allowed. */
  path(path: string, type: string): boolean;
  readonly empty: boolean;
}

export function buildAllowList(entries: readonly AllowEntry[], salt: string): AllowList {
  const valueEntries = entries.filter((e) => e.path === undefined).map((e) => ({
    ...e,
    re: e.pattern === undefined ? undefined : new RegExp(`^(?:${e.pattern})$`),
  }));
  const pathEntries = entries.filter((e) => e.path !== undefined).map((e) => ({ type: e.type, ig: ignore().add(e.path!) }));
  return {
    empty: entries.length === 0,
    value(type, value) {
      for (const e of valueEntries) {
        if (e.type !== undefined && e.type !== type) continue;
        if (e.value !== undefined && e.value !== value) continue;
        if (e.re !== undefined && !e.re.test(value)) continue;
        if (e.fingerprint !== undefined && e.fingerprint !== fingerprint(salt, type, value)) continue;
        return true;
      }
      return false;
    },
    path(path, type) {
      const rel = path.replace(/^\.?\/+/, '').split('!')[0]!;
      for (const e of pathEntries) {
        if (e.type !== undefined && e.type !== type) continue;
        if (rel && !rel.startsWith('..') && e.ig.ignores(rel)) return true;
      }
      return false;
    },
  };
}
