// Which log sources have gone quiet. A source is judged against its own rhythm,
// learnt from the events stored (hour-of-week histogram of event times): silence
// at night or over a weekend is normal for a nine-to-five tenant and not for a
// busy AWS account. A stream is silent when, over the hours since its last
// event, its history predicts at least `minExpected` events and none came.
import type { SourceStats, Store } from '../store/index.js';

export interface SilenceOptions {
  /** Events the history must predict for the quiet span before it counts as silence (default 10). */
  readonly minExpected?: number;
  /** Shortest silence reported, ms (default 1 hour). */
  readonly minSilenceMs?: number;
  /** History needed before a stream is judged, ms (default 2 days). */
  readonly minHistoryMs?: number;
}

export interface SilentSource {
  /** `<source>` or `<source>:<tenant>`: what detection names the alert after. */
  readonly source: string;
  readonly format: string;
  readonly tenant?: string;
  /** Event time of the newest event, epoch ms. */
  readonly lastSeen: number;
  readonly silentForMs: number;
  /** Events the stream's history predicts for the quiet span. */
  readonly expectedEvents: number;
  /** The stream's mean gap between events, ms. */
  readonly typicalGapMs: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Events a stream's history predicts between `from` and `to` (capped at two weeks of hours). */
export function expectedEvents(s: SourceStats, from: number, to: number): number {
  const span = s.lastTime - s.firstTime;
  if (span <= 0 || to <= from) return 0;
  const weekly = span >= WEEK;
  // Per hour of week when a week is known, else per hour of day over the days seen.
  const rate = (t: number): number => {
    const day = Math.floor(t / DAY);
    const dow = (((day + 3) % 7) + 7) % 7;
    const hour = ((Math.floor(t / HOUR) % 24) + 24) % 24;
    if (weekly) return (s.hourOfWeek[dow * 24 + hour] ?? 0) / (span / WEEK);
    let sum = 0;
    for (let d = 0; d < 7; d++) sum += s.hourOfWeek[d * 24 + hour] ?? 0;
    return sum / Math.max(1, span / DAY);
  };
  let expected = 0;
  const end = Math.min(to, from + 2 * WEEK);
  for (let t = from; t < end; ) {
    const next = Math.min(end, (Math.floor(t / HOUR) + 1) * HOUR);
    expected += rate(t) * ((next - t) / HOUR);
    t = next;
  }
  return expected;
}

/** The streams that are silent at `now` (epoch ms), most overdue first. */
export function silentStreams(sources: readonly SourceStats[], now: number, options: SilenceOptions = {}): SilentSource[] {
  const minExpected = options.minExpected ?? 10;
  const minSilence = options.minSilenceMs ?? HOUR;
  const minHistory = options.minHistoryMs ?? 2 * DAY;
  const out: SilentSource[] = [];
  for (const s of sources) {
    const silent = now - s.lastTime;
    if (silent < minSilence || s.lastTime - s.firstTime < minHistory || s.events < minExpected) continue;
    const expected = expectedEvents(s, s.lastTime, now);
    if (expected < minExpected) continue;
    out.push({
      source: s.stream,
      format: s.source,
      ...(s.tenant ? { tenant: s.tenant } : {}),
      lastSeen: s.lastTime,
      silentForMs: silent,
      expectedEvents: Math.round(expected * 10) / 10,
      typicalGapMs: Math.round(s.typicalGapMs),
    });
  }
  return out.sort((a, b) => b.expectedEvents - a.expectedEvents);
}

/**
 * Silent sources according to the store's statistics; detection turns them
 * into `source_silent` alerts.
 * @example for (const s of await silentSources(store, Date.now())) console.log(s.source, s.silentForMs);
 */
export async function silentSources(store: Store, now: number, options: SilenceOptions = {}): Promise<SilentSource[]> {
  return silentStreams(await store.listSources(), now, options);
}
