// Detection bound to the store: the ingest pipeline's `onEvents` hook runs the
// engine on each batch of new events and saves the alerts; model and grouping
// state live in the store's state table between runs; at the end of a run,
// sources that went quiet become `source_silent` alerts. This is the edge where
// the pure engine meets I/O.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { errorMessage } from '../errors/index.js';
import { silentSources } from '../events/index.js';
import type { Store } from '../store/index.js';
import type { Alert } from './alert.js';
import { DEFAULT_RULES_DIR } from './default-rules.js';
import { Detection, type DetectionOptions } from './detection.js';
import type { DataEvent } from './events.js';
import { RuleSetHolder } from './rules/rule-set-holder.js';
import { silentSourceAlerts } from './source-health.js';

/** Key of the detection snapshot in the store's state table. */
export const DETECT_STATE_KEY = 'detect.state';

export interface StoreDetectionOptions extends DetectionOptions {
  /** The data directory; its `rules/` folder, when present, adds rules and overrides lists of the shipped pack. */
  readonly dataDir?: string;
  /** Rule files or folders read after the shipped pack (default: `<dataDir>/rules` when it exists). */
  readonly rulePaths?: readonly string[];
  /** Reload rules when their files change (long-running ingest, `--follow`). */
  readonly watchRules?: boolean;
  /** Save the model state every this many events as well as at the end (default 200,000). */
  readonly checkpointEvery?: number;
  /** Problems that do not stop detection: a corrupt saved state, a rule reload that failed. */
  readonly warn?: (message: string) => void;
}

export interface DetectionRunSummary {
  readonly events: number;
  /** Alerts created or updated during the run. */
  readonly alerts: number;
  readonly silentSources: number;
}

export class StoreDetection {
  private events = 0;
  private sinceCheckpoint = 0;
  private readonly changed = new Set<string>();

  private constructor(
    private readonly store: Store,
    readonly detection: Detection,
    private readonly holder: RuleSetHolder,
    private readonly options: StoreDetectionOptions,
  ) {}

  /**
   * Loads the rules (shipped pack, then the organisation's) and the saved state.
   * @throws LeakwatchError DETECT_RULE_SYNTAX / DETECT_RULE_INVALID when the rules do not load.
   */
  static async open(store: Store, options: StoreDetectionOptions = {}): Promise<StoreDetection> {
    const own = options.rulePaths ?? (options.dataDir && existsSync(join(options.dataDir, 'rules')) ? [join(options.dataDir, 'rules')] : []);
    const holder = await RuleSetHolder.load([DEFAULT_RULES_DIR, ...own]);
    if (options.watchRules) {
      holder.onReload((r) => {
        if (!r.ok) options.warn?.(`rules not reloaded, the previous set stays active: ${r.error.message}`);
      });
      await holder.watch();
    }
    const detection = new Detection(holder, options);
    const saved = await store.getState(DETECT_STATE_KEY);
    if (saved !== undefined) {
      try {
        detection.restore(saved);
      } catch (err) {
        options.warn?.(`${errorMessage(err)}; starting from a fresh state`);
      }
    }
    return new StoreDetection(store, detection, holder, options);
  }

  /** The ingest pipeline's `onEvents` hook: detect, then save the alerts the batch created or changed. */
  readonly onEvents = async (events: readonly DataEvent[]): Promise<void> => {
    const alerts = this.detection.process(events);
    this.events += events.length;
    this.sinceCheckpoint += events.length;
    await this.save(alerts);
    if (this.sinceCheckpoint >= (this.options.checkpointEvery ?? 200_000)) {
      this.sinceCheckpoint = 0;
      await this.store.setState(DETECT_STATE_KEY, this.detection.snapshot());
    }
  };

  private async save(alerts: readonly Alert[]): Promise<void> {
    if (alerts.length === 0) return;
    await this.store.saveAlerts(alerts);
    for (const a of alerts) this.changed.add(a.id);
  }

  /**
   * Ends a run: optionally closes the models' running day (`flush`, for a one-off
   * historical import), raises `source_silent` alerts as of `now`, saves the state.
   */
  async close(options: { flush?: boolean; now?: number } = {}): Promise<DetectionRunSummary> {
    this.holder.close();
    if (options.flush) await this.save(this.detection.flush());
    const now = options.now ?? Date.now();
    const silent = silentSourceAlerts(await silentSources(this.store, now), now);
    for (const a of silent) this.options.onAlert?.(a);
    await this.save(silent);
    await this.store.setState(DETECT_STATE_KEY, this.detection.snapshot());
    return { events: this.events, alerts: this.changed.size, silentSources: silent.length };
  }
}
