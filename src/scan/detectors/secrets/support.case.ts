// Test support for the secret detectors: runs a detector through the real engine
// (which searches only the windows around anchor hits) so tests can prove every
// match is found there, plus the table-driven cases the detector tests share.
import { describe, expect, it } from 'vitest';
import { runDetector, type Detector, type Match } from '../detector.js';
import { TextScanner } from '../../engine/text-scanner.js';

/** Matches of `detector` in `text` as the engine finds them: only around its anchors. */
export function windowedMatches(detector: Detector, text: string): Match[] {
  return new TextScanner([detector]).scan(text);
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

export interface ReportedCase {
  situation: string;
  detector: Detector;
  text: string;
  value: string;
}
export interface NotReportedCase {
  situation: string;
  detector: Detector;
  text: string;
}

/** The shared shape of the detector tests: each reported case yields its value, each other case nothing. */
export function describeCases(reported: readonly ReportedCase[], notReported: readonly NotReportedCase[]): void {
  describe.each(reported)('when $situation', ({ detector, text, value }) => {
    it(`is reported as ${detector.id} with the secret as the value`, () => {
      expect(valuesOf(detector, text)).toEqual([value]);
    });
  });
  describe.each(notReported)('when $situation', ({ detector, text }) => {
    it('is not reported', () => {
      expect(valuesOf(detector, text)).toEqual([]);
    });
  });
}
