// Secret and credential detectors: cloud keys, tokens, private keys, webhooks.
import type { Detector } from '../detector.js';

export const SECRET_DETECTORS: readonly Detector[] = [];
