// Secret and credential detectors: cloud keys, tokens, private keys, webhooks,
// connection strings and the generic keyword detector. Order matters: where two
// matches overlap at the same confidence the engine keeps the earlier detector,
// so vendor formats come first and the generic detector last.
import type { Detector } from '../detector.js';
import { AI_DETECTORS } from './ai.js';
import { CHAT_DETECTORS } from './chat.js';
import { CLOUD_CN_DETECTORS } from './cloud-cn.js';
import { CLOUD_DETECTORS } from './cloud.js';
import { CONNECTION_STRING_DETECTORS } from './connection-strings.js';
import { DEVOPS_DETECTORS } from './devops.js';
import { GENERIC_DETECTORS } from './generic.js';
import { HTTP_DETECTORS } from './http.js';
import { KEY_DETECTORS } from './keys.js';
import { SAAS_DETECTORS } from './saas.js';
import { VCS_DETECTORS } from './vcs.js';

export const SECRET_DETECTORS: readonly Detector[] = [
  ...CLOUD_DETECTORS,
  ...CLOUD_CN_DETECTORS,
  ...KEY_DETECTORS,
  ...VCS_DETECTORS,
  ...CHAT_DETECTORS,
  ...AI_DETECTORS,
  ...DEVOPS_DETECTORS,
  ...SAAS_DETECTORS,
  ...CONNECTION_STRING_DETECTORS,
  ...HTTP_DETECTORS,
  ...GENERIC_DETECTORS,
];
