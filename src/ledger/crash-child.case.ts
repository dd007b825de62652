// Child process for crash.test.ts: opens the ledger in argv[2] and appends batches
// of records forever, printing "index leafhash" for each append once it is
// acknowledged. The test kills it with SIGKILL at a random moment.
import { openLedger } from './index.js';

const dir = process.argv[2]!;
const ledger = await openLedger(dir, { checkpointIntervalMs: 5, integrateEvery: 64 });
process.stdout.write(`open ${ledger.size} ${ledger.recovery.tornBytes}\n`);
for (let seq = 0; ; seq++) {
  const n = 1 + (seq % 37);
  const batch = [];
  for (let i = 0; i < n; i++) batch.push(ledger.append({ kind: 'crash.test', actor: `pid:${process.pid}`, subject: `${seq}/${i}`, data: { seq, i, pad: 'x'.repeat((seq * 7 + i) % 300) } }));
  const results = await Promise.all(batch);
  process.stdout.write(results.map((r) => `${r.index} ${r.leafHash.toString('hex')}\n`).join(''));
}
