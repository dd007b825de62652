// Checks the secret detectors against gitleaks' and secretlint's labelled cases
// in ../shared (never copied here): every match must lie inside a window around
// one of the detector's anchors, or the engine's prefilter would lose it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SECRET_DETECTORS } from './index.js';
import { spansMissedByWindows } from './support.case.js';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/corpora/secrets');
const FILES = ['gitleaks-cases.jsonl', 'secretlint-cases.jsonl'];
const present = FILES.every((f) => existsSync(resolve(CORPUS, f)));

function texts(file: string): string[] {
  return readFileSync(resolve(CORPUS, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

describe.skipIf(!present)('on the shared secret corpora (skipped: ../shared/corpora/secrets is absent)', () => {
  it.each(FILES)('finds every match of %s inside an anchor window', (file) => {
    const missed: string[] = [];
    texts(file).forEach((text, row) => {
      for (const d of SECRET_DETECTORS) if (spansMissedByWindows(d, text).length > 0) missed.push(`${d.id} in row ${row}`);
    });
    expect(missed).toEqual([]);
  });
});
