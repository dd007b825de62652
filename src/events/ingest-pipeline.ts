// The ingest pipeline: files → batches of parsed events → time checks → the
// store (deduplicated, durable) → an optional `onEvents` hook with the events
// that were new. Detection plugs into that hook; the pipeline knows nothing of
// it. The result is a summary object; printing it is the caller's business.
import type { InsertResult, Store } from '../store/index.js';
import type { DataEvent, SourceFormat } from './data-event.js';
import { followFile } from './follow.js';
import { expandInputs, type InputFile } from './read/input.js';
import { readEvents, type DeadLetterEntry, type FileInfo, type ParsedEvent, type ReadOptions } from './read-events.js';

export interface IngestOptions extends Omit<ReadOptions, 'bytes'> {
  /** How far in the future an event may lie (clock skew), ms (default 24 h). */
  readonly maxFutureSkewMs?: number;
  /** Earliest accepted event time, epoch ms (default 2000-01-01). */
  readonly earliestTime?: number;
  /**
   * Records without an event time: `dead_letter` (default; ingest time never
   * stands in for event time in the store) or `ingest_time` (kept with
   * `attributes.time_missing = true`).
   */
  readonly missingTime?: 'dead_letter' | 'ingest_time';
  /** Called with each batch of new events once it is stored. Detection plugs in here. */
  readonly onEvents?: (events: readonly DataEvent[]) => void | Promise<void>;
  readonly onProgress?: (p: IngestProgress) => void;
  /** Stops a follow (and a long ingest between batches). */
  readonly signal?: AbortSignal;
  /** Poll interval of --follow, ms (default 500). */
  readonly followPollMs?: number;
  /** Paths never read when walking folders (the data folder, so the store does not ingest itself). */
  readonly exclude?: readonly string[];
}

export interface IngestProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly events: number;
}

export interface LagStats {
  /** Median of ingest time minus event time, ms. */
  readonly median: number;
  readonly max: number;
}

export interface FileSummary {
  readonly path: string;
  readonly format?: SourceFormat;
  readonly encoding?: string;
  readonly gzip: boolean;
  /** Why the file was skipped without dead letters. */
  readonly skipped?: string;
  readonly records: number;
  /** New events stored. */
  readonly events: number;
  readonly duplicates: number;
  readonly dead_letter: number;
  /** Dead letters by code. */
  readonly reasons: Record<string, number>;
  /** Event-time range of the file's events, ISO 8601. */
  readonly first_event?: string;
  readonly last_event?: string;
  readonly lag_ms?: LagStats;
}

export interface SourceSummary {
  /** `<source>` or `<source>:<tenant>`. */
  readonly stream: string;
  readonly events: number;
  readonly duplicates: number;
  readonly first_event?: string;
  readonly last_event?: string;
  readonly lag_ms?: LagStats;
}

export interface IngestTotals {
  records: number;
  events: number;
  duplicates: number;
  dead_letter: number;
}

export interface IngestSummary {
  readonly files: FileSummary[];
  readonly sources: SourceSummary[];
  readonly total: IngestTotals;
}

const DAY = 86_400_000;

function streamOf(e: { source: string; tenant?: string }): string {
  return e.tenant ? `${e.source}:${e.tenant}` : e.source;
}
export const DEFAULT_EARLIEST_TIME = Date.UTC(2000, 0, 1);

/** Running statistics of a file or stream: time range and lag (median from a bounded reservoir). */
class Tally {
  records = 0;
  events = 0;
  duplicates = 0;
  dead = 0;
  reasons: Record<string, number> = {};
  first = Number.POSITIVE_INFINITY;
  last = Number.NEGATIVE_INFINITY;
  lagMax = Number.NEGATIVE_INFINITY;
  private lags: number[] = [];
  private seen = 0;

