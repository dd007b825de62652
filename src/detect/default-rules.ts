// Where the shipped rule pack lives: `rules/` at the package root, found relative
// to this module, so it works from src/ (tsx, tests) and from dist/ alike.
import { fileURLToPath } from 'node:url';
import { loadRuleFiles, type RuleLoadOptions } from './rules/load-rules.js';
import type { CompiledRuleSet } from './rules/rule-types.js';

/** Absolute path of the shipped rule pack folder. */
export const DEFAULT_RULES_DIR = fileURLToPath(new URL('../../rules/', import.meta.url));

/** Loads the shipped rule pack, with configured lists (org domains, approved apps...) replacing the pack's. */
export function loadDefaultRules(options: RuleLoadOptions = {}): Promise<CompiledRuleSet> {
  return loadRuleFiles(DEFAULT_RULES_DIR, options);
}
