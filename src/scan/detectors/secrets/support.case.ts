// Test support: runs a detector the way the engine does (only in windows around
// anchor hits, per the Detector contract) so tests can prove every match is
// found inside some anchor's window, plus small helpers the secret tests share.
import { lowerAscii, runDetector, type Detector, type Match } from '../detector.js';

const DEFAULT_BEFORE = 1024;
const DEFAULT_AFTER = 4096;

/** Matches of `detector` in `text`, searching only the windows around its anchors. */
export function windowedMatches(detector: Detector, text: string): Match[] {
  if (detector.anchors.length === 0) return runDetector(detector, text);
  const lowered = lowerAscii(text);
  const before = detector.window?.before ?? DEFAULT_BEFORE;
  const after = detector.window?.after ?? DEFAULT_AFTER;
  const multiline = detector.window?.multiline ?? false;
  const windows: Array<[number, number]> = [];
  for (const anchor of detector.anchors) {
    const needle = lowerAscii(anchor);
    for (let hit = lowered.indexOf(needle); hit >= 0; hit = lowered.indexOf(needle, hit + 1)) {
      let start: number;
      let end: number;
      if (multiline) {
        start = Math.max(0, hit - before);
        end = Math.min(text.length, hit + needle.length + after);
      } else {
        start = Math.max(text.lastIndexOf('\n', hit) + 1, hit - before);
        const eol = text.indexOf('\n', hit);
        end = Math.min(eol < 0 ? text.length : eol, hit + needle.length + after);
      }
      windows.push([start, end]);
    }
  }
  windows.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const w of windows) {
    const last = merged[merged.length - 1];
    if (last && w[0] <= last[1]) last[1] = Math.max(last[1], w[1]);
    else merged.push([w[0], w[1]]);
  }
  const seen = new Set<string>();
  const out: Match[] = [];
  for (const [s, e] of merged) {
    for (const m of runDetector(detector, text.slice(s, e), undefined, s)) {
      const key = `${m.start}:${m.end}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(m);
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Spans found by `runDetector` over the whole text that the windowed run misses. */
export function spansMissedByWindows(detector: Detector, text: string): Array<{ start: number; end: number }> {
  const windowed = new Set(windowedMatches(detector, text).map((m) => `${m.start}:${m.end}`));
  return runDetector(detector, text)
    .filter((m) => !windowed.has(`${m.start}:${m.end}`))
    .map((m) => ({ start: m.start, end: m.end }));
}

/** Every secret finding of the built-in secret detectors in `text`, as `type` and `value`. */
export function secretsIn(text: string, detectors: readonly Detector[]): Array<{ type: string; value: string }> {
  return detectors.flatMap((d) => runDetector(d, text).map((m) => ({ type: m.type, value: m.value })));
}

/** Values `detector` reports in `text`. */
export function valuesOf(detector: Detector, text: string): string[] {
  return runDetector(detector, text).map((m) => m.value);
}