  observe(e: DataEvent): void {
    if (e.time < this.first) this.first = e.time;
    if (e.time > this.last) this.last = e.time;
    const lag = e.ingestTime - e.time;
    if (lag > this.lagMax) this.lagMax = lag;
    // Reservoir sampling keeps the median honest in bounded memory.
    this.seen++;
    if (this.lags.length < 1024) this.lags.push(lag);
    else {
      const j = Math.floor(Math.random() * this.seen);
      if (j < 1024) this.lags[j] = lag;
    }
  }

  range(): { first_event?: string; last_event?: string; lag_ms?: LagStats } {
    if (this.first > this.last) return {};
    const sorted = [...this.lags].sort((a, b) => a - b);
    return {
      first_event: new Date(this.first).toISOString(),
      last_event: new Date(this.last).toISOString(),
      lag_ms: { median: sorted[sorted.length >> 1] ?? 0, max: this.lagMax },
    };
  }
}

/**
 * Reads inputs into the store. `run` ingests once; `follow` keeps tailing files
 * (across rotation) until the signal aborts.
 * @example const summary = await new IngestPipeline(store, { onEvents: (b) => detection.process(b) }).run(['./logs']);
 */
export class IngestPipeline {
  private readonly files = new Map<string, { tally: Tally; info: FileInfo }>();
  private readonly streams = new Map<string, Tally>();
  private filesDone = 0;
  private filesTotal = 0;
  private bytesTotal = 0;
  private bytesBefore = 0;
  private newEvents = 0;

  constructor(
    private readonly store: Store,
    private readonly options: IngestOptions = {},
  ) {}

  /** Ingests the files under `paths` ("-" for stdin) once. */
  async run(paths: readonly string[]): Promise<IngestSummary> {
    const inputs = await expandInputs(paths, this.options.exclude);
    this.filesTotal += inputs.length;
    this.bytesTotal += inputs.reduce((a, f) => a + (f.size ?? 0), 0);
    for (const file of inputs) {
      if (this.options.signal?.aborted) break;
      await this.ingestFile(file);
      this.filesDone++;
      this.progress(0);
    }
    return this.summary();
  }

  /** Tails the files under `paths` (new lines, rotation, truncation) until the signal aborts. */
  async follow(paths: readonly string[]): Promise<IngestSummary> {
    const inputs = (await expandInputs(paths, this.options.exclude)).filter((f) => f.path !== '-');
    const signal = this.options.signal ?? new AbortController().signal;
    this.filesTotal += inputs.length;
    await Promise.all(
      inputs.map((file) =>
        followFile(file.path, signal, this.options.followPollMs ?? 500, async (bytes) => {
          await this.ingestFile(file, bytes);
        }),
      ),
    );
    return this.summary();
  }

  private async ingestFile(file: InputFile, bytes?: AsyncIterable<Buffer>): Promise<void> {
    let entry = this.files.get(file.path);
    if (!entry) this.files.set(file.path, (entry = { tally: new Tally(), info: { bytesRead: 0, gzip: false } }));
    const { tally, info } = entry;
    const readInfo: FileInfo = { bytesRead: 0, gzip: false };
    const now = this.options.now ?? Date.now;
    const future = this.options.maxFutureSkewMs ?? DAY;
    const earliest = this.options.earliestTime ?? DEFAULT_EARLIEST_TIME;
    const keepMissing = this.options.missingTime === 'ingest_time';
    // Two batches in flight: while the store writes batch N (on its writer
    // thread), batch N+1 is read and parsed here; batch N's accounting and
    // detection then run while N+1 is written. Batches are accounted for and
    // handed to onEvents in order.
    let previous: Promise<void> = Promise.resolve();
    for await (const batch of readEvents(file, { ...this.options, ...(bytes ? { bytes } : {}) }, readInfo)) {
      const dead: DeadLetterEntry[] = [...batch.deadLetters];
      const keep: ParsedEvent[] = [];
      const limit = now() + future;
      for (const e of batch.events) {
        const missing = e.attributes?.['time_missing'] === true;
        if (missing && !keepMissing) dead.push({ file: file.path, code: 'EVENTS_TIME_MISSING', reason: `${e.source} ${e.action}: the record carries no event time`, source: e.source });
        else if (e.time > limit) dead.push({ file: file.path, code: 'EVENTS_TIME_OUT_OF_RANGE', reason: `${e.source} ${e.action} at ${new Date(e.time).toISOString()} lies more than ${Math.round(future / 3_600_000)} h in the future`, source: e.source });
        else if (e.time < earliest) dead.push({ file: file.path, code: 'EVENTS_TIME_OUT_OF_RANGE', reason: `${e.source} ${e.action} at ${Number.isFinite(e.time) ? new Date(e.time).toISOString() : String(e.time)} lies before ${new Date(earliest).toISOString()}`, source: e.source });
        else keep.push(e);
      }
      const stored = this.store.insertEvents(keep);
      const deadStored = this.store.addDeadLetters(dead);
      const prior = previous;
      previous = (async () => {
        await prior;
        const result = await stored;
        await deadStored;
        this.account(tally, batch.records, keep, dead, result);
        this.progress(readInfo.bytesRead);
        if (this.options.onEvents && result.inserted.length > 0) await this.options.onEvents(result.inserted as DataEvent[]);
      })();
      // Awaited below or by the next batch; a failure surfaces there, never as an unhandled rejection.
      stored.catch(() => {});
      deadStored.catch(() => {});
      previous.catch(() => {});
      await prior;
    }
    await previous;
    info.format ??= readInfo.format;
    info.encoding ??= readInfo.encoding;
    info.gzip ||= readInfo.gzip;
    info.skipped ??= readInfo.skipped;
    info.bytesRead += readInfo.bytesRead;
    this.bytesBefore += readInfo.bytesRead;
  }

