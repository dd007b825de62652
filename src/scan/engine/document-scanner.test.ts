import { describe, expect, it } from 'vitest';
import type { Detector } from '../detectors/index.js';
import { scanChunks, type Region } from './document-scanner.js';
import { TextScanner } from './text-scanner.js';

const digits: Detector = {
  id: 'test_digits',
  category: 'pii',
  pipl: 'personal',
  description: 'eleven digits',
  validation: 'none',
  anchors: [],
  pattern: /(?<![0-9])[0-9]{11}(?![0-9])/g,
  example: '13812345678',
};
const scanner = new TextScanner([digits]);

async function collect(chunks: string[], maxLineLength = 1000, onLongLine?: (line: number) => void): Promise<Region[]> {
  const out: Region[] = [];
  for await (const r of scanChunks(chunks, scanner, { maxLineLength, ...(onLongLine ? { onLongLine } : {}) })) out.push(r);
  return out;
}

function split(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

describe('scanChunks', () => {
  const lines = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? `row ${i}: 1${String(3800000000 + i)}` : `row ${i}: nothing 123 here`));
  const text = lines.join('\n');
  const expected = lines.flatMap((l, i) => (i % 7 === 0 ? [{ line: i + 1, column: l.indexOf(': ') + 3 }] : []));

  it.each([7, 100, 4093, 65536, 1 << 20])('finds every match exactly once with the right line and column when chunks are %i characters', async (size) => {
    const regions = await collect(split(text, size));
    const found = regions.flatMap((r) => r.matches.map((m) => ({ line: m.line, column: m.column })));
    expect(found).toEqual(expected);
  });

  it('yields regions that concatenate back to the text', async () => {
    const regions = await collect(split(text, 1000));
    expect(regions.map((r) => r.text).join('')).toBe(text);
    for (const r of regions) for (const m of r.matches) expect(text.slice(m.start, m.end)).toBe(m.value);
  });

  it('does not report the tail of a digit run cut by a chunk border as a match', async () => {
    const long = 'x'.repeat(10_000) + '9'.repeat(30) + 'y'.repeat(10_000);
    // Chunk sizes that put a step's settling boundary inside the run, 19 digits in: its last 11 digits.
    for (const size of [5, 19, 25].map((k) => 10_000 + k + scanner.maxWindow)) {
      const regions = await collect(split(long, size));
      expect(regions.flatMap((r) => r.matches)).toEqual([]);
    }
  });

  it('reports a line longer than the limit once, and still scans it', async () => {
    const seen: number[] = [];
    const longLine = 'a'.repeat(5000) + ' 13812345678 ' + 'b'.repeat(5000);
    const regions = await collect(split(`first\n${longLine}\n${longLine}`, 777), 2000, (l) => seen.push(l));
    expect(seen).toEqual([2]);
    expect(regions.flatMap((r) => r.matches).map((m) => m.line)).toEqual([2, 3]);
  });

  it('reports end positions across lines', async () => {
    const multi: Detector = { ...digits, id: 'pair', pattern: /AAA\nBB/g };
    const regions: Region[] = [];
    for await (const r of scanChunks(['x\nAAA\nBB'], new TextScanner([multi]), { maxLineLength: 100 })) regions.push(r);
    const [m] = regions.flatMap((r) => r.matches);
    expect([m?.line, m?.column, m?.endLine, m?.endColumn]).toEqual([2, 1, 3, 3]);
  });
});
