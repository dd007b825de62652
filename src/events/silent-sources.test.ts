import { describe, expect, it } from 'vitest';
import type { SourceStats } from '../store/index.js';
import { expectedEvents, silentStreams } from './silent-sources.js';

const HOUR = 3_600_000;
const MONDAY = Date.UTC(2026, 2, 2); // 2026-03-02 is a Monday

/** Stats of a source that sent `perHour` events in each of `hours` (UTC hours of the week) over `weeks` weeks. */
function stats(stream: string, hours: number[], perHour: number, weeks: number, last: number): SourceStats {
  const hist = new Array<number>(168).fill(0);
  for (const h of hours) hist[h] = perHour * weeks;
  return { stream, source: stream, events: hist.reduce((a, b) => a + b, 0), firstTime: last - weeks * 7 * 24 * HOUR, lastTime: last, lastIngestTime: last, typicalGapMs: HOUR / perHour, hourOfWeek: hist };
}

const weekdaysNineToFive = [0, 1, 2, 3, 4].flatMap((d) => [9, 10, 11, 12, 13, 14, 15, 16].map((h) => d * 24 + h));

describe('silent sources', () => {
  it('does not call a nine-to-five source silent at night or over the weekend', () => {
    const fridayEvening = MONDAY + 4 * 24 * HOUR + 17 * HOUR;
    const office = stats('m365:contoso', weekdaysNineToFive, 60, 4, fridayEvening);
    expect(silentStreams([office], MONDAY + 7 * 24 * HOUR + 8 * HOUR)).toEqual([]); // next Monday 08:00
    const silent = silentStreams([office], MONDAY + 7 * 24 * HOUR + 11 * HOUR); // next Monday 11:00
    expect(silent).toEqual([expect.objectContaining({ source: 'm365:contoso', lastSeen: fridayEvening, expectedEvents: 120 })]);
  });

  it('calls a round-the-clock source silent after an hour without events', () => {
    const all = Array.from({ length: 168 }, (_, h) => h);
    const busy = stats('cloudtrail:111122223333', all, 600, 2, MONDAY);
    expect(silentStreams([busy], MONDAY + 30 * 60_000)).toEqual([]);
    expect(silentStreams([busy], MONDAY + 2 * HOUR).map((s) => s.source)).toEqual(['cloudtrail:111122223333']);
  });

  it('leaves alone a stream with too little history to judge', () => {
    const young: SourceStats = { stream: 'okta', source: 'okta', events: 500, firstTime: MONDAY - HOUR, lastTime: MONDAY, lastIngestTime: MONDAY, typicalGapMs: 7000, hourOfWeek: new Array<number>(168).fill(3) };
    expect(silentStreams([young], MONDAY + 10 * HOUR)).toEqual([]);
  });

  it('uses hours of the day when less than a week is known', () => {
    const hist = new Array<number>(168).fill(0);
    hist[9] = 30; // Monday 09:00 only, over 3 days of history
    const s: SourceStats = { stream: 'x', source: 'x', events: 30, firstTime: MONDAY, lastTime: MONDAY + 3 * 24 * HOUR, lastIngestTime: 0, typicalGapMs: 0, hourOfWeek: hist };
    // Thursday and Friday 09:00 each expect 30 events / 3 days.
    expect(expectedEvents(s, MONDAY + 3 * 24 * HOUR, MONDAY + 4 * 24 * HOUR + 10 * HOUR)).toBeCloseTo(20, 5);
  });
});
