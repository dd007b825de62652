import { describe, expect, it } from 'vitest';
import { DEFAULT_DETECTORS } from '../detectors/index.js';
import type { TextDocument } from '../extract/index.js';
import { scanChunks } from './document-scanner.js';
import { withColumnHeader } from './column-header.js';
import { TextScanner } from './text-scanner.js';

const scanner = new TextScanner(DEFAULT_DETECTORS);

async function scanDoc(format: TextDocument['format'], text: string) {
  const doc: TextDocument = { path: 'x', format, encoding: 'utf-8', chunks: (async function* () { yield text; })() };
  const out: Array<{ type: string; value: string; confidence: string; line: number }> = [];
  for await (const r of scanChunks(withColumnHeader(doc, scanner), scanner, { maxLineLength: 1 << 20 })) {
    for (const m of r.matches) out.push({ type: m.type, value: m.value, confidence: m.confidence, line: m.line });
  }
  return out;
}

// Rows far enough below the header that no keyword is within reach of the values.
const filler = Array.from({ length: 20 }, (_, i) => `${i},"Zhang, San",note ${i},-`).join('\n');

describe('CSV and TSV column headers as context', () => {
  it('finds keyword-gated values under a header that names them, and only in that column', async () => {
    const csv = `id,name,remark,IMEI\n${filler}\n99,"Li, Si",490154203237518,490154203237518\n`;
    const found = await scanDoc('csv', csv);
    expect(found.filter((f) => f.type === 'imei')).toEqual([{ type: 'imei', value: '490154203237518', confidence: 'high', line: 22 }]);
  });

  it('raises the confidence of a value under its header', async () => {
    const tsv = `编号\t护照号码\n${filler.replace(/,/g, '\t')}\n1\tE12345678\n`;
    const [passport] = (await scanDoc('tsv', tsv)).filter((f) => f.type === 'cn_passport');
    expect(passport?.confidence).toBe('medium');
    const [plain] = (await scanDoc('text', tsv)).filter((f) => f.type === 'cn_passport');
    expect(plain?.confidence).toBe('low');
  });

  it('does not carry a header over to the next document', async () => {
    await scanDoc('csv', `IMEI\n490154203237518\n`);
    expect((await scanDoc('text', `${filler}\n490154203237518\n`)).filter((f) => f.type === 'imei')).toEqual([]);
  });
});
