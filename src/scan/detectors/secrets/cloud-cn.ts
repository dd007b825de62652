// Credentials of the Chinese clouds: Alibaba Cloud (阿里云), Tencent Cloud (腾讯云),
// Huawei Cloud (华为云) and Baidu AI Cloud (百度智能云). IDs with a fixed prefix
// are matched alone; their unprefixed secrets only under a key naming them.
import type { Detector } from '../detector.js';
import { charClasses, isFilledIn, isRepetitive, shannonEntropy } from './entropy.js';
import { ASSIGNMENT_WINDOW, assignment, ci, keyedDetector, secretDetector, tokenDetector } from './grammar.js';

/** A random-looking secret: entropy at least `bits`, two or more character classes, no repeats. */
function randomLooking(bits: number): (value: string) => boolean {
  return (value) => shannonEntropy(value) >= bits && charClasses(value) >= 2 && !isRepetitive(value);
}

/** Alibaba Cloud AccessKey IDs: `LTAI` and 12–20 alphanumerics (RAM console, "AccessKey pair"). */
export const alibabaAccessKeyId: Detector = tokenDetector({
  id: 'alibaba_access_key_id',
  description: 'Alibaba Cloud AccessKey ID (LTAI…, 阿里云)',
  validation: 'LTAI prefix and 12–20 alphanumerics',
  anchors: ['ltai'],
  token: 'LTAI[A-Za-z0-9]{12,20}',
  validate: (value) => randomLooking(3)(value.slice(4)),
  keywords: ['aliyun', 'alibaba', 'alicloud', 'accesskey', 'access_key', '阿里云'],
  example: 'LTAI' + '5tQ8zRk2VwN9xLm3',
});

/** Alibaba Cloud AccessKey secrets: 30 alphanumerics under an AccessKeySecret / Aliyun secret key. */
export const alibabaAccessKeySecret: Detector = secretDetector({
  id: 'alibaba_access_key_secret',
  description: 'Alibaba Cloud AccessKey secret (阿里云 AccessKeySecret)',
  validation: '30 alphanumerics under an AccessKeySecret/Aliyun secret key; entropy ≥ 3.5 bits',
  anchors: ['accesskeysecret', 'access_key_secret', 'access-key-secret', 'access.key.secret', 'aliyun', 'alibaba', 'alicloud'],
  pattern: new RegExp(
    assignment(
      `${ci('access')}[_.\\-]?${ci('key')}[_.\\-]?${ci('secret')}|(?:${ci('aliyun')}|${ci('alibaba')}|${ci('alicloud')})[\\w.\\-]{0,24}?${ci('secret')}`,
      '[A-Za-z0-9]{30}',
    ),
    'g',
  ),
  validate: (value) => isFilledIn(value) && randomLooking(3.5)(value),
  window: ASSIGNMENT_WINDOW,
  keywords: ['aliyun', 'alibaba', 'alicloud', 'ltai', '阿里云'],
  confidence: 'medium',
  example: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET=' + '9Ymh7YGGj7qXk131X0zdWzpzmOm2XY',
});

/** Tencent Cloud SecretIds: `AKID` and 32 alphanumerics (CAM, "Access key"). */
export const tencentSecretId: Detector = tokenDetector({
  id: 'tencent_secret_id',
  description: 'Tencent Cloud SecretId (AKID…, 腾讯云)',
  validation: 'AKID prefix and 32 alphanumerics',
  anchors: ['akid'],
  token: 'AKID[A-Za-z0-9]{32}',
  validate: (value) => randomLooking(3)(value.slice(4)),
  keywords: ['tencent', 'qcloud', 'secretid', 'secret_id', '腾讯云'],
  example: 'AKID' + '23Kjt9P7HUmghs7rNo3BbKZ3FBTAtwEN',
});

/**
 * Tencent Cloud SecretKeys: 32 alphanumerics under a SecretKey setting that
 * names Tencent / QCloud, or with `tencent`, `qcloud` or a SecretId nearby.
 */
export const tencentSecretKey: Detector = secretDetector({
  id: 'tencent_secret_key',
  description: 'Tencent Cloud SecretKey (腾讯云 SecretKey)',
  validation: '32 alphanumerics under a SecretKey setting with Tencent context; entropy ≥ 3.5 bits',
  anchors: ['secretkey', 'secret_key', 'secret-key', 'secret.key'],
  pattern: new RegExp(assignment(`${ci('secret')}[_.\\-]?${ci('key')}`, '[A-Za-z0-9]{32}'), 'g'),
  validate: (value) => isFilledIn(value) && randomLooking(3.5)(value),
  keywords: ['tencent', 'qcloud', 'akid', 'secretid', 'secret_id', 'tccli', 'cos_', '腾讯'],
  requireKeyword: true,
  window: ASSIGNMENT_WINDOW,
  confidence: 'medium',
  example: 'TENCENTCLOUD_SECRET_KEY=' + 'D2oisFNdAe46DRCspbEXmBjDkyuuzwYg',
});

/**
 * Huawei Cloud AK/SK: a 20-character uppercase access key and a 40-character
 * secret key, under a key naming Huawei Cloud and AK/SK (IAM, "Access keys").
 */
export const huaweiAccessKey: Detector = keyedDetector({
  id: 'huawei_access_key',
  description: 'Huawei Cloud access key (AK) or secret key (SK) (华为云)',
  validation: '20-character AK or 40-character SK under a Huawei Cloud AK/SK key; entropy ≥ 3.5 bits',
  names: ['huaweicloud', 'huawei', 'hwcloud'],
  value: '[A-Za-z0-9]{40}|[A-Z0-9]{20}',
  nameCheck: (words) => words.some((w) => /^(?:ak|sk|accesskey|secretkey|access|secret|key|credential)/.test(w)),
  validate: (value) => randomLooking(3.2)(value),
  confidence: 'medium',
  example: 'HUAWEICLOUD_SDK_SK=' + 'kcEo0GNJvJNMsJDSNHd24QoM9VntO9q0rMu9BMYK',
});

/**
 * Baidu AI Cloud credentials: BCE AK/SK (32 hex) and AI-platform API/secret keys
 * (24 or 32 alphanumerics), under a key naming Baidu / BCE / Qianfan.
 */
export const baiduAccessKey: Detector = keyedDetector({
  id: 'baidu_access_key',
  description: 'Baidu AI Cloud access key, secret key or API key (百度智能云)',
  validation: '24 or 32 alphanumerics under a Baidu/BCE AK/SK/API-key key; entropy ≥ 3.5 bits',
  names: ['baidu', 'bce', 'qianfan'],
  value: '[A-Za-z0-9]{32}|[A-Za-z0-9]{24}',
  nameCheck: (words) => words.some((w) => /^(?:ak|sk|accesskey|secretkey|apikey|access|secret|key|api)/.test(w)),
  validate: (value) => randomLooking(3.5)(value),
  confidence: 'medium',
  example: 'BAIDU_SECRET_KEY=' + '17YG3XM8A6oofQki5NkvgVcP',
});

export const CLOUD_CN_DETECTORS: readonly Detector[] = [
  alibabaAccessKeyId,
  alibabaAccessKeySecret,
  tencentSecretId,
  tencentSecretKey,
  huaweiAccessKey,
  baiduAccessKey,
];
