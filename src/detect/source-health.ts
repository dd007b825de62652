// Sources that go quiet: a log source that stops sending is how blind spots
// start, so silence longer than a source's usual gap is an alert of its own.
import { alertId, severityForScore, type Alert } from './alert.js';

export interface SourceActivity {
  readonly source: string;
  /** Event time of the newest event seen from the source, epoch ms. */
  readonly lastSeen: number;
  /** The source's usual gap between events, ms. */
  readonly typicalGapMs: number;
}

export interface SilenceOptions {
  /** Silence counts once it is this many typical gaps long (default 6). */
  readonly factor?: number;
  /** ...and at least this long (default 1 hour), so chatty sources do not flap. */
  readonly minSilenceMs?: number;
}

export const SOURCE_SILENT = 'system.source_silent';

/**
 * `source_silent` alerts for sources quiet for longer than their usual gap allows.
 * The id depends on the source and its last event, so repeated checks during one
 * silence update the same alert.
 * @example sourceSilentAlerts([{ source: 'cloudtrail', lastSeen: t0, typicalGapMs: 300_000 }], t0 + 7_200_000)
 */
export function sourceSilentAlerts(sources: readonly SourceActivity[], now: number, options: SilenceOptions = {}): Alert[] {
  const factor = options.factor ?? 6;
  const minSilence = options.minSilenceMs ?? 3_600_000;
  const out: Alert[] = [];
  for (const s of sources) {
    const silence = now - s.lastSeen;
    const allowed = Math.max(minSilence, factor * s.typicalGapMs);
    if (!(silence > allowed)) continue;
    const ratio = silence / allowed;
    const score = Math.min(90, Math.round(40 + 15 * Math.log2(ratio + 1)));
    const hours = Math.round((silence / 3_600_000) * 10) / 10;
    const reason = `no ${s.source} events for ${hours} h; it usually sends every ${Math.round(s.typicalGapMs / 60_000)} min (allowed ${Math.round(allowed / 60_000)} min)`;
    out.push(silentAlert(s.source, s.lastSeen, now, score, reason, { source: s.source, lastSeen: s.lastSeen, silenceMs: silence, typicalGapMs: s.typicalGapMs, allowedMs: allowed }));
  }
  return out;
}

/** A source already judged silent (the events capability's `silentSources`). */
export interface SilentSourceLike {
  /** `<format>` or `<format>:<tenant>`. */
  readonly source: string;
  readonly lastSeen: number;
  readonly silentForMs: number;
  readonly typicalGapMs: number;
  /** Events the source's own rhythm predicted for the quiet span. */
  readonly expectedEvents?: number;
}

/** `source_silent` alerts for sources the store's statistics already judged silent. */
export function silentSourceAlerts(silent: readonly SilentSourceLike[], now: number): Alert[] {
  return silent.map((s) => {
    const expected = s.expectedEvents ?? Math.max(1, s.silentForMs / Math.max(1, s.typicalGapMs));
    const score = Math.min(90, Math.round(40 + 8 * Math.log2(1 + expected / 10)));
    const hours = Math.round((s.silentForMs / 3_600_000) * 10) / 10;
    const reason = `no ${s.source} events for ${hours} h, where its usual rhythm predicts about ${Math.round(expected)}`;
    return silentAlert(s.source, s.lastSeen, now, score, reason, { source: s.source, lastSeen: s.lastSeen, silenceMs: s.silentForMs, typicalGapMs: s.typicalGapMs, expectedEvents: expected });
  });
}

/** Learns each source's last event time and usual gap from the events it sees. */
export class SourceTracker {
  private readonly seen = new Map<string, { last: number; gap: number; n: number }>();

  observe(source: string, time: number): void {
    const s = this.seen.get(source);
    if (!s) {
      this.seen.set(source, { last: time, gap: 0, n: 0 });
      return;
    }
    if (time <= s.last) return;
    const gap = time - s.last;
    s.n++;
    // A robust-ish running gap: EWMA of gaps, each capped at 10x the current estimate.
    const capped = s.n > 5 ? Math.min(gap, 10 * s.gap) : gap;
    s.gap = s.n === 1 ? capped : s.gap + (capped - s.gap) * Math.max(0.02, 1 / s.n);
    s.last = time;
  }

  activity(): SourceActivity[] {
    return [...this.seen].filter(([, s]) => s.n >= 3).map(([source, s]) => ({ source, lastSeen: s.last, typicalGapMs: s.gap }));
  }

  snapshot(): Record<string, { last: number; gap: number; n: number }> {
    return Object.fromEntries(this.seen);
  }

  restore(state: Record<string, { last: number; gap: number; n: number }>): void {
    this.seen.clear();
    for (const [k, v] of Object.entries(state)) this.seen.set(k, { ...v });
  }
}

/** The `source_silent` alert of a source last seen at `lastSeen`: one per silence, updated while it lasts. */
function silentAlert(source: string, lastSeen: number, now: number, score: number, reason: string, explanation: Record<string, unknown>): Alert {
  return {
    id: alertId(SOURCE_SILENT, source, lastSeen),
    actor: `source:${source}`,
    start: lastSeen,
    end: now,
    severity: severityForScore(score),
    score,
    channel: 'logging_change',
    detector: SOURCE_SILENT,
    kind: 'system',
    title: `Log source ${source} has gone silent`,
    reasons: [reason],
    explanation,
    evidence: [],
    status: 'open',
    createdAt: now,
    updatedAt: now,
  };
}
