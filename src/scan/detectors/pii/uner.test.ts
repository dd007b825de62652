// False-positive check on ordinary Chinese prose: 2,000 Universal NER sentences
// (encyclopedic and news text with names and places but no identifiers) from
// shared/corpora/pii, read in place (CC BY-SA; never copied into the project).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runDetector } from '../detector.js';
import { PII_DETECTORS } from './index.js';

const FILE = fileURLToPath(new URL('../../../../../shared/corpora/pii/uner-zh-sample.jsonl', import.meta.url));
const CHINESE_TYPES = new Set(['cn_resident_id', 'cn_mobile', 'cn_landline', 'cn_bank_card', 'cn_uscc', 'cn_passport', 'hk_id', 'mo_id', 'tw_id', 'cn_license_plate']);

describe.skipIf(!existsSync(FILE))('on 2,000 Universal NER Chinese sentences (skipped when ../shared is absent)', () => {
  const sentences = !existsSync(FILE) ? [] : readFileSync(FILE, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => (JSON.parse(l) as { text: string }).text);

  it('reads the whole sample', () => {
    expect(sentences).toHaveLength(2000);
  });

  it('reports at most 2 findings of the Chinese types', () => {
    const hits: string[] = [];
    for (const s of sentences) {
      // Types only: the sentences are licensed text, and test output carries no values.
      for (const d of PII_DETECTORS) for (const m of runDetector(d, s)) if (CHINESE_TYPES.has(m.type)) hits.push(m.type);
    }
    expect(hits.length, hits.join(', ')).toBeLessThanOrEqual(2);
  });
});
