// Builds ScanOptions from command-line flags, the configuration file and the
// environment, in that order of precedence. Shared by `scan` and `redact`.
import { existsSync } from 'node:fs';
import {
  CONFIG_FILE_NAME,
  DEFAULT_SCAN_LIMITS,
  DEFAULT_SCAN_OPTIONS,
  defaultWorkers,
  loadConfigFile,
  type Confidence,
  type ScanLimits,
  type ScanOptions,
} from '../scan/index.js';
import { ExitError } from './exit-error.js';
import { resolveSalt } from './salt.js';

export interface CommonFlags {
  config?: string;
  minConfidence?: string;
  exclude?: string[];
  gitignore?: boolean;
  reveal?: boolean;
  workers?: string;
  salt?: string;
  only?: string;
  disable?: string;
  limit?: string[];
}

const CONFIDENCES: readonly Confidence[] = ['low', 'medium', 'high'];

export async function buildScanOptions(flags: CommonFlags): Promise<ScanOptions> {
  const configPath = flags.config ?? (existsSync(CONFIG_FILE_NAME) ? CONFIG_FILE_NAME : undefined);
  const file = configPath ? await loadConfigFile(configPath) : {};
  const minConfidence = flags.minConfidence ?? file.minConfidence ?? DEFAULT_SCAN_OPTIONS.minConfidence;
  if (!CONFIDENCES.includes(minConfidence as Confidence)) throw new ExitError(2, `--min-confidence must be one of ${CONFIDENCES.join(', ')}`);
  const limits: ScanLimits = { ...DEFAULT_SCAN_LIMITS, ...file.limits, ...parseLimits(flags.limit ?? []) };
  let workers = defaultWorkers();
  if (flags.workers !== undefined) {
    workers = Number(flags.workers);
    if (!Number.isInteger(workers) || workers < 0 || workers > 256) throw new ExitError(2, '--workers must be a whole number from 0 to 256');
  }
  return {
    ...DEFAULT_SCAN_OPTIONS,
    limits,
    minConfidence: minConfidence as Confidence,
    bulkThreshold: file.bulkThreshold ?? DEFAULT_SCAN_OPTIONS.bulkThreshold,
    exclude: [...(file.exclude ?? []), ...(flags.exclude ?? [])],
    gitignore: flags.gitignore === false ? false : (file.gitignore ?? true),
    allow: file.allow ?? [],
    custom: file.custom ?? [],
    disable: [...(file.disable ?? []), ...list(flags.disable)],
    only: flags.only !== undefined ? list(flags.only) : (file.only ?? []),
    reveal: flags.reveal === true,
    salt: await resolveSalt(flags.salt, file.salt),
    workers,
  };
}

function list(s: string | undefined): string[] {
  return s === undefined ? [] : s.split(',').map((x) => x.trim()).filter(Boolean);
}

/** `--limit maxArchiveDepth=3` → { maxArchiveDepth: 3 }. */
function parseLimits(items: string[]): Partial<ScanLimits> {
  const out: Partial<ScanLimits> = {};
  for (const item of items) {
    const m = /^([A-Za-z]+)=(\d+)$/.exec(item);
    if (!m || !(m[1]! in DEFAULT_SCAN_LIMITS)) {
      throw new ExitError(2, `--limit ${item}: expected NAME=NUMBER with NAME one of ${Object.keys(DEFAULT_SCAN_LIMITS).join(', ')}`);
    }
    out[m[1] as keyof ScanLimits] = Number(m[2]);
  }
  return out;
}