  /** Counts a stored batch into its file's and its streams' tallies. */
  private account(tally: Tally, records: number, keep: readonly ParsedEvent[], dead: readonly DeadLetterEntry[], result: InsertResult): void {
    tally.records += records;
    tally.events += result.inserted.length;
    tally.duplicates += result.duplicates;
    tally.dead += dead.length;
    for (const d of dead) tally.reasons[d.code] = (tally.reasons[d.code] ?? 0) + 1;
    // Per stream: what was offered minus what was new is what was already stored.
    const offered = new Map<string, number>();
    for (const e of keep) {
      const key = streamOf(e);
      offered.set(key, (offered.get(key) ?? 0) + 1);
    }
    for (const e of result.inserted) {
      tally.observe(e as DataEvent);
      const key = streamOf(e);
      const s = this.stream(key);
      s.events++;
      s.observe(e as DataEvent);
      offered.set(key, (offered.get(key) ?? 0) - 1);
    }
    for (const [key, n] of offered) if (n > 0) this.stream(key).duplicates += n;
    this.newEvents += result.inserted.length;
  }

  private stream(key: string): Tally {
    let s = this.streams.get(key);
    if (!s) this.streams.set(key, (s = new Tally()));
    return s;
  }

  private progress(current: number): void {
    this.options.onProgress?.({ filesDone: this.filesDone, filesTotal: this.filesTotal, bytesDone: this.bytesBefore + current, bytesTotal: this.bytesTotal, events: this.newEvents });
  }

  summary(): IngestSummary {
    const files: FileSummary[] = [];
    const total: IngestTotals = { records: 0, events: 0, duplicates: 0, dead_letter: 0 };
    for (const [path, { tally, info }] of this.files) {
      files.push({
        path,
        ...(info.format ? { format: info.format } : {}),
        ...(info.encoding ? { encoding: info.encoding } : {}),
        gzip: info.gzip,
        ...(info.skipped ? { skipped: info.skipped } : {}),
        records: tally.records,
        events: tally.events,
        duplicates: tally.duplicates,
        dead_letter: tally.dead,
        reasons: tally.reasons,
        ...tally.range(),
      });
      total.records += tally.records;
      total.events += tally.events;
      total.duplicates += tally.duplicates;
      total.dead_letter += tally.dead;
    }
    const sources: SourceSummary[] = [...this.streams]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([stream, t]) => ({ stream, events: t.events, duplicates: t.duplicates, ...t.range() }));
    return { files, sources, total };
  }
}
