// The ingest path alone (read, gunzip, parse, normalise, store), without
// detection: what `bench/ingest/main.ts` measures next to the whole command.
// Usage: node --import tsx bench/ingest/ingest-only.ts DATA_DIR PATH... (prints the summary totals as JSON)
import { IngestPipeline } from '../../src/events/index.js';
import { openStore } from '../../src/store/index.js';

const [data, ...paths] = process.argv.slice(2);
if (!data || paths.length === 0) throw new Error('usage: ingest-only.ts DATA_DIR PATH...');
const store = await openStore(data);
try {
  const summary = await new IngestPipeline(store, { exclude: [data] }).run(paths);
  process.stdout.write(`${JSON.stringify({ total: summary.total })}\n`);
} finally {
  await store.close();
}
