// Runs openredaction (a JavaScript PII library) over every text file of the
// corpus, in 64 KiB pieces cut at line ends, and prints how much it read and
// found. Office files and archives are skipped: it reads only text.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OpenRedaction } from 'openredaction';

const dir = process.argv[2]!;
const redactor = new OpenRedaction({});
let bytes = 0;
let files = 0;
let detections = 0;

async function* walk(d: string): AsyncGenerator<string> {
  for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(d, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && !/\.(docx|zip)$/.test(e.name)) yield p;
  }
}

const report = () => process.stdout.write(JSON.stringify({ bytes, files, detections }) + '\n');
process.on('SIGTERM', () => {
  report();
  process.exit(0);
});

for await (const file of walk(dir)) {
  const text = await readFile(file, 'utf8');
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + 65536);
    const nl = text.indexOf('\n', end);
    end = nl < 0 || nl - end > 4096 ? end : nl + 1;
    const piece = text.slice(i, end);
    const result = await redactor.detect(piece);
    detections += result.detections.length;
    bytes += Buffer.byteLength(piece);
    i = end;
  }
  files++;
}
report();
