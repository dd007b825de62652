// Personal-information detectors: Chinese identifiers first, then international ones.
import type { Detector } from '../detector.js';

export const PII_DETECTORS: readonly Detector[] = [];
