// Runs the personal-data evaluations and prints one JSON line per score:
//   node --import tsx eval/scan/pii-main.ts [presidio|zh] [--real]
// By default with the reference scanner (plain UTF-8 files only); --real uses the
// full scanner (GBK, zip, docx) from eval/scan/scanner.ts.
import { evalPresidio } from './presidio-corpus.js';
import { evalChinese } from './zh-corpus.js';
import { referenceScanDir } from './reference.js';
import { leakwatchScanDir } from './scanner.js';
import type { EvalScore } from './types.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const real = args.includes('--real');
  const scanDir = real ? leakwatchScanDir : referenceScanDir;
  const only = args.find((a) => !a.startsWith('--'));
  const scores: EvalScore[] = [];
  if (only === undefined || only === 'presidio') scores.push(...(await evalPresidio(scanDir)));
  if (only === undefined || only === 'zh') scores.push(...(await evalChinese(scanDir)));
  for (const s of scores) console.log(JSON.stringify({ ...s, scanner: real ? 'leakwatch' : 'reference' }));
  process.exitCode = scores.every((s) => s.pass) ? 0 : 1;
}

await main();
