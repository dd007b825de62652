// `npm run eval:scan`: the scanner's quality on corpora nobody here wrote (gitleaks'
// and secretlint's labelled cases, Presidio's recognizer tests, the Universal NER
// Chinese sample, all read from ../shared) and on the generated Chinese corpus.
// Prints one JSON line per score, then a summary; exits 1 below any goal.
//   npm run eval:scan [-- secrets|presidio|zh] [--reference]
import { evalPresidio } from './presidio-corpus.js';
import { evalSecrets } from './secrets-corpus.js';
import { evalChinese } from './zh-corpus.js';
import { referenceScanDir } from './reference.js';
import { leakwatchScanDir } from './scanner.js';
import type { EvalScore } from './types.js';

const args = process.argv.slice(2);
const scanner = args.includes('--reference') ? 'reference' : 'leakwatch';
const scanDir = scanner === 'reference' ? referenceScanDir : leakwatchScanDir;
const only = args.find((a) => !a.startsWith('--'));
const suites: Record<string, () => Promise<EvalScore[]>> = {
  secrets: () => evalSecrets(scanDir),
  presidio: () => evalPresidio(scanDir),
  zh: () => evalChinese(scanDir),
};
if (only !== undefined && !(only in suites)) {
  process.stderr.write(`unknown suite ${only} (one of ${Object.keys(suites).join(', ')})\n`);
  process.exit(2);
}
const scores: EvalScore[] = [];
for (const [name, run] of Object.entries(suites)) {
  if (only !== undefined && only !== name) continue;
  const started = performance.now();
  const s = await run();
  for (const score of s) process.stdout.write(JSON.stringify({ ...score, scanner }) + '\n');
  scores.push(...s);
  process.stderr.write(`${name}: ${s.length} scores in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
const failed = scores.filter((s) => !s.pass && !s['skipped']);
const skipped = scores.filter((s) => s['skipped']);
process.stdout.write(JSON.stringify({ summary: 'eval:scan', scanner, scores: scores.length, failed: failed.map((s) => `${s.corpus}${s['type'] ? ':' + String(s['type']) : ''}`), skipped: skipped.length, pass: failed.length === 0 }) + '\n');
process.exitCode = failed.length === 0 ? 0 : 1;
