// Test helper: what the PII detectors report in a text, by type, under the reference
// semantics (runDetector), every detector of a type included.
import { runDetector, type Confidence } from '../detector.js';
import { PII_DETECTORS } from './index.js';

/** Values of `type` found in `text`, in order. */
export function found(text: string, type: string): string[] {
  return matches(text).filter((m) => m.type === type).map((m) => m.value);
}

/** Every PII match in `text` as `type:value`. */
export function foundAll(text: string): string[] {
  return matches(text).map((m) => `${m.type}:${m.value}`);
}

/** Confidence of the single match of `type` in `text`. */
export function confidenceOf(text: string, type: string): Confidence | undefined {
  return matches(text).find((m) => m.type === type)?.confidence;
}

function matches(text: string): { type: string; value: string; start: number; confidence: Confidence }[] {
  return PII_DETECTORS.flatMap((d) => runDetector(d, text)).sort((a, b) => a.start - b.start);
}
