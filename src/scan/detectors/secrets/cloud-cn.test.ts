// Alibaba, Tencent, Huawei and Baidu cloud credentials: prefixed IDs alone,
// unprefixed secrets only under a key (or near a word) naming the vendor.
import { describe, expect, it } from 'vitest';
import type { Detector } from '../detector.js';
import {
  alibabaAccessKeyId,
  alibabaAccessKeySecret,
  baiduAccessKey,
  huaweiAccessKey,
  tencentSecretId,
  tencentSecretKey,
} from './cloud-cn.js';
import { valuesOf } from './support.case.js';

const LTAI = 'LTAI' + 'uw2HuIcad1ZwAd7z';
const ALI_SECRET = 'U3LUkmGp80MD7gszGJRmfPmELfzi1Y';
const AKID = 'AKID' + 'hlMerGwgubDLGzMxNM5DwS3eESWp5r2q';
const TC_KEY = '9S1v9hol9gk76lOp1tw3jBzlcrthJorm';
const HW_AK = 'UW4Y42CQ87STDS383F5O';
const HW_SK = 'KR0gId2rqbt7KT7CJWRjxCiu3wgYA0qCkQ9iiXAe';
const BD_KEY = '2nxoG9r64TNDAgXeuWSSezIM';

const REPORTED: Array<{ situation: string; detector: Detector; text: string; value: string }> = [
  { situation: 'an Alibaba Cloud AccessKey ID is in Java', detector: alibabaAccessKeyId, text: `String accessKeyId = "${LTAI}";`, value: LTAI },
  { situation: 'an Alibaba Cloud AccessKey secret is in YAML', detector: alibabaAccessKeySecret, text: `aliyun:\n  access-key-secret: ${ALI_SECRET}`, value: ALI_SECRET },
  { situation: 'an AccessKeySecret is in a properties file', detector: alibabaAccessKeySecret, text: `oss.accessKeySecret=${ALI_SECRET}`, value: ALI_SECRET },
  { situation: 'a Tencent Cloud SecretId is in Python', detector: tencentSecretId, text: `cred = credential.Credential("${AKID}", os.environ["TC_KEY"])`, value: AKID },
  { situation: 'a Tencent Cloud SecretKey is in an env file', detector: tencentSecretKey, text: `TENCENTCLOUD_SECRET_KEY=${TC_KEY}`, value: TC_KEY },
  { situation: 'a Tencent SecretKey sits next to its SecretId', detector: tencentSecretKey, text: `secret_id = "${AKID}"\nsecret_key = "${TC_KEY}"`, value: TC_KEY },
  { situation: 'a Huawei Cloud AK is in an env file', detector: huaweiAccessKey, text: `HUAWEICLOUD_SDK_AK=${HW_AK}`, value: HW_AK },
  { situation: 'a Huawei Cloud SK is in YAML', detector: huaweiAccessKey, text: `huaweicloud:\n  secret_key: ${HW_SK}\nhuawei_secret_key: "${HW_SK}"`, value: HW_SK },
  { situation: 'a Baidu API key is in a Java constant', detector: baiduAccessKey, text: `public static final String BAIDU_API_KEY = "${BD_KEY}";`, value: BD_KEY },
];

const NOT_REPORTED: Array<{ situation: string; detector: Detector; text: string }> = [
  { situation: 'an AccessKey ID is masked', detector: alibabaAccessKeyId, text: 'LTAI4FoLmvQ9urWXgSRp****' },
  { situation: 'an AccessKey secret is a placeholder', detector: alibabaAccessKeySecret, text: 'access_key_secret: <your-access-key-secret>' },
  { situation: 'a SecretKey has no Tencent context', detector: tencentSecretKey, text: `jwt.secret_key = "${TC_KEY}"` },
  { situation: 'a Huawei key name does not name a key', detector: huaweiAccessKey, text: `huawei_region_name = "${HW_AK}"` },
  { situation: 'a Baidu setting holds a map key', detector: baiduAccessKey, text: `baidu_map_ak = "${'a'.repeat(24)}"` },
];

describe.each(REPORTED)('when $situation', ({ detector, text, value }) => {
  it(`is reported as ${detector.id}`, () => {
    expect(valuesOf(detector, text)).toContain(value);
  });
});

describe.each(NOT_REPORTED)('when $situation', ({ detector, text }) => {
  it('is not reported', () => {
    expect(valuesOf(detector, text)).toEqual([]);
  });
});
