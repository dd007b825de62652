// The least any ingest of this corpus must do, as a reference for the figures
// of bench/ingest/main.ts: read each file, gunzip it, JSON.parse it whole and
// count its records. No framing, normalising, storing or detection.
// Usage: node bench/ingest/floor.ts DIR... (prints {"total":{"events":N}})
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

let events = 0;
for (const dir of process.argv.slice(2)) {
  for (const name of (await readdir(dir)).sort()) {
    const bytes = await readFile(join(dir, name));
    const text = (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
    const doc = JSON.parse(text) as unknown;
    events += Array.isArray(doc) ? doc.length : ((doc as { Records?: unknown[] }).Records?.length ?? 0);
  }
}
process.stdout.write(`${JSON.stringify({ total: { records: events, events, duplicates: 0, dead_letter: 0 } })}\n`);
