// Runs the secrets evaluation with the reference scanner and prints one JSON
// line per corpus: `node --import tsx eval/scan/secrets-main.ts`. Exit code 1
// when a corpus misses its goal.
import { referenceScanDir } from './reference.js';
import { evalSecrets } from './secrets-corpus.js';

const scores = await evalSecrets(referenceScanDir);
for (const s of scores) process.stdout.write(JSON.stringify(s) + '\n');
if (scores.some((s) => !s.pass && s['skipped'] === undefined)) process.exitCode = 1;
