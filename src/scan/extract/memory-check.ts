// Shows that extraction streams: writes a large text file (and the same text gzipped
// and zipped) to a temp dir in pieces, extracts each with extractFile, and prints the
// peak RSS seen while extracting as JSON. Too heavy for the test suite.
// Run: node --expose-gc --import tsx src/scan/extract/memory-check.ts [MiB=300]
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGzip } from 'node:zlib';
import { Zip, ZipDeflate } from 'fflate';
import { DEFAULT_LIMITS, extractFile, type ExtractIssue } from './index.js';
import { tempDir } from './test-support.js';

const MiB = 1024 * 1024;

/** Varied CSV-like lines (a detector's food), so that they compress like real data and not like a bomb. */
function* textPieces(totalBytes: number): Generator<Buffer> {
  let written = 0;
  let row = 0;
  while (written < totalBytes) {
    const lines: string[] = [];
    for (let i = 0; i < 10_000; i++, row++) lines.push(`${row},Zhang San ${row % 977},138${String((row * 7919) % 1e8).padStart(8, '0')},note ${(row * 31) % 10007}\n`);
    const piece = Buffer.from(lines.join(''));
    written += piece.length;
    yield piece;
  }
}

async function writePieces(path: string, totalBytes: number, via?: NodeJS.ReadWriteStream): Promise<void> {
  const file = createWriteStream(path);
  const out = via ?? file;
  if (via) via.pipe(file);
  for (const piece of textPieces(totalBytes)) if (!out.write(piece)) await once(out, 'drain');
  out.end();
  await once(file, 'close');
}

async function writeZip(path: string, totalBytes: number): Promise<void> {
  const file = createWriteStream(path);
  let pending = Promise.resolve();
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    if (!file.write(chunk)) pending = once(file, 'drain').then(() => undefined);
  });
  const member = new ZipDeflate('big.csv', { level: 1 });
  zip.add(member);
  for (const piece of textPieces(totalBytes)) {
    member.push(piece);
    await pending;
  }
  member.push(new Uint8Array(0), true);
  zip.end();
  file.end();
  await once(file, 'close');
}

async function measure(file: string, display: string): Promise<Record<string, unknown>> {
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  let chars = 0;
  let chunks = 0;
  let firstChunkMs: number | undefined;
  const issues: ExtractIssue[] = [];
  const sample = (): void => { peak = Math.max(peak, process.memoryUsage().rss); };
  const timer = setInterval(sample, 5);
  const started = performance.now();
  await extractFile(file, display, { ...DEFAULT_LIMITS, maxDecompressedBytes: 4 * 1024 * MiB }, {
    async document(doc) {
      for await (const chunk of doc.chunks) {
        firstChunkMs ??= performance.now() - started;
        chars += chunk.length;
        chunks++;
        sample();
      }
    },
    issue: (i) => issues.push(i),
  });
  clearInterval(timer);
  return {
    file: display,
    fileMiB: Math.round((await stat(file)).size / MiB),
    chars,
    chunks,
    issues: issues.map((i) => i.code),
    seconds: Math.round(performance.now() - started) / 1000,
    firstChunkMs: Math.round(firstChunkMs ?? -1),
    baselineRssMiB: Math.round(baseline / MiB),
    peakRssMiB: Math.round(peak / MiB),
  };
}

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 300) * MiB;
  const { dir, cleanup } = await tempDir('leakwatch-memory-');
  try {
    const text = join(dir, 'big.csv');
    const gz = join(dir, 'big.csv.gz');
    const zip = join(dir, 'big.zip');
    await writePieces(text, size);
    await writePieces(gz, size, createGzip({ level: 1 }));
    await writeZip(zip, size);
    const results = [await measure(text, 'big.csv'), await measure(gz, 'big.csv.gz'), await measure(zip, 'big.zip')];
    const peak = Math.max(...results.map((r) => Number(r['peakRssMiB'])));
    const growth = Math.max(...results.map((r) => Number(r['peakRssMiB']) - Number(r['baselineRssMiB'])));
    // Bounded: what extraction adds to the process stays a small fraction of the text it streams.
    console.log(JSON.stringify({ textMiB: size / MiB, peakRssMiB: peak, maxGrowthMiB: growth, bounded: growth < size / MiB / 4, results }, null, 2));
  } finally {
    await cleanup();
  }
}

await main();
