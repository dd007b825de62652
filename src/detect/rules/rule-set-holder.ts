// Hot reload: holds the active rule set and reloads it when its files change. A
// reload that fails (bad YAML, a schema error) leaves the previous set active and
// reports the error; nothing half-loaded is ever used.
import { watch, type FSWatcher } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isLeakwatchError, LeakwatchError } from '../../errors/index.js';
import { loadRuleFiles, ruleFilesAt, type RuleLoadOptions } from './load-rules.js';
import type { CompiledRuleSet } from './rule-types.js';

export type ReloadResult = { readonly ok: true; readonly rules: CompiledRuleSet } | { readonly ok: false; readonly error: LeakwatchError };

export class RuleSetHolder {
  private watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | undefined;
  private listeners: ((r: ReloadResult) => void)[] = [];
  private generation = 0;

  private constructor(
    private readonly paths: readonly string[],
    private readonly options: RuleLoadOptions,
    private active: CompiledRuleSet,
  ) {}

  /** Loads the rules once; an invalid initial set is an error (there is nothing to fall back to). */
  static async load(paths: string | readonly string[], options: RuleLoadOptions = {}): Promise<RuleSetHolder> {
    const list = typeof paths === 'string' ? [paths] : [...paths];
    return new RuleSetHolder(list, options, await loadRuleFiles(list, options));
  }

  /** The rule set in force. */
  get current(): CompiledRuleSet {
    return this.active;
  }

  /** Re-reads the files; on error the previous set stays active. */
  async reload(): Promise<ReloadResult> {
    const gen = ++this.generation;
    let result: ReloadResult;
    try {
      const rules = await loadRuleFiles(this.paths, this.options);
      if (gen === this.generation) this.active = rules;
      result = { ok: true, rules };
    } catch (err) {
      const error = isLeakwatchError(err) ? err : new LeakwatchError('DETECT_RULES_UNREADABLE', (err as Error).message, {}, { cause: err });
      result = { ok: false, error };
    }
    for (const l of this.listeners) l(result);
    return result;
  }

  /** Calls `listener` after every reload, good or bad. */
  onReload(listener: (r: ReloadResult) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Watches the rule files and folders; changes settle for `debounceMs` before a reload. */
  async watch(debounceMs = 150): Promise<void> {
    this.close();
    const targets = new Set<string>();
    for (const p of this.paths) {
      const abs = resolve(p);
      const files = await ruleFilesAt(abs);
      // A folder is watched as a folder (new files count); a single file through its folder, as editors replace files.
      targets.add(files.length === 1 && files[0] === abs ? dirname(abs) : abs);
    }
    for (const t of targets) {
      const w = watch(t, { persistent: false }, () => {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.reload(), debounceMs);
      });
      w.on('error', () => undefined);
      this.watchers.push(w);
    }
  }

  close(): void {
    clearTimeout(this.timer);
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }
}
