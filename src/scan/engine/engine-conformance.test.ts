import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTORS, PII_DETECTORS, runDetector } from '../detectors/index.js';
import { TextScanner } from './text-scanner.js';

// The engine runs detectors only near anchors and trigger hits; these cases check
// that no true value is lost that way, for the formats that are easiest to lose.
const scanner = new TextScanner(DEFAULT_DETECTORS);

describe('the engine with the default detectors', () => {
  it.each([
    ['2024-01-01 11010519491231002X', 'cn_resident_id', '11010519491231002X'],
    ['电话 010-12345678', 'cn_landline', '010-12345678'],
    ['tel (0755)8765-4321', 'cn_landline', '(0755)8765-4321'],
    ['0755-8765432 ext', 'cn_landline', '0755-8765432'],
    ['0086 13812345678', 'cn_mobile', '0086 13812345678'],
    ['+86 138 1234 5678', 'cn_mobile', '+86 138 1234 5678'],
    ['card 3782 822463 10005', 'credit_card', '3782 822463 10005'],
    ['card 4111-1111-1111-1111', 'credit_card', '4111-1111-1111-1111'],
    ['卡号 6222 0212 3456 7890 128', 'cn_bank_card', '6222 0212 3456 7890 128'],
    ['SSN 536-22-1234', 'us_ssn', '536-22-1234'],
    ['call (415) 555-0132 now', 'phone_number', '(415) 555-0132'],
    ['id A123456(3) on file', 'hk_id', 'A123456(3)'],
    ['护照 E12345678', 'cn_passport', 'E12345678'],
    ['台胞 A123456789', 'tw_id', 'A123456789'],
    ['统一社会信用代码 91350100M000100Y43', 'cn_uscc', '91350100M000100Y43'],
  ])('finds the value in %j', (text, type, value) => {
    const found = scanner.scan(text).filter((m) => m.type === type).map((m) => m.value);
    expect(found).toEqual([value]);
  });

  it('finds what the reference runner finds for every PII example, each in a line of its own', () => {
    const lines = PII_DETECTORS.map((d) => `x ${d.example} y`);
    const text = lines.join('\n');
    const fast = new Set(scanner.scan(text).map((m) => `${m.type}@${m.start}`));
    const missing: string[] = [];
    for (const d of PII_DETECTORS) {
      if (d.requireKeyword) continue;
      for (const m of runDetector(d, text)) if (!fast.has(`${m.type}@${m.start}`)) missing.push(`${m.type}: ${m.value}`);
    }
    // A reference match may lose to an overlapping better one of the same category; none here do.
    expect(missing).toEqual([]);
  });
});
