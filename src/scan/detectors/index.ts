// The default detector set and the detector model, as one surface for the engine.
import type { Detector } from './detector.js';
import { PII_DETECTORS } from './pii/index.js';
import { SECRET_DETECTORS } from './secrets/index.js';

export * from './detector.js';
export { PII_DETECTORS, SECRET_DETECTORS };

/** Every built-in detector, PII first. */
export const DEFAULT_DETECTORS: readonly Detector[] = [...PII_DETECTORS, ...SECRET_DETECTORS];
